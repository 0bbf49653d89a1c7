package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.routing.TopologyRouter;
import io.osloscope.engine.sniff.capture.RawCapture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A captured publish's routing checked against the broker: what the management API's bindings say (the
 * {@link TopologyRouter}, the in-memory broker's rules) against the queues the broker reported (firehose
 * {@code routed_queues}). A difference is flagged: {@link Outcome#DIFFERS} when the snapshot knows every queue and
 * the exchange involved (a binding added or removed since, an alternate exchange, an exchange-to-exchange binding),
 * {@link Outcome#STALE} when the difference is only about queues or an exchange the snapshot does not list (most
 * likely created after it was taken, such as a fresh reply queue). Immutable; the sentence that describes a
 * difference is written when first asked for.
 */
public final class RoutingCheck {
    public enum Outcome {
        AGREES, DIFFERS, STALE;

        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }

    private final Outcome outcome;
    private final RoutingExplanation expected;
    private final List<String> reported;
    private final Instant snapshotAt;
    /** What the difference sentence needs; null when they agree. */
    private final Differs differs;
    private volatile String difference;

    private record Differs(String exchange, boolean exchangeKnown, Set<String> want, Set<String> got,
                           List<String> onlyBroker, List<String> onlyBindings, Instant publishedAt, boolean stale) {
    }

    private RoutingCheck(Outcome outcome, RoutingExplanation expected, List<String> reported, Instant snapshotAt,
                         Differs differs) {
        this.outcome = outcome;
        this.expected = expected;
        this.reported = reported;
        this.snapshotAt = snapshotAt;
        this.differs = differs;
    }

    /** Checks a firehose publish; null when there is nothing to compare (not a publish, or no routed queues). */
    public static RoutingCheck of(RawCapture r, TopologyRouter router) {
        if (!checkable(r, router)) {
            return null;
        }
        var headers = r.properties() == null ? null : r.properties().headers();
        return compare(r, router, router.explainLazily(r.exchange(), r.routingKey(), headers));
    }

    private static boolean checkable(RawCapture r, TopologyRouter router) {
        return router != null && RawCapture.PUBLISH.equals(r.direction()) && r.routedQueues() != null
                && r.exchange() != null && r.routingKey() != null;
    }

    private static RoutingCheck compare(RawCapture r, TopologyRouter router, RoutingExplanation expected) {
        if (sameQueues(expected.queues(), r.routedQueues())) {
            return new RoutingCheck(Outcome.AGREES, expected, r.routedQueues(), router.at(), null);
        }
        Set<String> want = new LinkedHashSet<>(expected.queues());
        Set<String> got = new LinkedHashSet<>(r.routedQueues());
        if (want.equals(got)) {
            return new RoutingCheck(Outcome.AGREES, expected, r.routedQueues(), router.at(), null);
        }
        List<String> onlyBroker = new ArrayList<>(got);
        onlyBroker.removeAll(want);
        List<String> onlyBindings = new ArrayList<>(want);
        onlyBindings.removeAll(got);
        boolean exchangeKnown = router.hasExchange(r.exchange());
        boolean stale = !exchangeKnown || (onlyBindings.isEmpty()
                && onlyBroker.stream().noneMatch(router::hasQueue));
        return new RoutingCheck(stale ? Outcome.STALE : Outcome.DIFFERS, expected, r.routedQueues(), router.at(),
                new Differs(r.exchange(), exchangeKnown, want, got, onlyBroker, onlyBindings, r.at(), stale));
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The explanation from the bindings, every binding judged (when first read). */
    public RoutingExplanation expected() {
        return expected;
    }

    /** The queues the broker routed to. */
    public List<String> reported() {
        return reported;
    }

    /** When the bindings were read, or null. */
    public Instant snapshotAt() {
        return snapshotAt;
    }

    /** One sentence describing the difference, null when they agree. */
    public String difference() {
        String s = difference;
        if (s == null && differs != null) {
            s = describe(differs, snapshotAt);
            difference = s;
        }
        return s;
    }

    private static String describe(Differs d, Instant snapshotAt) {
        StringBuilder s = new StringBuilder();
        if (!d.exchangeKnown()) {
            s.append("exchange '").append(d.exchange()).append("' is not in the bindings snapshot; ");
        }
        s.append("the broker routed to ").append(list(d.got())).append(" but the bindings say ")
                .append(list(d.want()));
        if (!d.onlyBroker().isEmpty()) {
            s.append("; only the broker: ").append(String.join(", ", d.onlyBroker()));
        }
        if (!d.onlyBindings().isEmpty()) {
            s.append("; only the bindings: ").append(String.join(", ", d.onlyBindings()));
        }
        if (snapshotAt != null && d.publishedAt() != null) {
            s.append(" (bindings read ").append(Math.max(0, Duration.between(snapshotAt, d.publishedAt()).toMillis()))
                    .append(" ms before the publish)");
        }
        s.append(d.stale() ? "; the queues involved are newer than the snapshot"
                : d.exchange().isEmpty() ? "; the queue is gone or was not there when the bindings were read"
                : "; a binding changed since it was read, or an alternate exchange or exchange-to-exchange binding "
                + "routed it");
        return s.toString();
    }

    /** Same distinct queues in any order; both lists are short and the bindings' list has no duplicates. */
    private static boolean sameQueues(List<String> expected, List<String> reported) {
        if (expected.size() != reported.size()) {
            return false;
        }
        for (int i = 0; i < reported.size(); i++) {
            if (!expected.contains(reported.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String list(Set<String> qs) {
        return qs.isEmpty() ? "no queue" : "[" + String.join(", ", qs) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingCheck c && outcome == c.outcome && expected.equals(c.expected)
                && reported.equals(c.reported) && Objects.equals(snapshotAt, c.snapshotAt)
                && Objects.equals(difference(), c.difference());
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, expected, reported, snapshotAt);
    }

    @Override
    public String toString() {
        return "RoutingCheck[" + outcome.wireName() + ", expected " + expected.queues() + ", reported " + reported
                + (differs == null ? "" : ": " + difference()) + "]";
    }

    /**
     * The checks of one pipeline, remembered per (exchange, routing key) for the bindings snapshot in use: a firehose
     * sees the same few hundred keys over and over, so the bindings are consulted once per key and snapshot, and
     * publishes that agree share one check. Forgets everything when the snapshot changes. Not thread-safe (the
     * pipeline's thread).
     */
    static final class Cache {
        private static final int MAX_KEYS = 8192;
        private final Map<String, Map<String, Known>> byExchange = new HashMap<>();
        private TopologyRouter router;
        private int keys;

        /** What the bindings say for a key, and the last check that agreed with the broker for it. */
        private static final class Known {
            final RoutingExplanation expected;
            RoutingCheck agreed;

            Known(RoutingExplanation expected) {
                this.expected = expected;
            }
        }

        /** As {@link RoutingCheck#of}, with the same answer. */
        RoutingCheck check(RawCapture r, TopologyRouter latest) {
            if (!checkable(r, latest)) {
                return null;
            }
            var headers = r.properties() == null ? null : r.properties().headers();
            if (headers != null && !headers.isEmpty()) {
                // NOTE(headers): a headers exchange's answer depends on them; such publishes are rare in oslo.
                return compare(r, latest, latest.explainLazily(r.exchange(), r.routingKey(), headers));
            }
            if (latest != router || keys >= MAX_KEYS) {
                byExchange.clear();
                keys = 0;
                router = latest;
            }
            Map<String, Known> byKey = byExchange.computeIfAbsent(r.exchange(), x -> new HashMap<>());
            Known k = byKey.get(r.routingKey());
            if (k == null) {
                k = new Known(latest.explainLazily(r.exchange(), r.routingKey(), headers));
                byKey.put(r.routingKey(), k);
                keys++;
            }
            RoutingCheck agreed = k.agreed;
            if (agreed != null && agreed.reported.equals(r.routedQueues())) {
                return agreed;
            }
            RoutingCheck c = compare(r, latest, k.expected);
            if (c.outcome == Outcome.AGREES) {
                k.agreed = c;
            }
            return c;
        }
    }
}
