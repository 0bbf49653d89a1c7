package io.osloscope.engine.observe;

import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.RpcEvents.CallPaired;
import io.osloscope.engine.observe.RpcEvents.RpcFailed;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out point of the observation stream. Engine threads {@link #publish} events; consumers
 * pull from their own bounded {@link EventSubscription}s when they like (the UI on a timer,
 * tests synchronously). Publishing never blocks and never runs consumer code.
 *
 * <p>Sequence numbers are global and monotonic per hub. Events from different threads may reach
 * a subscription slightly out of {@code seq} order; views that care sort a drained batch by seq.
 */
public final class EventHub {
    private final AtomicLong seq = new AtomicLong();
    private final LongAdder published = new LongAdder();
    private final CopyOnWriteArrayList<BoundedSubscription> subscriptions = new CopyOnWriteArrayList<>();
    // NOTE(bounds): simulated calls end in replies or in the RPC layer's own timeout events, so this table only
    // pairs; open calls beyond the bound are evicted, oldest first.
    private final CallTracker pairing = new CallTracker(10_000, 1_000, Duration.ofMinutes(10));

    /** The next sequence number; call once per event, when creating it. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /** True when someone listens; publishers may skip building events (and snapshots) otherwise. */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /**
     * Offers the event to every subscription whose filter accepts it. Never blocks. A broker's publish of a
     * final reply to a call this hub saw published is followed by its {@link CallPaired} (captured traffic is
     * paired by the sniffer, which also sees timeouts and vanished reply queues, with the same tracker). A call's
     * outcome that names its call only by {@code _msg_id} gets the call's event seq ({@code callSeq}) here.
     */
    public void publish(EngineEvent event) {
        published.increment();
        if (!subscriptions.isEmpty()) {
            event = withCallSeq(event);
        }
        for (BoundedSubscription s : subscriptions) {
            s.offer(event);
        }
        if (event instanceof MessagePublished p && p.message() != null && !subscriptions.isEmpty()) {
            pair(p);
        }
    }

    /** A call outcome named only by {@code _msg_id} gets the seq of the call's MessagePublished, when this hub saw it. */
    private EngineEvent withCallSeq(EngineEvent e) {
        if (e instanceof RpcReplyReceived r && r.callSeq() == 0 && r.msgId() != null) {
            long call = pairing.callSeq(r.msgId());
            return call == 0 ? e : r.withCallSeq(call);
        }
        if (e instanceof RpcTimedOut t && t.callSeq() == 0 && t.msgId() != null) {
            long call = pairing.callSeq(t.msgId());
            return call == 0 ? e : t.withCallSeq(call);
        }
        if (e instanceof RpcFailed f && f.callSeq() == 0 && f.msgId() != null) {
            long call = pairing.callSeq(f.msgId());
            return call == 0 ? e : f.withCallSeq(call);
        }
        return e;
    }

    private void pair(MessagePublished p) {
        MessageSummary m = p.message().summary();
        if (m.kind() != MessageKind.CALL && !m.kind().isReply()) {
            return;
        }
        Pairing r = pairing.onMessage(p.seq(), p.at(), m, p.exchange(), p.routingKey(), null, p.connection());
        CallPaired paired = CallPaired.of(nextSeq(), p.at(), p.seq(), m, r);
        if (paired != null) {
            publish(paired);
        }
    }

    /** Events published since the hub was created (whether or not anyone received them). */
    public long publishedCount() {
        return published.sum();
    }

    /** Opens a subscription holding at most {@code capacity} undrained events. */
    public EventSubscription subscribe(EventFilter filter, int capacity) {
        BoundedSubscription s = new BoundedSubscription(filter, capacity);
        subscriptions.add(s);
        return s;
    }

    private final class BoundedSubscription implements EventSubscription {
        private final EventFilter filter;
        private final EventRing buffer;
        private final LongAdder dropped = new LongAdder();
        private final AtomicBoolean closed = new AtomicBoolean();

        BoundedSubscription(EventFilter filter, int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
            }
            this.filter = filter == null ? EventFilter.ALL : filter;
            this.buffer = new EventRing(capacity);
        }

        void offer(EngineEvent event) {
            if (filter.accepts(event) && !buffer.offer(event)) {
                dropped.increment();
            }
        }

        @Override
        public synchronized int drainTo(Collection<? super EngineEvent> sink, int max) {
            return buffer.drainTo(sink, max);
        }

        @Override
        public boolean isEmpty() {
            return buffer.isEmpty();
        }

        @Override
        public long dropped() {
            return dropped.sum();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(this);
                synchronized (this) {
                    buffer.clear();
                }
            }
        }
    }
}
