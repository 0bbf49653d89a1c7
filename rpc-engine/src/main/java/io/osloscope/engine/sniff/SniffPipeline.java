package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.routing.TopologyRouter;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.CaptureEvents.RoutingChecked;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.CaptureEvents.SenderNamed;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;
import io.osloscope.engine.observe.RpcEvents.CallPaired;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decode, pair, retain, publish: what happens to each {@link RawCapture}, whether it comes from a live
 * broker ({@link #offer}, non-blocking, bounded inbox with counted drops, one worker thread) or from a
 * recording or benchmark ({@link #process}, on the caller's thread; never mix the two at once).
 *
 * <p>For every capture it publishes a {@link MessageCaptured} on the hub. Publishes (not firehose
 * deliveries) also produce RPC events so the simulation's views work on real traffic:
 * {@link RpcCallStarted} for requests, {@link RpcReplyReceived} for paired final replies and
 * {@link RpcTimedOut} when a call passes its expiration, and a {@link CallPaired} for every reply paired with its
 * call. Each capture is read once, here: its summary travels on the event, so no consumer reads the body again.
 */
public final class SniffPipeline implements AutoCloseable {
    private final io.osloscope.engine.sniff.health.ReplyQueueCallers replyCallers =
            new io.osloscope.engine.sniff.health.ReplyQueueCallers();
    private final OsloDecoder decoder;
    private final CallTracker tracker;
    private final CaptureStore store;
    private final EventHub hub;
    private final Clock clock;
    private final ArrayBlockingQueue<Object> inbox;
    private final List<SniffListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<MessageProperties, MessageProperties> propsCache = new HashMap<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder unroutable = new LongAdder();
    private final LongAdder listenerErrors = new LongAdder();
    private final LongAdder streamDuplicates = new LongAdder();
    /** Fanouts recently recorded, by {@code _unique_id}: whether the copy came from a stream read. */
    private final Map<String, Boolean> fanoutsSeen = new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 20_000;
        }
    };
    private final LongAdder routingDifferences = new LongAdder();
    private volatile java.util.function.Predicate<String> replyQueueGone;
    private final Senders senders = new Senders();
    private final RoutingCheck.Cache routingChecks = new RoutingCheck.Cache();
    private volatile java.util.function.Supplier<TopologyRouter> routing = () -> null;
    private volatile Thread worker;
    private volatile boolean running;

    public SniffPipeline(OsloDecoder decoder, CallTracker tracker, CaptureStore store, EventHub hub, Clock clock,
                         int inboxCapacity) {
        this.decoder = decoder;
        this.tracker = tracker;
        this.store = store;
        this.hub = hub;
        this.clock = clock;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
    }

    /**
     * Sets the check that tells a reply queue that no longer exists (see
     * {@link io.osloscope.engine.sniff.capture.ReplyQueueProbe}); it runs on the pipeline thread for replies.
     */
    public void setReplyQueueProbe(java.util.function.Predicate<String> probe) {
        this.replyQueueGone = probe;
    }

    /** Sets where publishing connections are looked up to name each message's sender (service, host, pid). */
    public void setSenderDirectory(io.osloscope.engine.sniff.mgmt.SenderDirectory directory) {
        senders.directory(directory);
    }

    /**
     * Sets where the latest bindings come from (the management API's, as a {@link TopologyRouter}); each firehose
     * publish is then checked against them ({@link RoutingCheck}), on the pipeline thread.
     */
    public void setRouting(java.util.function.Supplier<TopologyRouter> latest) {
        this.routing = latest == null ? () -> null : latest;
    }

    public void addListener(SniffListener l) {
        listeners.add(l);
    }

    public void removeListener(SniffListener l) {
        listeners.remove(l);
    }

    /** Starts the worker thread that drains {@link #offer}ed captures and expires calls every 250 ms. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "osloscope-sniff-pipeline");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    /** Hands a capture to the worker; never blocks. Returns false (and counts a drop) when the inbox is full. */
    public boolean offer(RawCapture raw) {
        if (inbox.offer(raw)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Queues a gap marker behind the captures already offered, so it lands at the right place in the stream. */
    public void offerGap(Instant lostAt, Instant resumedAt, String reason) {
        CaptureGap gap = new CaptureGap(hub.nextSeq(), lostAt, resumedAt, reason);
        if (!inbox.offer(gap)) {
            // NOTE(gaps): a gap must never be lost; publish it directly, slightly out of order, rather than drop it.
            emitGap(gap);
        }
    }

    /**
     * Processes one capture on the caller's thread (recordings, benchmarks, tests). Returns null (and records
     * nothing) for a fanout already recorded when one of the two copies was read from a stream: a stream read from
     * {@code first} overlaps what tap or firehose capture live.
     */
    public SniffedMessage process(RawCapture raw) {
        return process(raw, null);
    }

    /**
     * As {@link #process(RawCapture)}, with the sender already known ({@code from}, e.g. what a recording says);
     * null to name it here.
     */
    public SniffedMessage process(RawCapture raw, io.osloscope.engine.wire.Sender from) {
        expire(raw.at());
        MessageSummary d = decoder.summarize(raw.properties(), raw.body(), raw.exchange(), raw.routingKey());
        if (raw.isPublish() && d.kind() == MessageKind.FANOUT && d.uniqueId() != null) {
            boolean fromStream = RawCapture.STREAM.equals(raw.direction());
            Boolean seenFromStream = fanoutsSeen.get(d.uniqueId());
            if (seenFromStream != null && (seenFromStream || fromStream)) {
                streamDuplicates.increment();
                return null;
            }
            fanoutsSeen.put(d.uniqueId(), fromStream);
        }
        RawCapture r = canonical(raw);
        List<String> routed = r.routedQueues();
        var probe = replyQueueGone;
        if (probe != null && r.isPublish() && d.kind().isReply() && "".equals(r.exchange())
                && probe.test(r.routingKey())) {
            routed = List.of();
        }
        long seq = hub.nextSeq();
        Pairing pairing;
        if (r.isPublish()) {
            pairing = tracker.onMessage(seq, r.at(), d, r.exchange(), r.routingKey(), routed, r.connection());
        } else {
            tracker.onDelivered(r.at(), d, r.deliveredQueue());
            replyCallers.onDelivered(r.deliveredQueue(), r.at());
            pairing = Pairing.NONE;
        }
        if (r.isPublish() && r.routedQueues() != null && r.routedQueues().isEmpty()) {
            unroutable.increment();
        }
        TrackedCall call = pairing.call();
        String host = call != null ? call.host() : null;
        if (from == null && r.isPublish()) {
            from = senders.identify(r, d);
        }
        if (r.isPublish() && d.kind() == MessageKind.CALL) {
            replyCallers.onCall(d.replyQ(), from, r.connection(), r.at());
        }
        // a notification is listed by its event type, as in the stream (MessageSummary.displayMethod)
        String method = d.method() != null ? d.method() : d.notification() != null ? d.notification().eventType()
                : call != null ? call.method() : null;
        RoutingCheck check = routingChecks.check(r, routing.get());
        if (check != null && check.outcome() == RoutingCheck.Outcome.DIFFERS) {
            routingDifferences.increment();
        }
        SniffedMessage m = new SniffedMessage(seq, r, d.kind(), method, d.msgId(), d.version(), d.requestId(),
                d.failureName(), d.problem(), d.truncated(),
                pairing.outcome(), host, pairing.latency() == null ? -1 : pairing.latency().toNanos() / 1000, from,
                d.objectCall(), check, destination(r, d, call));
        store.add(m);
        processed.increment();
        hub.publish(new MessageCaptured(seq, r.at(), r.direction(), r.exchange(), r.routingKey(),
                r.routedQueues() == null ? List.of() : r.routedQueues(), r.connection(),
                MessageSnapshot.read(r.properties(), r.body(), r.exchange(),
                        d.withPublisher(r.connection(), from))));
        if (check != null && hub.hasSubscribers()) {
            RoutingExplanation x = check.expected();
            hub.publish(new RoutingChecked(hub.nextSeq(), r.at(), seq, new MessageRouted(hub.nextSeq(), r.at(), -seq,
                    x.exchange(), x.exchangeType(), x.routingKey(), x.bindings(), x.queues()), check.reported(),
                    check.outcome().wireName(), check.difference()));
        }
        if (r.isPublish()) {
            publishRpcEvents(r, d, pairing);
            CallPaired paired = CallPaired.of(hub.nextSeq(), r.at(), seq, d, pairing);
            if (paired != null) {
                hub.publish(paired);
            }
        }
        // NOTE(speed): the full decode (JSON trees) runs only when someone listens, e.g. the recorder.
        DecodedMessage full = null;
        for (SniffListener l : listeners) {
            if (l.needsDecoded()) {
                full = m.decode(decoder);
                break;
            }
        }
        for (SniffListener l : listeners) {
            try {
                l.onMessage(m, full);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
        return m;
    }

    /** Flags calls past their expiration at {@code now}; called by the worker, or by {@link #process}. */
    public List<TrackedCall> expire(Instant now) {
        List<TrackedCall> expired = tracker.expire(now);
        for (TrackedCall c : expired) {
            hub.publish(new RpcTimedOut(hub.nextSeq(), now, c.msgId(), c.method(), c.timeout(), c.seq(),
                    c.blame() == null ? null : c.blame().wireName()));
            for (SniffListener l : listeners) {
                try {
                    l.onTimeout(c);
                } catch (RuntimeException e) {
                    listenerFailed(e);
                }
            }
        }
        return expired;
    }

    /** Publishes a gap event now, on the caller's thread (replay of a recorded gap). */
    public void emitGap(Instant lostAt, Instant resumedAt, String reason) {
        emitGap(new CaptureGap(hub.nextSeq(), lostAt, resumedAt, reason));
    }

    /** Publishes a gap event directly (replay of a recorded gap, or capture stopping abruptly). */
    public void emitGap(CaptureGap gap) {
        hub.publish(gap);
        for (SniffListener l : listeners) {
            try {
                l.onGap(gap);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    /** Where a publish went; a reply (default exchange) is listed under its call's destination. */
    private static io.osloscope.engine.wire.Destination destination(RawCapture r, MessageSummary d, TrackedCall call) {
        if (!"".equals(r.exchange()) || call == null) {
            return io.osloscope.engine.wire.Destination.of(r.exchange(), r.routingKey(), d.kind(), d.notification());
        }
        return io.osloscope.engine.wire.Destination.ofCall(call.exchange(), call.topic(), call.host());
    }

    private void publishRpcEvents(RawCapture r, MessageSummary d, Pairing p) {
        if (d.kind().isRequest() && p.outcome() != Pairing.Outcome.DUPLICATE) {
            String topic = r.routingKey();
            String server = null;
            if (d.kind() == MessageKind.FANOUT) {
                topic = r.exchange().substring(0, Math.max(0, r.exchange().length() - OsloKeys.FANOUT_SUFFIX.length()));
            } else if (topic != null) {
                String[] topicServer = io.osloscope.engine.wire.Destination.topicAndServer(topic);
                topic = topicServer[0];
                server = topicServer[1];
            }
            hub.publish(new RpcCallStarted(hub.nextSeq(), r.at(), d.kind().wireName(), d.msgId(), d.uniqueId(),
                    r.exchange(), topic, server, d.method(), d.version(), d.namespace(),
                    d.timeoutMillis() == null ? null : Duration.ofMillis(d.timeoutMillis()), d.requestId()));
        } else if (p.latency() != null && p.call() != null
                && (p.outcome() == Pairing.Outcome.PAIRED || p.outcome() == Pairing.Outcome.REPLY_QUEUE_GONE)) {
            hub.publish(new RpcReplyReceived(hub.nextSeq(), r.at(), d.msgId(), p.call().method(), p.latency(),
                    d.failureClass(), d.failureMessage(), p.call().seq()));
        }
    }

    private RawCapture canonical(RawCapture raw) {
        // NOTE(memory): oslo sends a handful of distinct property sets; sharing them saves ~200 bytes a message.
        MessageProperties p = raw.properties();
        if (p == null) {
            return raw;
        }
        MessageProperties shared = propsCache.get(p);
        if (shared == null) {
            if (propsCache.size() > 4096) {
                propsCache.clear();
            }
            propsCache.put(p, p);
            return raw;
        }
        return shared == p ? raw : new RawCapture(raw.at(), raw.direction(), intern(raw.exchange()), raw.routingKey(),
                raw.routedQueues(), raw.connection(), raw.node(), raw.user(), shared, raw.body());
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    private void loop() {
        List<Object> batch = new ArrayList<>(512);
        Instant lastExpire = clock.instant();
        while (running || !inbox.isEmpty()) {
            try {
                Object first = inbox.poll(250, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 511);
                }
                for (Object o : batch) {
                    if (o instanceof RawCapture raw) {
                        senders.awaitKnown(raw, () -> running && inbox.remainingCapacity() > inbox.size());
                        process(raw);
                    } else if (o instanceof CaptureGap gap) {
                        emitGap(gap);
                    }
                }
                batch.clear();
                announceNamedLate(false);
                Instant now = clock.instant();
                if (Duration.between(lastExpire, now).toMillis() >= 250) {
                    expire(now);
                    lastExpire = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                batch.clear();
                listenerFailed(e);
            }
        }
        announceNamedLate(true);
    }

    /**
     * Publishes a {@link SenderNamed} for each connection whose messages went out unnamed and that the management
     * API lists now; {@code last} asks once more regardless of the pacing (the capture is ending).
     */
    void announceNamedLate(boolean last) {
        try {
            for (Map.Entry<String, io.osloscope.engine.wire.Sender> e : senders.namedLate(last).entrySet()) {
                Instant at = clock.instant();
                hub.publish(new SenderNamed(hub.nextSeq(), at, e.getKey(), e.getValue()));
                replyCallers.named(e.getKey(), e.getValue());
                for (SniffListener l : listeners) {
                    try {
                        l.onSenderNamed(at, e.getKey(), e.getValue());
                    } catch (RuntimeException x) {
                        listenerFailed(x);
                    }
                }
            }
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(RuntimeException e) {
        listenerErrors.increment();
        hub.publish(new ListenerFailed(hub.nextSeq(), clock.instant(), "sniffer", e.getClass().getSimpleName(),
                String.valueOf(e.getMessage())));
    }

    /** Captures dropped because the inbox was full (the sniffer could not keep up). */
    public long dropped() {
        return dropped.sum();
    }

    public long processed() {
        return processed.sum();
    }

    /** Publishes the broker routed to no queue (firehose only). */
    public long unroutable() {
        return unroutable.sum();
    }

    /** Firehose publishes whose reported queues differ from what the known bindings say ({@link RoutingCheck}). */
    public long routingDifferences() {
        return routingDifferences.sum();
    }

    /** Fanouts not recorded again because a stream read and the live capture both saw them. */
    public long streamDuplicates() {
        return streamDuplicates.sum();
    }

    public long listenerErrors() {
        return listenerErrors.sum();
    }

    public int backlog() {
        return inbox.size();
    }

    public OsloDecoder decoder() {
        return decoder;
    }

    public CallTracker tracker() {
        return tracker;
    }

    /** Who waits on each reply queue, from the calls seen (for the reply-queue lifeline). */
    public io.osloscope.engine.sniff.health.ReplyQueueCallers replyCallers() {
        return replyCallers;
    }

    public CaptureStore store() {
        return store;
    }

    /** Stops the worker after it has processed what was already offered (waits up to 5 s). */
    @Override
    public void close() {
        running = false;
        Thread t = worker;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
