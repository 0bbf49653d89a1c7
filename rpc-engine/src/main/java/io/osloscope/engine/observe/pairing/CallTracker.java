package io.osloscope.engine.observe.pairing;

import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.observe.pairing.TrackedCall.CallStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The pairing table: each call is matched with its final reply by {@code _msg_id}, with the latency
 * between the two publishes as the sniffer saw them. A call without a final reply by
 * {@code sentAt + expiration} (the caller's RPC timeout, carried as the AMQP {@code expiration}; the
 * default timeout when absent) is flagged {@link CallStatus#TIMED_OUT}. A reply is paired when it is published
 * to the call's reply queue with its {@code _msg_id}, whether or not the caller still reads that queue (queue-manager
 * reply queues outlive their callers); only a reply the broker routed to no queue (it dropped or returned it) is
 * flagged as going to a vanished reply queue, and it is counted there, not as paired, so the totals agree with the
 * outcome of each message.
 *
 * <p>Firehose {@code deliver} traces ({@link #onDelivered}) tell when the request queue handed a call to its
 * callee; a call that times out is then blamed ({@link Blame}, decided by {@link CallBlame}) on the stage that did
 * not happen, and its known stage durations travel with it ({@link TrackedCall#stages()}). A call whose reply went
 * nowhere is finished at once (outcome {@link Outcome#REPLY_QUEUE_GONE}) and, at its deadline, also reported by
 * {@link #expire} as timed out with blame {@link Blame#REPLY_LOST}: its caller, if still there, timed out.
 * When the capture sees deliveries, the reply's own {@code deliver} trace from the caller's reply queue ends the way
 * back ({@link CallStages#wayBack()}); a paired call whose reply that queue did not deliver by the call's deadline is
 * reported by {@link #expire} as timed out too, blamed {@link Blame#REPLY_UNREAD} (the caller never read it).
 *
 * <p>Memory is bounded: at most {@code maxPending} open calls (the oldest are evicted and counted),
 * {@code maxRecent} finished calls, and one fixed-size histogram per method and per host (at most
 * {@value #MAX_KEYS} keys each; later keys share the "(other)" bucket).
 *
 * <p>Thread-safe: one thread feeds {@link #onMessage} and {@link #expire}; any thread may read.
 */
public final class CallTracker {
    static final int MAX_KEYS = 2_000;
    private static final String OTHER_KEY = "(other)";

    private final int maxPending;
    private final int maxRecent;
    private final Duration defaultTimeout;
    private final LinkedHashMap<String, TrackedCall> pending = new LinkedHashMap<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>(Comparator.comparing(Deadline::at));
    private final LinkedHashMap<String, TrackedCall> timedOut = new LinkedHashMap<>();
    /** Calls whose reply the broker routed nowhere, until their deadline (then reported as timed out). */
    private final LinkedHashMap<String, TrackedCall> lostReplies = new LinkedHashMap<>();
    /** Paired calls whose reply's delivery to the caller is not seen yet (firehose only), until their deadline. */
    private final LinkedHashMap<String, TrackedCall> unreadReplies = new LinkedHashMap<>();
    /**
     * Reply deliveries traced before the reply's publish (the broker traces both from different processes, so their
     * order in the capture is not guaranteed), by msg_id; a few hundred at most are ever waiting.
     */
    private final LinkedHashMap<String, Instant> earlyReplyDeliveries = new LinkedHashMap<>();
    /** When each queue last delivered a message (firehose), for telling no consumer from a backlog. */
    private final LinkedHashMap<String, Instant> lastDelivery = new LinkedHashMap<>(64, 0.75f, true);
    private boolean deliveriesObserved;
    private final ArrayDeque<TrackedCall> recent = new ArrayDeque<>();
    /** The event seq of each call in {@code recent}, by msg_id (a finished call's outcome may be reported after). */
    private final HashMap<String, Long> recentSeqs = new HashMap<>();
    private final Map<String, LatencyHistogram> byMethod = new HashMap<>();
    private final Map<String, LatencyHistogram> byHost = new HashMap<>();
    private final LatencyHistogram all = new LatencyHistogram();
    private long calls;
    private long paired;
    private long failures;
    private long timeouts;
    private long evicted;
    private long unmatched;
    private long late;
    private long replyQueueGone;

    private record Deadline(Instant at, String msgId) {
    }

    /**
     * Totals since the tracker was created. {@code paired} counts replies with outcome {@link Outcome#PAIRED};
     * {@code repliesToVanishedQueues} those with {@link Outcome#REPLY_QUEUE_GONE} (a reply to a known call the
     * broker dropped is in that count only).
     */
    public record Counts(long calls, long paired, long failures, long timedOut, long pending, long evicted,
                         long unmatchedReplies, long lateReplies, long repliesToVanishedQueues) {
    }

    public CallTracker() {
        this(100_000, 10_000, Duration.ofSeconds(60));
    }

    public CallTracker(int maxPending, int maxRecent, Duration defaultTimeout) {
        if (maxPending <= 0 || maxRecent <= 0) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxPending = maxPending;
        this.maxRecent = maxRecent;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Feeds one published message. {@code routedQueues} is what the broker reported (firehose), null when
     * unknown; {@code connection} the publisher's connection ("peer:port -> broker:port"), null when unknown.
     */
    public Pairing onMessage(Instant at, MessageSummary m, String exchange, String routingKey,
                             List<String> routedQueues, String connection) {
        return onMessage(0, at, m, exchange, routingKey, routedQueues, connection);
    }

    /** As above, for a message whose event has sequence number {@code seq} (kept with a call as its {@code seq}). */
    public synchronized Pairing onMessage(long seq, Instant at, MessageSummary m, String exchange, String routingKey,
                                          List<String> routedQueues, String connection) {
        if (m.kind() == MessageKind.CALL && m.msgId() != null) {
            return startCall(seq, at, m, exchange, routingKey, routedQueues);
        }
        if (!m.kind().isReply() || m.msgId() == null) {
            return Pairing.NONE;
        }
        boolean routedNowhere = routedQueues != null && routedQueues.isEmpty();
        TrackedCall call = pending.get(m.msgId());
        if (call == null) {
            TrackedCall expired = timedOut.get(m.msgId());
            if (expired != null && m.kind() != MessageKind.HEARTBEAT) {
                late++;
                return new Pairing(Outcome.LATE_REPLY, expired, Duration.between(expired.sentAt(), at));
            }
            if (routedNowhere) {
                replyQueueGone++;
                return new Pairing(Outcome.REPLY_QUEUE_GONE, expired, null);
            }
            unmatched++;
            return new Pairing(Outcome.UNMATCHED_REPLY, expired, null);
        }
        if (m.kind() == MessageKind.HEARTBEAT) {
            TrackedCall hb = call.withHeartbeat();
            pending.put(m.msgId(), hb);
            return new Pairing(Outcome.HEARTBEAT, hb, null);
        }
        pending.remove(m.msgId());
        Duration latency = Duration.between(call.sentAt(), at);
        if (latency.isNegative()) {
            latency = Duration.ZERO;
        }
        boolean failed = m.kind() == MessageKind.FAILURE_REPLY;
        TrackedCall done = call.withStatus(failed ? CallStatus.FAILED : CallStatus.REPLIED, at, latency,
                failed ? m.failureName() : null, peerHost(connection));
        if (!routedNowhere) {
            paired++;
            if (failed) {
                failures++;
            }
        }
        long micros = latency.toNanos() / 1000;
        all.record(micros);
        histogram(byMethod, done.method()).record(micros);
        if (done.host() != null) {
            histogram(byHost, done.host()).record(micros);
        }
        remember(done);
        if (routedNowhere) {
            lostReplies.put(done.msgId(), CallBlame.replyLost(done));
            if (lostReplies.size() > maxRecent) {
                lostReplies.remove(lostReplies.keySet().iterator().next());
            }
            replyQueueGone++;
            return new Pairing(Outcome.REPLY_QUEUE_GONE, done, latency);
        }
        Instant early = earlyReplyDeliveries.remove(done.msgId());
        if (early != null) {
            TrackedCall read = done.withReplyDelivered(early);
            if (early.isAfter(done.sentAt().plus(done.timeout()))) {
                unreadReplies.put(done.msgId(), read);
            }
            return new Pairing(Outcome.PAIRED, read, latency);
        }
        if (deliveriesObserved || done.requestQueue() != null) {
            unreadReplies.put(done.msgId(), done);
            if (unreadReplies.size() > maxPending) {
                unreadReplies.remove(unreadReplies.keySet().iterator().next());
            }
        }
        return new Pairing(Outcome.PAIRED, done, latency);
    }

    private Pairing startCall(long seq, Instant at, MessageSummary m, String exchange, String routingKey,
                              List<String> routedQueues) {
        if (pending.containsKey(m.msgId())) {
            return new Pairing(Outcome.DUPLICATE, pending.get(m.msgId()), null);
        }
        // cinder-volume.cmp1@lvm.cmp1 is topic cinder-volume on cmp1@lvm (see Destination)
        String[] topicServer = io.osloscope.engine.wire.Destination.topicAndServer(routingKey);
        String topic = topicServer[0];
        String host = topicServer[1];
        Duration timeout = m.timeoutMillis() != null && m.timeoutMillis() > 0
                ? Duration.ofMillis(m.timeoutMillis()) : defaultTimeout;
        String requestQueue = routedQueues == null ? null : routedQueues.isEmpty() ? "" : routedQueues.get(0);
        TrackedCall call = new TrackedCall(m.msgId(), m.method(), exchange, topic, host, m.replyQ(), at, timeout,
                CallStatus.PENDING, null, null, 0, null, seq, m.requestId(), requestQueue, null, null, null, null);
        pending.put(m.msgId(), call);
        deadlines.add(new Deadline(at.plus(timeout), m.msgId()));
        calls++;
        if (pending.size() > maxPending) {
            String eldest = pending.keySet().iterator().next();
            pending.remove(eldest);
            evicted++;
        }
        if (deadlines.size() > maxPending * 2) {
            deadlines.removeIf(d -> !pending.containsKey(d.msgId()) && !lostReplies.containsKey(d.msgId())
                    && !unreadReplies.containsKey(d.msgId()));
        }
        return new Pairing(Outcome.CALL_STARTED, call, null);
    }

    /**
     * One firehose {@code deliver} trace: {@code queue} handed message {@code m} to a consumer at {@code at}. For a
     * pending call this is when its callee got it (the end of its time in the request queue); for a final reply,
     * when its caller got it (the end of the way back). Returns the call whose reply this delivered, with its
     * stages complete, or null.
     */
    public synchronized TrackedCall onDelivered(Instant at, MessageSummary m, String queue) {
        deliveriesObserved = true;
        if (queue != null) {
            lastDelivery.put(queue, at);
            if (lastDelivery.size() > MAX_KEYS) {
                lastDelivery.remove(lastDelivery.keySet().iterator().next());
            }
        }
        if (m.kind() == MessageKind.CALL && m.msgId() != null) {
            TrackedCall call = pending.get(m.msgId());
            if (call != null && call.deliveredAt() == null) {
                pending.put(m.msgId(), call.withDelivered(at));
            }
            return null;
        }
        if (m.kind().isReply() && m.kind() != MessageKind.HEARTBEAT && m.msgId() != null) {
            TrackedCall call = unreadReplies.get(m.msgId());
            if (call != null && call.replyDeliveredAt() == null) {
                TrackedCall read = call.withReplyDelivered(at);
                if (!at.isAfter(call.sentAt().plus(call.timeout()))) {
                    unreadReplies.remove(m.msgId());
                } else {
                    unreadReplies.put(m.msgId(), read);
                }
                return read;
            }
            if (call == null && !timedOut.containsKey(m.msgId())) {
                earlyReplyDeliveries.put(m.msgId(), at);
                if (earlyReplyDeliveries.size() > 1_000) {
                    earlyReplyDeliveries.remove(earlyReplyDeliveries.keySet().iterator().next());
                }
            }
        }
        return null;
    }

    /**
     * Flags every pending call whose deadline is before {@code now}, each with its {@link Blame}; returns them
     * (oldest first), with the calls whose reply went nowhere (blamed {@link Blame#REPLY_LOST}) among them.
     */
    public synchronized List<TrackedCall> expire(Instant now) {
        List<TrackedCall> out = new ArrayList<>();
        while (!deadlines.isEmpty() && deadlines.peek().at().isBefore(now)) {
            Deadline d = deadlines.poll();
            TrackedCall call = pending.remove(d.msgId());
            if (call == null) {
                TrackedCall lost = lostReplies.remove(d.msgId());
                TrackedCall unread = unreadReplies.remove(d.msgId());
                if (lost != null) {
                    timeouts++;
                    out.add(lost.asTimedOut());
                } else if (unread != null) {
                    TrackedCall t = CallBlame.replyUnread(unread, d.at()).asTimedOut();
                    timeouts++;
                    timedOut.put(t.msgId(), t);
                    if (timedOut.size() > maxRecent) {
                        timedOut.remove(timedOut.keySet().iterator().next());
                    }
                    remember(t);
                    out.add(t);
                }
                continue;
            }
            Instant deadline = call.sentAt().plus(call.timeout());
            TrackedCall t = CallBlame.blame(call.withStatus(CallStatus.TIMED_OUT, null, null, null, null), deadline,
                    call.requestQueue() == null ? null : lastDelivery.get(call.requestQueue()),
                    // NOTE(blame): a call whose routed queues are known came from the firehose, which also traces
                    // deliveries, even when none has been seen yet in this capture
                    deliveriesObserved || call.requestQueue() != null);
            timeouts++;
            timedOut.put(t.msgId(), t);
            if (timedOut.size() > maxRecent) {
                timedOut.remove(timedOut.keySet().iterator().next());
            }
            remember(t);
            out.add(t);
        }
        return out;
    }

    public synchronized List<TrackedCall> pendingCalls() {
        return List.copyOf(pending.values());
    }

    /** Finished calls (replied, failed, timed out), oldest first, at most {@code maxRecent}. */
    public synchronized List<TrackedCall> recentCalls() {
        return List.copyOf(recent);
    }

    public synchronized List<LatencyStats> latencyByMethod() {
        return stats(byMethod);
    }

    public synchronized List<LatencyStats> latencyByHost() {
        return stats(byHost);
    }

    public synchronized LatencyStats latencyOverall() {
        return all.snapshot("all");
    }

    public synchronized Counts counts() {
        return new Counts(calls, paired, failures, timeouts, pending.size(), evicted, unmatched, late, replyQueueGone);
    }

    private void remember(TrackedCall c) {
        recent.addLast(c);
        if (c.msgId() != null) {
            recentSeqs.put(c.msgId(), c.seq());
        }
        if (recent.size() > maxRecent) {
            TrackedCall gone = recent.removeFirst();
            if (gone.msgId() != null && recentSeqs.get(gone.msgId()) == gone.seq()) {
                recentSeqs.remove(gone.msgId());
            }
        }
    }

    /**
     * The event seq of the call with this {@code _msg_id} (pending, timed out or among the recent), or 0 when this
     * tracker does not know it.
     */
    public synchronized long callSeq(String msgId) {
        TrackedCall c = pending.get(msgId);
        if (c == null) {
            c = timedOut.get(msgId);
        }
        if (c != null) {
            return c.seq();
        }
        Long seq = recentSeqs.get(msgId);
        return seq == null ? 0 : seq;
    }

    private static LatencyHistogram histogram(Map<String, LatencyHistogram> map, String key) {
        String k = key == null ? "(none)" : key;
        LatencyHistogram h = map.get(k);
        if (h == null) {
            if (map.size() >= MAX_KEYS) {
                return map.computeIfAbsent(OTHER_KEY, x -> new LatencyHistogram());
            }
            h = new LatencyHistogram();
            map.put(k, h);
        }
        return h;
    }

    private static List<LatencyStats> stats(Map<String, LatencyHistogram> map) {
        List<LatencyStats> out = new ArrayList<>(map.size());
        map.forEach((k, h) -> out.add(h.snapshot(k)));
        out.sort(Comparator.comparing(LatencyStats::key));
        return out;
    }

    /** "10.0.0.5:41234 -> 10.0.0.1:5672" → "10.0.0.5"; null when unknown. */
    static String peerHost(String connection) {
        if (connection == null || connection.isBlank()) {
            return null;
        }
        int arrow = connection.indexOf(" -> ");
        String peer = (arrow < 0 ? connection : connection.substring(0, arrow)).trim();
        int colon = peer.lastIndexOf(':');
        return colon > 0 ? peer.substring(0, colon) : peer;
    }
}
