package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageEnqueued;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventHub;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledFuture;

/**
 * One queue: ready messages in FIFO order, its consumers, and its timers. All state is guarded by
 * the queue's monitor. Requeued messages go back to their original position (RabbitMQ classic
 * queue behaviour): they wait in a heap ordered by position, ahead of never-delivered messages,
 * which all came later. Expired messages are dropped when they reach the head and by a timer armed
 * for the head, so the depth falls without a consumer. Not final: {@link MemoryStream} replaces the FIFO
 * with a log and leaves this class's state empty.
 *
 * <p>Quorum queues count returns ({@code x-delivery-count}) and drop or dead-letter a message past the delivery
 * limit; before 4.0 they put a returned message at the back. Any queue with {@code x-dead-letter-exchange}
 * dead-letters what it rejects, expires or drops at its length limit ({@link DeadLetters}).
 */
class MemoryQueue {
    final InMemoryBroker broker;
    final String name;
    final boolean durable;
    final boolean exclusive;
    final boolean autoDelete;
    final MemoryConnection owner;
    final Map<String, Object> arguments;
    final QueueType type;
    final long expiresMs;
    /** The implicit binding of the default exchange to this queue, as shown in routing events. */
    final BindingMatch defaultBinding;

    private final ArrayDeque<QueuedMessage> fresh = new ArrayDeque<>();
    private final PriorityQueue<QueuedMessage> requeued = new PriorityQueue<>(Comparator.comparingLong(QueuedMessage::seq));
    private final List<MemoryConsumer> consumers = new ArrayList<>(2);
    private long nextSeq;
    private long readyBytes;
    private int unacked;
    private int rr;
    private boolean deleted;
    private boolean exclusiveConsumer;
    private ScheduledFuture<?> expiryTimer;
    private long expiryTimerAt;
    private final QueueExpiry idle;
    private final Discards discards;
    final QueueLimits limits;

    MemoryQueue(InMemoryBroker broker, String name, QueueSpec spec, MemoryConnection owner, QueueArgs args,
                QueueType type, Map<String, Object> arguments) {
        this.broker = broker;
        this.name = name;
        this.exclusive = spec.exclusive();
        this.durable = spec.durable() && !spec.exclusive();
        this.autoDelete = spec.autoDelete();
        this.owner = owner;
        this.arguments = arguments;
        this.type = type;
        this.discards = new Discards(this, arguments);
        this.expiresMs = args.expiresMs();
        this.idle = new QueueExpiry(this, expiresMs);
        this.limits = new QueueLimits(this, args, type, arguments);
        this.defaultBinding = io.osloscope.engine.broker.routing.BindingRule.defaultExchange(name);
    }

    // ---- counts -------------------------------------------------------------------------------

    synchronized int ready() {
        return readyLocked();
    }

    synchronized int unackedCount() {
        return unacked;
    }

    synchronized int consumerCount() {
        return consumers.size();
    }

    /** The consumer count a declare answers with. */
    int reportedConsumers() {
        return consumerCount();
    }

    synchronized boolean isDeleted() {
        return deleted;
    }

    /** The stream log's extent for the topology snapshot; null for a classic queue. */
    TopologySnapshot.StreamView streamView() {
        return null;
    }

    private int readyLocked() {
        return fresh.size() + requeued.size();
    }

    // ---- publish side -------------------------------------------------------------------------

    /** Enqueues a routed message, hands it to a consumer if one has credit, then applies the limits. Never blocks on consumers. */
    void enqueue(Published p) {
        long expiresAt = limits.expiresAt(p);
        EventHub hub = broker.hub;
        synchronized (this) {
            if (deleted) {
                return;
            }
            if (broker.limits.overflow() == Limits.Overflow.DROP_NEW
                    && readyBytes + p.size() > broker.limits.maxQueueBytes()) {
                discards.discard(p, DiscardReason.MAX_LENGTH);
                return;
            }
            fresh.addLast(new QueuedMessage(p, nextSeq++, expiresAt));
            readyBytes += p.size();
            if (hub.hasSubscribers()) {
                hub.publish(new MessageEnqueued(hub.nextSeq(), Instant.now(), p.ref(), name, readyLocked()));
            }
            dispatchLocked();
            enforceLimitsLocked();
            armExpiryLocked();
        }
    }

