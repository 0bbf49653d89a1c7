package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.routing.TopologyRouter;
import io.osloscope.engine.sniff.capture.RawCapture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A captured publish's routing checked against the broker: what the management API's bindings say (the
 * {@link TopologyRouter}, the in-memory broker's rules) against the queues the broker reported (firehose
 * {@code routed_queues}). A difference is flagged: {@link Outcome#DIFFERS} when the snapshot knows every queue and
 * the exchange involved (a binding added or removed since, an alternate exchange, an exchange-to-exchange binding),
 * {@link Outcome#STALE} when the difference is only about queues or an exchange the snapshot does not list (most
 * likely created after it was taken, such as a fresh reply queue).
 *
 * @param expected   the explanation from the bindings, every binding judged
 * @param reported   the queues the broker routed to
 * @param difference one sentence, null when they agree
 * @param snapshotAt when the bindings were read
 */
public record RoutingCheck(Outcome outcome, RoutingExplanation expected, List<String> reported, String difference,
                           Instant snapshotAt) {
    public enum Outcome {
        AGREES, DIFFERS, STALE;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    /** Checks a firehose publish; null when there is nothing to compare (not a publish, or no routed queues). */
    public static RoutingCheck of(RawCapture r, TopologyRouter router) {
        if (router == null || !RawCapture.PUBLISH.equals(r.direction()) || r.routedQueues() == null
                || r.exchange() == null || r.routingKey() == null) {
            return null;
        }
        var headers = r.properties() == null ? null : r.properties().headers();
        RoutingExplanation expected = router.explainLazily(r.exchange(), r.routingKey(), headers);
        if (sameQueues(expected.queues(), r.routedQueues())) {
            return new RoutingCheck(Outcome.AGREES, expected, r.routedQueues(), null, router.at());
        }
        Set<String> want = new LinkedHashSet<>(expected.queues());
        Set<String> got = new LinkedHashSet<>(r.routedQueues());
        if (want.equals(got)) {
            return new RoutingCheck(Outcome.AGREES, expected, r.routedQueues(), null, router.at());
        }
        List<String> onlyBroker = new ArrayList<>(got);
        onlyBroker.removeAll(want);
        List<String> onlyBindings = new ArrayList<>(want);
        onlyBindings.removeAll(got);
        boolean exchangeKnown = router.hasExchange(r.exchange());
        boolean stale = !exchangeKnown || (onlyBindings.isEmpty()
                && onlyBroker.stream().noneMatch(router::hasQueue));
        StringBuilder s = new StringBuilder();
        if (!exchangeKnown) {
            s.append("exchange '").append(r.exchange()).append("' is not in the bindings snapshot; ");
        }
        s.append("the broker routed to ").append(list(got)).append(" but the bindings say ").append(list(want));
        if (!onlyBroker.isEmpty()) {
            s.append("; only the broker: ").append(String.join(", ", onlyBroker));
        }
        if (!onlyBindings.isEmpty()) {
            s.append("; only the bindings: ").append(String.join(", ", onlyBindings));
        }
        if (router.at() != null && r.at() != null) {
            s.append(" (bindings read ").append(Math.max(0, Duration.between(router.at(), r.at()).toMillis()))
                    .append(" ms before the publish)");
        }
        s.append(stale ? "; the queues involved are newer than the snapshot"
                : r.exchange().isEmpty() ? "; the queue is gone or was not there when the bindings were read"
                : "; a binding changed since it was read, or an alternate exchange or exchange-to-exchange binding "
                + "routed it");
        return new RoutingCheck(stale ? Outcome.STALE : Outcome.DIFFERS, expected, r.routedQueues(), s.toString(),
                router.at());
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
}
