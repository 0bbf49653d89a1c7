package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firehose tracing of one vhost on every node of a cluster. RabbitMQ keeps the switch per node: the management
 * API's {@code PUT /api/vhosts/{vhost}} with {@code "tracing": true} switches it on only on the node that serves
 * the request (as {@code rabbitmqctl trace_on} does on the node it talks to), and a node that restarts comes back
 * with it off. So the switch goes through each node's own management listener (the nodes are read from
 * {@code api/overview}), {@link #ensureQuietly()} checks again on every topology refresh and reconnect, and
 * {@link #restore()} switches it back off on every node where this sniffer switched it on.
 */
final class VhostTracing {
    private final ManagementClient management;
    private final String vhost;
    private final Set<URI> switchedOn = ConcurrentHashMap.newKeySet();
    private volatile List<URI> nodes = List.of();
    private volatile String problem;
    private Thread shutdownHook;

    VhostTracing(ManagementClient management, String vhost) {
        this.management = management;
        this.vhost = vhost;
    }

    /**
     * Switches tracing on wherever it is off. Throws {@link ManagementException} when the management API cannot be
     * read or refuses (a missing tag); a cluster node that does not answer is only noted, {@link #ensureQuietly()}
     * switches it on when it is back.
     */
    synchronized void enable() {
        nodes = management.nodeUrls();
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::restore, "osloscope-sniff-restore-tracing");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        ensure(true);
    }

    /** Switches tracing on again wherever it is off now (a restarted or new node); never throws. */
    void ensureQuietly() {
        try {
            nodes = management.nodeUrls();
        } catch (ManagementException e) {
            // NOTE(cluster): keep the nodes known so far; the ones that answer are still checked below.
        }
        try {
            ensure(false);
        } catch (RuntimeException e) {
            problem = "tracing of vhost '" + vhost + "': " + e.getMessage();
        }
    }

    private synchronized void ensure(boolean strict) {
        List<URI> known = nodes;
        for (URI node : known) {
            ManagementClient m = known.size() == 1 ? management : management.forNode(node);
            try {
                if (!m.vhost(vhost).tracing()) {
                    m.setTracing(vhost, true);
                    switchedOn.add(node);
                }
            } catch (ManagementException e) {
                if (strict && (known.size() == 1 || e.reason() != ManagementException.Reason.UNREACHABLE)) {
                    throw e;
                }
                problem = "tracing of vhost '" + vhost + "' on node " + node + ": " + e.getMessage();
            }
        }
    }

    /** Switches tracing back off on every node where it was switched on here. Idempotent. */
    synchronized void restore() {
        for (URI node : List.copyOf(switchedOn)) {
            ManagementClient m = nodes.size() <= 1 ? management : management.forNode(node);
            try {
                m.setTracing(vhost, false);
                switchedOn.remove(node);
            } catch (ManagementException e) {
                if (e.reason() == ManagementException.Reason.UNREACHABLE && nodes.size() > 1) {
                    // NOTE(cluster): a node that is down comes back with tracing off; nothing to restore there.
                    switchedOn.remove(node);
                } else {
                    problem = "could not switch tracing back off on " + node + ": " + e.getMessage()
                            + "; run rabbitmqctl trace_off -p " + vhost + " on that node";
                }
            }
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // NOTE(shutdown): the JVM is already exiting; the hook runs or has run.
            }
        }
        shutdownHook = null;
    }

    /** True while tracing is on somewhere because of this sniffer. */
    boolean switchedOn() {
        return !switchedOn.isEmpty();
    }

    /** The nodes whose management listeners are used, as last read. */
    List<URI> nodes() {
        return nodes;
    }

    /** The last thing that went wrong, or null. */
    String problem() {
        return problem;
    }
}
