package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Firehose tracing of one vhost on every node of a cluster. RabbitMQ keeps the switch per node: the management
 * API's {@code PUT /api/vhosts/{vhost}} with {@code "tracing": true} switches it on only on the node that serves
 * the request (as {@code rabbitmqctl trace_on} does on the node it talks to), and a node that restarts comes back
 * with it off. So the switch goes through each node's own management listener (the nodes are read from
 * {@code api/overview}), {@link #ensureQuietly} checks again on every topology refresh and reconnect, and
 * {@link #restore()} switches it back off on every node where this sniffer switched it on.
 *
 * <p>The one place that watches the switch: a node found off after it had been seen on (someone ran
 * {@code rabbitmqctl trace_off}, another tool restored its state, the node restarted) is switched back on and
 * reported, with the moment tracing was last seen on, so the sniffer counts it as a loss stage and marks the hole.
 */
final class VhostTracing {
    private final ManagementClient management;
    private final String vhost;
    private final Set<URI> switchedOn = ConcurrentHashMap.newKeySet();
    /** Nodes seen with tracing on since {@link #enable()}: found off later, tracing was switched off behind us. */
    private final Set<URI> seenOn = ConcurrentHashMap.newKeySet();
    private volatile Instant lastSeenOn;
    private volatile List<URI> nodes = List.of();
    private volatile String problem;
    private Thread shutdownHook;

    /**
     * Tracing found switched off on {@code nodes} (and switched back on); messages published through them between
     * {@code since} (when it was last seen on) and now were not traced, their number unknown.
     */
    record SwitchedOff(List<URI> nodes, Instant since) {
    }

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
        seenOn.clear();
        ensure(true, Instant.now(), new ArrayList<>());
    }

    /**
     * Switches tracing on again wherever it is off now (a restarted or new node); never throws. Returns the nodes
     * where it had been on and was found off, or null when there were none.
     */
    SwitchedOff ensureQuietly(Instant now) {
        try {
            nodes = management.nodeUrls();
        } catch (ManagementException e) {
            // NOTE(cluster): keep the nodes known so far; the ones that answer are still checked below.
        }
        Instant since = lastSeenOn;
        List<URI> off = new ArrayList<>();
        try {
            ensure(false, now, off);
        } catch (RuntimeException e) {
            problem = "tracing of vhost '" + vhost + "': " + e.getMessage();
        }
        return off.isEmpty() ? null : new SwitchedOff(List.copyOf(off), since == null ? now : since);
    }

    private synchronized void ensure(boolean strict, Instant now, List<URI> foundOff) {
        List<URI> known = nodes;
        for (URI node : known) {
            ManagementClient m = known.size() == 1 ? management : management.forNode(node);
            try {
                if (!m.vhost(vhost).tracing()) {
                    m.setTracing(vhost, true);
                    switchedOn.add(node);
                    if (seenOn.contains(node)) {
                        foundOff.add(node);
                    }
                }
                seenOn.add(node);
            } catch (ManagementException e) {
                if (strict && (known.size() == 1 || e.reason() != ManagementException.Reason.UNREACHABLE)) {
                    throw e;
                }
                problem = "tracing of vhost '" + vhost + "' on node " + node + ": " + e.getMessage();
            }
        }
        lastSeenOn = now;
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