    // ---- consumers ----------------------------------------------------------------------------

    /** Starts a consumer; a classic queue has no use for the consume arguments. */
    void addConsumer(MemoryConsumer c, ConsumeOptions options) {
        addConsumer(c);
    }

    synchronized void addConsumer(MemoryConsumer c) {
        if (deleted) {
            throw AmqpErrors.noQueue(name);
        }
        if (exclusiveConsumer || (c.exclusive && !consumers.isEmpty())) {
            throw AmqpErrors.exclusiveUse(name);
        }
        consumers.add(c);
        exclusiveConsumer = c.exclusive;
        dispatchLocked();
    }

    /** The event telling that {@code d} reached its consumer's handler. */
    EngineEvent deliveredEvent(EventHub hub, MemoryDelivery d, Instant now) {
        Published p = d.queued.message();
        return new MessageDelivered(hub.nextSeq(), now, p.ref(), name, d.consumer.tag, d.consumer.connection.name(),
                d.deliveryTag, d.redelivered(), p.exchange(), p.routingKey(), p.snapshotForEvent());
    }

    /** Removes the consumer; undelivered messages in its mailbox go back. Returns true if the queue should now auto-delete. */
    boolean removeConsumer(MemoryConsumer c) {
        synchronized (this) {
            if (!consumers.remove(c)) {
                return false;
            }
            if (c.exclusive) {
                exclusiveConsumer = false;
            }
            c.cancelled = true;
            Object o;
            while ((o = c.mailbox.poll()) != null) {
                if (o instanceof MemoryDelivery d) {
                    returnUndeliveredLocked(d);
                } else {
                    c.mailbox.add(o);
                    break;
                }
            }
            if (consumers.isEmpty()) {
                touchLocked();
            }
            dispatchLocked();
            armExpiryLocked();
            return autoDelete && consumers.isEmpty() && !deleted;
        }
    }

    /**
     * {@code basic.get}: takes the head (skipping expired messages) as a delivery of {@code getter}, the
     * connection's stand-in consumer for this queue (tag {@code ""}); null when nothing is ready.
     */
    synchronized MemoryDelivery get(MemoryConsumer getter, boolean autoAck) {
        if (deleted) {
            throw AmqpErrors.noQueue(name);
        }
        long now = System.nanoTime();
        QueuedMessage m;
        while ((m = readyLocked() > 0 ? pollHeadLocked() : null) != null && m.expired(now)) {
            discards.discard(m.message(), DiscardReason.EXPIRED);
        }
        if (m == null) {
            return null;
        }
        MemoryDelivery d = getter.got(m, autoAck);
        if (!autoAck) {
            unacked++;
        }
        EventHub hub = broker.hub;
        if (hub.hasSubscribers()) {
            Instant at = Instant.now();
            hub.publish(deliveredEvent(hub, d, at));
            if (autoAck) {
                hub.publish(new MessageSettled(hub.nextSeq(), at, m.message().ref(), name, "", d.deliveryTag,
                        Settlement.AUTO_ACK, false));
            }
        }
        armExpiryLocked();
        return d;
    }

    /** A delivery the consumer never handed to its handler (cancelled, or released from the gate too late). */
    synchronized void returnUndelivered(MemoryDelivery d) {
        returnUndeliveredLocked(d);
        dispatchLocked();
    }

    private void returnUndeliveredLocked(MemoryDelivery d) {
        MemoryConsumer c = d.consumer;
        if (!c.autoAck && c.unacked.remove(d.deliveryTag) == null) {
            return;
        }
        c.inflight--;
        if (!c.autoAck) {
            unacked--;
        }
        if (!deleted) {
            requeueLocked(d.queued);
        }
    }

