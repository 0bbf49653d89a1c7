package io.osloscope.engine.sniff.health;

import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.LatencyStats;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives {@link HealthHint}s. Queue roles follow oslo's naming: {@code reply_*} reply queues,
 * {@code <topic>_fanout_*} fanout queues, queue-manager names ({@link QueueManagerName}, grouped by host and
 * process, never orphans while reusable), {@code <topic>_fanout} streams, and server queues {@code <topic>.<host>} bound with their own
 * name as key (notification queues {@code <topic>.<priority>} are excluded). Linear in the number of
 * queues and bindings, so thousands of queues are fine.
 */
public final class HealthHints {
    /** A backlog must have grown by at least this many messages to be reported. */
    public static final long BACKLOG_GROWTH = 10;
    /** p99 above this multiple of p50 (and above 1 s) marks a latency outlier. */
    public static final double OUTLIER_FACTOR = 10.0;
    /** A queue-manager queue this close to its x-expires (or a tenth of x-expires, if more) is about to go. */
    public static final Duration EXPIRY_NEAR = Duration.ofSeconds(60);
    private static final Set<String> PRIORITIES = Set.of("audit", "debug", "info", "warn", "warning", "error",
            "critical", "sample");

    private HealthHints() {
    }

    /**
     * Every rule: {@code samples} are management snapshots oldest first (one or more; rules that need history, such as
     * growth and churn, compare them), {@code details} the latest quorum and stream details, {@code calls} and
     * {@code unroutablePublishes} what a capture paired and counted, {@code traffic} what it saw of oslo (null
     * without a capture).
     */
    public static List<HealthHint> compute(List<ManagementSnapshot> samples, Map<String, QueueDetails> details,
                                           CallTracker calls, long unroutablePublishes, OsloTraffic traffic) {
        Map<String, QueueDetails> d = details == null ? Map.of() : details;
        ManagementSnapshot now = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        ManagementSnapshot before = samples.size() > 1 ? samples.get(0) : null;
        List<HealthHint> out = new ArrayList<>(compute(now, before, calls, unroutablePublishes, d));
        if (now != null) {
            Set<String> hinted = new HashSet<>();
            out.forEach(h -> hinted.add(h.subject()));
            ClusterRules.apply(samples, d, hinted, out);
        }
        OsloRules.apply(now, calls == null ? List.of() : calls.pendingCalls(), traffic, out);
        return out;
    }

    public static List<HealthHint> compute(ManagementSnapshot now, ManagementSnapshot before, CallTracker calls,
                                           long unroutablePublishes) {
        return compute(now, before, calls, unroutablePublishes, Map.of());
    }

