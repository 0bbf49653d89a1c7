package io.osloscope.engine.sniff.health;

import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.LatencyStats;
import io.osloscope.engine.wire.OsloKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives {@link HealthHint}s. Queue roles follow oslo's naming: {@code reply_*} reply queues,
 * {@code <topic>_fanout_*} fanout queues, and server queues {@code <topic>.<host>} bound with their own
 * name as key (notification queues {@code <topic>.<priority>} are excluded). Linear in the number of
 * queues and bindings, so thousands of queues are fine.
 */
public final class HealthHints {
    /** A backlog must have grown by at least this many messages to be reported. */
    public static final long BACKLOG_GROWTH = 10;
    /** p99 above this multiple of p50 (and above 1 s) marks a latency outlier. */
    public static final double OUTLIER_FACTOR = 10.0;
    private static final Set<String> PRIORITIES = Set.of("audit", "debug", "info", "warn", "warning", "error",
            "critical", "sample");

    private HealthHints() {
    }

    public static List<HealthHint> compute(ManagementSnapshot now, ManagementSnapshot before, CallTracker calls,
                                           long unroutablePublishes) {
        List<HealthHint> out = new ArrayList<>();
        if (now != null) {
            topologyHints(now, before, out);
        }
        if (unroutablePublishes > 0) {
            out.add(new HealthHint(Severity.WARNING, Kind.UNROUTABLE, "publishes", unroutablePublishes
                    + " publish(es) were routed to no queue: nobody listens on that topic, or the reply queue is gone"));
        }
        if (calls != null) {
            CallTracker.Counts c = calls.counts();
            if (c.repliesToVanishedQueues() > 0) {
                out.add(new HealthHint(Severity.WARNING, Kind.UNROUTABLE, "replies", c.repliesToVanishedQueues()
                        + " reply(ies) went to a reply queue nobody reads any more: the caller is gone"));
            }
            if (c.timedOut() > 0) {
                out.add(new HealthHint(Severity.PROBLEM, Kind.TIMEOUTS, "calls", c.timedOut()
                        + " call(s) got no reply before their timeout"));
            }
            for (LatencyStats s : calls.latencyByMethod()) {
                if (s.count() >= 20 && s.p99Millis() > 1000 && s.p99Millis() > OUTLIER_FACTOR * s.p50Millis()) {
                    out.add(new HealthHint(Severity.WARNING, Kind.LATENCY_OUTLIER, s.key(), String.format(
                            "%s: p99 %.0f ms is more than %.0f× its p50 %.1f ms", s.key(), s.p99Millis(),
                            OUTLIER_FACTOR, s.p50Millis())));
                }
            }
            List<LatencyStats> hosts = calls.latencyByHost();
            if (hosts.size() >= 3) {
                double[] p50s = hosts.stream().mapToDouble(LatencyStats::p50Millis).sorted().toArray();
                double median = p50s[p50s.length / 2];
                for (LatencyStats s : hosts) {
                    if (s.count() >= 5 && s.p50Millis() > 1000 && s.p50Millis() > OUTLIER_FACTOR * median) {
                        out.add(new HealthHint(Severity.WARNING, Kind.LATENCY_OUTLIER, s.key(), String.format(
                                "host %s answers in %.0f ms (p50), others in %.1f ms", s.key(), s.p50Millis(), median)));
                    }
                }
            }
        }
        return out;
    }

    private static void topologyHints(ManagementSnapshot now, ManagementSnapshot before, List<HealthHint> out) {
        Set<String> selfBound = new HashSet<>();
        for (BindingView b : now.topology().bindings()) {
            if (b.queue().equals(b.bindingKey()) && !b.exchange().isEmpty()) {
                selfBound.add(b.queue());
            }
        }
        Map<String, Long> previousDepth = new HashMap<>();
        if (before != null) {
            before.topology().queues().forEach(q -> previousDepth.put(q.name(), q.messages()));
        }
        for (QueueView q : now.topology().queues()) {
            String n = q.name();
            Long expiresMillis = expiresMillis(q);
            if (n.startsWith("amq.gen-")) {
                continue;
            }
            if (n.startsWith(OsloKeys.REPLY_QUEUE_PREFIX)) {
                if (q.consumers() == 0) {
                    out.add(new HealthHint(Severity.INFO, Kind.ORPHAN_REPLY_QUEUE, n, n + " has no consumer: its caller "
                            + "is gone" + (expiresMillis != null ? "; the broker drops it after "
                            + expiresMillis / 1000 + " s unused" : "") + (q.messages() > 0 ? " (" + q.messages()
                            + " replies nobody will read)" : "")));
                }
            } else if (n.contains(OsloKeys.FANOUT_SUFFIX + "_")) {
                if (q.consumers() == 0) {
                    out.add(new HealthHint(Severity.WARNING, Kind.ORPHAN_FANOUT_QUEUE, n, n + " has no consumer: its "
                            + "server stopped without deleting it" + (q.messages() > 0 ? "; " + q.messages()
                            + " fanout messages pile up" : "")));
                }
            } else if (isServerQueue(n, selfBound) && q.consumers() == 0) {
                String host = n.substring(n.indexOf('.') + 1);
                out.add(new HealthHint(Severity.PROBLEM, Kind.NO_CONSUMER, n, n + " has no consumer: the "
                        + n.substring(0, n.indexOf('.')) + " service on " + host + " looks down"
                        + (q.messages() > 0 ? " (" + q.messages() + " messages waiting)" : "")));
            }
            Long prev = previousDepth.get(n);
            if (prev != null && q.messages() - prev >= BACKLOG_GROWTH) {
                out.add(new HealthHint(Severity.WARNING, Kind.GROWING_BACKLOG, n, n + " grew from " + prev + " to "
                        + q.messages() + " messages" + (q.consumers() == 0 ? " with no consumer"
                        : String.format(" (in %.1f/s, out %.1f/s)", now.stats(n).publishRate(),
                        now.stats(n).deliverRate()))));
            }
        }
    }

    private static Long expiresMillis(QueueView q) {
        return q.arguments().get("x-expires") instanceof Number n ? n.longValue() : null;
    }

    static boolean isServerQueue(String name, Set<String> selfBound) {
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || !selfBound.contains(name)) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
        return !PRIORITIES.contains(last) && !name.startsWith("notifications.");
    }
}