    /** An auto-ack consumer finished {@code n} deliveries: it may take more. */
    synchronized void returnCredit(MemoryConsumer c, int n) {
        c.inflight -= n;
        dispatchLocked();
    }

    /** ack / nack / reject of a manual-ack delivery. A second settlement is ignored. */
    void settle(MemoryDelivery d, Settlement how, boolean requeue) {
        MemoryConsumer c = d.consumer;
        EventHub hub = broker.hub;
        synchronized (this) {
            if (c.unacked.remove(d.deliveryTag) == null) {
                return;
            }
            c.inflight--;
            unacked--;
            if (hub.hasSubscribers()) {
                hub.publish(new MessageSettled(hub.nextSeq(), Instant.now(), d.queued.message().ref(), name,
                        c.tag, d.deliveryTag, how, requeue));
            }
            if (deleted) {
                return;
            }
            if (how != Settlement.ACK) {
                if (requeue) {
                    returnLocked(d.queued, how == Settlement.NACK);
                } else {
                    discards.drop(d.queued.message(), DiscardReason.REJECTED);
                }
            }
            dispatchLocked();
            enforceLimitsLocked();
            armExpiryLocked();
        }
    }

    /** ack with {@code multiple}: {@code d} and every earlier unsettled delivery of its consumer; nothing if d is settled. */
    void ackMultiple(MemoryDelivery d) {
        MemoryConsumer c = d.consumer;
        EventHub hub = broker.hub;
        synchronized (this) {
            if (!c.unacked.containsKey(d.deliveryTag)) {
                return;
            }
            // NOTE(order): unacked is a LinkedHashMap filled in tag order, so the covered ones come first
            var it = c.unacked.values().iterator();
            while (it.hasNext()) {
                MemoryDelivery u = it.next();
                if (u.deliveryTag > d.deliveryTag) {
                    break;
                }
                it.remove();
                c.inflight--;
                unacked--;
                if (hub.hasSubscribers()) {
                    hub.publish(new MessageSettled(hub.nextSeq(), Instant.now(), u.queued.message().ref(), name,
                            c.tag, u.deliveryTag, Settlement.ACK, false));
                }
            }
            if (deleted) {
                return;
            }
            dispatchLocked();
            enforceLimitsLocked();
            armExpiryLocked();
        }
    }

    /** The consumer's connection closed: everything it had not acknowledged goes back, flagged redelivered. */
    synchronized void requeueUnacked(MemoryConsumer c) {
        for (MemoryDelivery d : c.unacked.values()) {
            c.inflight--;
            unacked--;
            if (!deleted) {
                if (d.handed) {
                    returnLocked(d.queued, false);
                } else {
                    requeueLocked(d.queued);
                }
            }
        }
        c.unacked.clear();
        if (!deleted) {
            dispatchLocked();
            enforceLimitsLocked();
            armExpiryLocked();
        }
    }

    private void requeueLocked(QueuedMessage m) {
        requeued.add(m);
        readyBytes += m.message().size();
    }

    /** A delivered message comes back (requeued, or its consumer went away): {@link QueueLimits#onReturn}. */
    private void returnLocked(QueuedMessage m, boolean nack) {
        QueueLimits.Return r = limits.onReturn(m, nack);
        switch (r.placement()) {
            case DROP -> discards.drop(r.message().message(), DiscardReason.DELIVERY_LIMIT);
            case BACK -> {
                fresh.addLast(r.message().at(nextSeq++));
                readyBytes += r.message().message().size();
            }
            default -> requeueLocked(r.message());
        }
    }