    /**
     * As above, with the quorum and stream details the management API gave for {@code now} (by queue name; see
     * {@link QueueDetails}), for stream fanouts and the expiry of queue-manager queues. {@code now.at()} is the
     * clock for expiry estimates.
     */
    public static List<HealthHint> compute(ManagementSnapshot now, ManagementSnapshot before, CallTracker calls,
                                           long unroutablePublishes, Map<String, QueueDetails> details) {
        List<HealthHint> out = new ArrayList<>();
        if (now != null) {
            topologyHints(now, before, out, details == null ? Map.of() : details,
                    calls == null ? List.of() : calls.pendingCalls());
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

    private static void topologyHints(ManagementSnapshot now, ManagementSnapshot before, List<HealthHint> out,
                                      Map<String, QueueDetails> details, List<TrackedCall> pending) {
        Map<String, List<QueueView>> qmanager = new TreeMap<>();
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
            QueueManagerName qm = QueueManagerName.parse(n);
            if (q.type() == QueueType.STREAM) {
                // NOTE(streams): a stream's depth is the log it retains, not a backlog; no growth hint.
                if (n.endsWith(OsloKeys.FANOUT_SUFFIX)) {
                    out.add(streamFanout(q, details.get(n)));
                }
                continue;
            }
            if (qm != null) {
                qmanager.computeIfAbsent(qm.owner(), k -> new ArrayList<>()).add(q);
            } else if (n.startsWith(OsloKeys.REPLY_QUEUE_PREFIX)) {
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
                // cinder-volume.cmp1@lvm.cmp1: the cinder-volume service on cmp1@lvm (see Destination)
                String[] topicHost = io.osloscope.engine.wire.Destination.topicAndServer(n);
                out.add(new HealthHint(Severity.PROBLEM, Kind.NO_CONSUMER, n, n + " has no consumer: the "
                        + topicHost[0] + " service on " + topicHost[1] + " looks down"
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
        qmanager.forEach((owner, queues) -> queueManagerHints(owner, queues, details, pending, now.at(), out));
    }

    /**
     * Queue-manager queues of one {@code host:process}: those without consumer are kept for the next process of that
     * name, not orphans, until {@code x-expires} passes unused; a warning when that is near and calls still wait
     * for replies there.
     */
    private static void queueManagerHints(String owner, List<QueueView> queues,
                                          Map<String, QueueDetails> details, List<TrackedCall> pending, Instant at,
                                          List<HealthHint> out) {
        List<String> idle = new ArrayList<>();
        for (QueueView q : queues) {
            if (q.consumers() > 0) {
                continue;
            }
            QueueDetails d = details.get(q.name());
            Instant unusedSince = d == null ? null : d.idleSince();
            StringBuilder what = new StringBuilder(q.name());
            if (q.messages() > 0) {
                what.append(" (").append(q.messages()).append(" waiting)");
            }
            idle.add(what.toString());
            Long expiresMillis = expiresMillis(q);
            if (expiresMillis == null || unusedSince == null || at == null) {
                continue;
            }
            Duration expires = Duration.ofMillis(expiresMillis);
            Duration left = Duration.between(at, unusedSince.plus(expires));
            Duration near = expires.dividedBy(10).compareTo(EXPIRY_NEAR) > 0 ? expires.dividedBy(10) : EXPIRY_NEAR;
            long waiting = pending.stream().filter(c -> q.name().equals(c.replyQ())).count();
            if (left.compareTo(near) <= 0 && waiting > 0) {
                out.add(new HealthHint(Severity.WARNING, Kind.QUEUE_MANAGER_EXPIRY, q.name(), q.name()
                        + " has had no consumer since " + unusedSince + " and the broker drops it "
                        + (left.isNegative() ? "now" : "in about " + left.toSeconds() + " s") + " (x-expires "
                        + expires.toSeconds() + " s); " + waiting + " call(s) still wait for a reply there, which "
                        + "would then be dropped"));
            }
        }
        if (!idle.isEmpty()) {
            QueueView first = queues.get(0);
            QueueManagerName n = QueueManagerName.parse(first.name());
            out.add(new HealthHint(Severity.INFO, Kind.QUEUE_MANAGER_IDLE, owner, owner + ": " + idle.size()
                    + " queue-manager queue(s) without consumer, kept for the next " + n.process() + " on " + n.host()
                    + " (not orphans; the broker drops one only after x-expires unused): " + String.join(", ", idle)));
        }
    }

    private static HealthHint streamFanout(QueueView q, QueueDetails d) {
        String n = q.name();
        String topic = n.substring(0, n.length() - OsloKeys.FANOUT_SUFFIX.length());
        StringBuilder s = new StringBuilder(n).append(": stream fanout of topic ").append(topic).append("; ");
        int consumers;
        if (d == null) {
            consumers = q.consumers();
            s.append(consumers).append(" consumer(s)");
        } else {
            List<QueueDetails.Consumer> app = d.applicationConsumers();
            consumers = app.size();
            s.append(consumers).append(" consumer(s)");
            if (!app.isEmpty()) {
                s.append(" [");
                for (int i = 0; i < app.size(); i++) {
                    QueueDetails.Consumer c = app.get(i);
                    s.append(i == 0 ? "" : ", ").append(c.connection()).append(" tag ").append(c.tag())
                            .append(" from ").append(c.startOffset() == null ? "?" : c.startOffset())
                            .append(c.offsetLag() == null ? "" : ", offset lag " + c.offsetLag());
                }
                s.append("]");
            }
            if (d.staleConsumerCount()) {
                s.append(" (the broker reports ").append(d.reportedConsumers()).append(" but lists none: a stale count,"
                        + " as RabbitMQ 4.0.5 keeps after its consumers left)");
            }
            if (app.stream().allMatch(c -> c.offsetLag() == null) && !app.isEmpty()) {
                s.append("; offset lag: not reported by the management API");
            }
            s.append("; retention x-max-age ").append(d.maxAge() == null ? "none" : d.maxAge())
                    .append(", x-max-length-bytes ").append(d.maxLengthBytes() == null ? "none" : d.maxLengthBytes())
                    .append("; ").append(d.retained()).append(" message(s) retained")
                    .append(d.segments() == null ? "" : " in " + d.segments() + " segment(s)");
        }
        return new HealthHint(consumers == 0 ? Severity.WARNING : Severity.INFO, Kind.STREAM_FANOUT, n,
                consumers == 0 ? s + "; nobody receives fanout casts to " + topic + " now" : s.toString());
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
