package io.osloscope.engine.sniff.health;

import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Rules that know oslo and nova: a dead compute (its {@code compute.<host>} queue without consumer and its
 * report_state updates stopped), a classic reply queue about to expire with calls pending, calls refused with
 * {@code UnsupportedVersion}, and timeouts clustering on one method or host.
 */
final class OsloRules {
    /** A compute that has not reported for this many report intervals counts as stopped reporting. */
    static final int MISSED_REPORTS = 3;
    /** At least this many timeouts before looking for a cluster, and the share one method or host must have. */
    static final int CLUSTER_MIN = 3;
    static final double CLUSTER_SHARE = 0.5;
    private static final DateTimeFormatter RABBIT_310 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OsloRules() {
    }

    static void apply(ManagementSnapshot now, List<TrackedCall> pending, OsloTraffic traffic, List<HealthHint> out) {
        if (now != null) {
            deadComputes(now, traffic, out);
            replyQueueExpiry(now, pending, out);
        }
        if (traffic != null) {
            refusals(traffic, out);
            timeoutClusters(traffic, out);
        }
    }

    /** Turns the NO_CONSUMER hint of a {@code compute.<host>} queue into DEAD_COMPUTE when its reports stopped. */
    private static void deadComputes(ManagementSnapshot now, OsloTraffic traffic, List<HealthHint> out) {
        for (ListIterator<HealthHint> it = out.listIterator(); it.hasNext(); ) {
            HealthHint h = it.next();
            if (h.kind() != Kind.NO_CONSUMER || !h.subject().startsWith("compute.")) {
                continue;
            }
            String host = h.subject().substring("compute.".length());
            Duration stale = OsloTraffic.REPORT_INTERVAL.multipliedBy(MISSED_REPORTS);
            if (traffic == null || traffic.from() == null) {
                it.set(new HealthHint(h.severity(), h.kind(), h.subject(), h.message()
                        + "; its report_state updates were not checked (no capture: run with --mode firehose)"));
                continue;
            }
            Instant last = traffic.lastReport(host);
            Instant end = traffic.to();
            if (last != null && Duration.between(last, end).compareTo(stale) < 0) {
                it.set(new HealthHint(h.severity(), h.kind(), h.subject(), h.message() + "; but " + host
                        + " still reports its state (last " + Duration.between(last, end).toSeconds()
                        + " s ago): its RPC consumer is stuck or reconnecting"));
            } else if (last != null || traffic.watched().compareTo(stale) >= 0) {
                it.set(new HealthHint(Severity.PROBLEM, Kind.DEAD_COMPUTE, h.subject(), "compute " + host
                        + " looks dead: " + h.subject() + " has no consumer and " + (last == null
                        ? "no report_state (Service.save) came from it in the " + traffic.watched().toSeconds()
                        + " s captured" : "its last report_state (Service.save) was " + Duration.between(last, end)
                        .toSeconds() + " s before the end of the capture")));
            } else {
                it.set(new HealthHint(h.severity(), h.kind(), h.subject(), h.message() + "; the capture ("
                        + traffic.watched().toSeconds() + " s) is too short to tell whether its report_state stopped ("
                        + stale.toSeconds() + " s needed)"));
            }
        }
    }

    private static void replyQueueExpiry(ManagementSnapshot now, List<TrackedCall> pending, List<HealthHint> out) {
        for (QueueView q : now.topology().queues()) {
            String n = q.name();
            if (!n.startsWith(OsloKeys.REPLY_QUEUE_PREFIX) || QueueManagerName.parse(n) != null || q.consumers() > 0
                    || !(q.arguments().get("x-expires") instanceof Number ms)) {
                continue;
            }
            Instant idle = parseIdleSince(now.stats(n).idleSince());
            long waiting = pending.stream().filter(c -> n.equals(c.replyQ())).count();
            if (idle == null || waiting == 0 || now.at() == null) {
                continue;
            }
            Duration expires = Duration.ofMillis(ms.longValue());
            Duration left = Duration.between(now.at(), idle.plus(expires));
            Duration near = expires.dividedBy(10).compareTo(HealthHints.EXPIRY_NEAR) > 0 ? expires.dividedBy(10)
                    : HealthHints.EXPIRY_NEAR;
            if (left.compareTo(near) <= 0) {
                out.add(new HealthHint(Severity.WARNING, Kind.REPLY_QUEUE_EXPIRY, n, n + " has had no consumer since "
                        + idle + " and the broker drops it " + (left.isNegative() ? "now" : "in about "
                        + left.toSeconds() + " s") + " (x-expires " + expires.toSeconds() + " s); " + waiting
                        + " call(s) still wait for a reply there"));
            }
        }
    }

    /** {@code idle_since} as RabbitMQ 3.10 ({@code 2026-12-07 19:00:00}, UTC) or 3.12+ (ISO with offset) give it. */
    static Instant parseIdleSince(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text, RABBIT_310).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static void refusals(OsloTraffic traffic, List<HealthHint> out) {
        Map<String, Integer> by = new HashMap<>();
        Map<String, String> sample = new HashMap<>();
        for (OsloTraffic.Refusal r : traffic.refusals()) {
            String key = r.method() + (r.host() == null ? "" : " on " + r.host());
            by.merge(key, 1, Integer::sum);
            sample.putIfAbsent(key, r.message());
        }
        by.forEach((key, n) -> out.add(new HealthHint(Severity.WARNING, Kind.UNSUPPORTED_VERSION, key, n
                + " call(s) of " + key + " answered UnsupportedVersion: " + sample.get(key))));
    }

    private static void timeoutClusters(OsloTraffic traffic, List<HealthHint> out) {
        List<OsloTraffic.Timeout> ts = traffic.timeouts();
        if (ts.size() < CLUSTER_MIN) {
            return;
        }
        cluster(ts, OsloTraffic.Timeout::method, "method", out);
        cluster(ts, OsloTraffic.Timeout::host, "host", out);
    }

    private static void cluster(List<OsloTraffic.Timeout> ts, Function<OsloTraffic.Timeout, String> by, String what,
                                List<HealthHint> out) {
        Map<String, Integer> counts = new HashMap<>();
        for (OsloTraffic.Timeout t : ts) {
            String k = by.apply(t);
            if (k != null) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        counts.forEach((k, n) -> {
            if (n >= CLUSTER_MIN && n >= CLUSTER_SHARE * ts.size()) {
                out.add(new HealthHint(Severity.WARNING, Kind.TIMEOUT_CLUSTER, what + " " + k, n + " of " + ts.size()
                        + " timeouts share " + what + " " + k));
            }
        });
    }
}