    /** Round robin over consumers with credit, FIFO from the head, skipping expired messages. */
    private void dispatchLocked() {
        int n = consumers.size();
        if (n == 0) {
            return;
        }
        long now = 0;
        boolean nowKnown = false;
        while (readyLocked() > 0) {
            MemoryConsumer target = null;
            for (int i = 0; i < n; i++) {
                MemoryConsumer c = consumers.get((rr + i) % n);
                if (c.hasCredit()) {
                    target = c;
                    rr = (rr + i + 1) % n;
                    break;
                }
            }
            if (target == null) {
                return;
            }
            QueuedMessage m = pollHeadLocked();
            if (m.expiresAt() != Long.MAX_VALUE) {
                if (!nowKnown) {
                    now = System.nanoTime();
                    nowKnown = true;
                }
                if (m.expired(now)) {
                    discards.drop(m.message(), DiscardReason.EXPIRED);
                    continue;
                }
            }
            MemoryDelivery d = target.assign(m);
            if (!target.autoAck) {
                unacked++;
            }
            broker.gate.pass(target, d);
        }
    }

    private QueuedMessage pollHeadLocked() {
        QueuedMessage m = requeued.isEmpty() ? fresh.pollFirst() : requeued.poll();
        readyBytes -= m.message().size();
        return m;
    }

    private QueuedMessage peekHeadLocked() {
        return requeued.isEmpty() ? fresh.peekFirst() : requeued.peek();
    }

    /** x-max-length, x-max-length-bytes and the broker's per-queue memory bound drop from the head. */
    private void enforceLimitsLocked() {
        while (limits.over(readyLocked(), readyBytes)) {
            discards.drop(pollHeadLocked().message(), DiscardReason.MAX_LENGTH);
        }
    }

    // ---- timers -------------------------------------------------------------------------------

    /** Arms one timer for the head's expiry so expired messages leave even without consumers. */
    private void armExpiryLocked() {
        QueuedMessage head = peekHeadLocked();
        if (head == null || head.expiresAt() == Long.MAX_VALUE || deleted) {
            return;
        }
        if (expiryTimer != null && expiryTimerAt - head.expiresAt() <= 0) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        expiryTimerAt = head.expiresAt();
        long delay = Math.max(0, head.expiresAt() - System.nanoTime()) + 1_000_000;
        expiryTimer = broker.schedule(this::expireHead, delay);
    }

    private synchronized void expireHead() {
        expiryTimer = null;
        if (deleted) {
            return;
        }
        long now = System.nanoTime();
        QueuedMessage head;
        while ((head = peekHeadLocked()) != null && head.expired(now)) {
            discards.drop(pollHeadLocked().message(), DiscardReason.EXPIRED);
        }
        armExpiryLocked();
    }

    /** Marks the queue as used now (created, consume, cancel); with x-expires, (re)arms the idle check. */
    synchronized void touch() {
        touchLocked();
    }

    /** A declare or passive declare of the existing queue: use for a classic queue, not for a quorum queue. */
    synchronized void declared() {
        if (idle.declareCounts()) {
            touchLocked();
        }
    }

    private void touchLocked() {
        if (!deleted) {
            idle.usedLocked();
        }
    }

    // ---- deletion and purge ---------------------------------------------------------------------

    /** Marks deleted, drops ready messages, returns (count, consumers to notify). Topology lock held by caller. */
    synchronized int markDeleted(List<MemoryConsumer> cancelledOut) {
        if (deleted) {
            return 0;
        }
        deleted = true;
        int count = readyLocked();
        QueuedMessage m;
        while (readyLocked() > 0) {
            m = pollHeadLocked();
            discards.discard(m.message(), DiscardReason.QUEUE_DELETED);
        }
        for (MemoryConsumer c : consumers) {
            c.cancelled = true;
            cancelledOut.add(c);
        }
        consumers.clear();
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        idle.cancelLocked();
        return count;
    }

    synchronized int purge() {
        int count = readyLocked();
        while (readyLocked() > 0) {
            discards.discard(pollHeadLocked().message(), DiscardReason.PURGED);
        }
        return count;
    }
}
