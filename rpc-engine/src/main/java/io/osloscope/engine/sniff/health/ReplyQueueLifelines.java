package io.osloscope.engine.sniff.health;

import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply-queue lifeline: for every reply queue of the vhost, and every reply queue a pending call waits on, who
 * owns it, who consumes it, when the broker will drop it ({@code x-expires} counted from when it was last used) and
 * how many calls still wait for a reply there; at risk when calls wait on a queue that is gone, or that nobody
 * consumes and that expires within {@link HealthHints#EXPIRY_NEAR} (or a tenth of its x-expires): a reply published
 * after that point is undeliverable (oslo's MessageUndeliverable) and its caller times out.
 */
public final class ReplyQueueLifelines {
    private ReplyQueueLifelines() {
    }

    /**
     * One reply queue. {@code owner} is the process whose calls name it ({@code service@host:pid} from the senders'
     * identity), else the queue manager's {@code host:process}, else the consuming connection's oslo name
     * ({@code program:pid}), null when unknown; {@code consumers} -1 when unknown (a recording); {@code expiresIn}
     * null while it is consumed or when the broker gives no idle time; {@code gone} when pending calls name a queue
     * the broker no longer has.
     */
    public record Lifeline(String queue, String owner, int consumers, Duration xExpires, Instant unusedSince,
                           Duration expiresIn, int pendingCalls, boolean gone, boolean atRisk) {

        /** One line: {@code reply_ab12: owner nova-compute:4242, 1 consumer, x-expires 1800 s, 2 call(s) waiting}. */
        public String describe() {
            StringBuilder b = new StringBuilder(queue).append(": ");
            if (gone) {
                return b.append("gone while ").append(pendingCalls).append(" call(s) wait for a reply there: their"
                        + " replies are undeliverable").toString();
            }
            b.append(owner == null ? "owner unknown" : "owner " + owner).append(", ");
            b.append(consumers < 0 ? "consumers unknown" : consumers + (consumers == 1 ? " consumer" : " consumers"));
            if (xExpires != null) {
                b.append(", x-expires ").append(xExpires.toSeconds()).append(" s");
            }
            if (expiresIn != null) {
                b.append(expiresIn.isNegative() ? ", expiring now" : ", dropped in about " + expiresIn.toSeconds() + " s");
            }
            b.append(", ").append(pendingCalls).append(" call(s) waiting");
            if (atRisk) {
                b.append("; nobody reads it and it goes soon: replies to those calls would be undeliverable");
            }
            return b.toString();
        }
    }

    /** As below, without what the traffic tells of the callers. */
    public static List<Lifeline> compute(ManagementSnapshot now, Map<String, QueueDetails> details,
                                         List<TrackedCall> pending) {
        return compute(now, details, pending, null);
    }

    /**
     * The lifelines at {@code now.at()}, reply queues of the snapshot first, then queues gone under pending calls.
     * Without a snapshot (a recording) the reply queues the traffic's calls named ({@code callers}), with their
     * owner and waiting calls only: a recording does not say who consumes a queue or when it expires.
     */
    public static List<Lifeline> compute(ManagementSnapshot now, Map<String, QueueDetails> details,
                                         List<TrackedCall> pending, ReplyQueueCallers callers) {
        Map<String, Integer> waiting = new LinkedHashMap<>();
        for (TrackedCall c : pending) {
            if (c.replyQ() != null) {
                waiting.merge(c.replyQ(), 1, Integer::sum);
            }
        }
        List<Lifeline> out = new ArrayList<>();
        if (now == null) {
            if (callers != null) {
                for (ReplyQueueCallers.Caller c : callers.all()) {
                    out.add(new Lifeline(c.queue(), c.ownerLabel(), -1, null, null, null,
                            waiting.getOrDefault(c.queue(), 0), false, false));
                }
            }
            return out;
        }
        Map<String, String> oslo = new LinkedHashMap<>();
        for (ManagementSnapshot.Connection c : now.connections()) {
            if (c.service() != null) {
                oslo.put(c.name(), c.service() + (c.pid() == null ? "" : ":" + c.pid()));
            }
        }
        for (QueueView q : now.topology().queues()) {
            if (!q.name().startsWith("reply_")) {
                continue;
            }
            QueueDetails d = details == null ? null : details.get(q.name());
            QueueManagerName qm = QueueManagerName.parse(q.name());
            ReplyQueueCallers.Caller caller = callers == null ? null : callers.get(q.name());
            String owner = caller != null && caller.ownerLabel() != null ? caller.ownerLabel()
                    : qm != null ? qm.owner() : null;
            if (owner == null && d != null) {
                owner = d.consumers().stream().map(c -> oslo.get(c.connection())).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
            }
            Duration expires = q.arguments().get("x-expires") instanceof Number n ? Duration.ofMillis(n.longValue()) : null;
            Instant unused = q.consumers() > 0 || d == null ? null : d.idleSince();
            Duration in = expires == null || unused == null || now.at() == null ? null
                    : Duration.between(now.at(), unused.plus(expires));
            int calls = waiting.getOrDefault(q.name(), 0);
            Duration near = expires == null || expires.dividedBy(10).compareTo(HealthHints.EXPIRY_NEAR) < 0
                    ? HealthHints.EXPIRY_NEAR : expires.dividedBy(10);
            boolean risk = calls > 0 && q.consumers() == 0 && in != null && in.compareTo(near) <= 0;
            out.add(new Lifeline(q.name(), owner, q.consumers(), expires, unused, in, calls, false, risk));
        }
        for (Map.Entry<String, Integer> e : waiting.entrySet()) {
            boolean known = now.topology().queues().stream().anyMatch(q -> q.name().equals(e.getKey()));
            boolean sentBefore = pending.stream().anyMatch(c -> e.getKey().equals(c.replyQ()) && now.at() != null
                    && c.sentAt().isBefore(now.at()));
            if (!known && sentBefore) {
                out.add(new Lifeline(e.getKey(), null, 0, null, null, null, e.getValue(), true, true));
            }
        }
        return out;
    }
}
