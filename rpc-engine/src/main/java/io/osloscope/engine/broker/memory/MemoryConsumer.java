package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One consumer: a serial actor on the broker's worker pool. The queue assigns deliveries (under
 * its lock, counting credit) and drops them into the mailbox; the actor hands them to the handler
 * one at a time, in order, never on the publisher's thread. A handler that blocks holds only this
 * consumer's actor. {@code inflight}, {@code nextTag} and {@code unacked} are guarded by the queue's lock.
 */
final class MemoryConsumer implements ConsumerHandle, Runnable {
    private static final int BATCH = 256;

    final MemoryQueue queue;
    final MemoryConnection connection;
    final String tag;
    final DeliveryHandler handler;
    final boolean autoAck;
    final boolean exclusive;
    private final int window;
    final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
    final Map<Long, MemoryDelivery> unacked = new LinkedHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean cancelCalled = new AtomicBoolean();
    volatile boolean cancelled;
    int inflight;
    private long nextTag;

    MemoryConsumer(MemoryQueue queue, MemoryConnection connection, String tag, DeliveryHandler handler,
                   boolean autoAck, int prefetch, boolean exclusive, int autoAckWindow) {
        this.queue = queue;
        this.connection = connection;
        this.tag = tag;
        this.handler = handler;
        this.autoAck = autoAck;
        this.exclusive = exclusive;
        this.window = autoAck ? autoAckWindow : prefetch == 0 ? Integer.MAX_VALUE : prefetch;
    }

    @Override
    public String consumerTag() {
        return tag;
    }

    @Override
    public String queue() {
        return queue.name;
    }

    @Override
    public void cancel() {
        connection.cancelConsumer(this, false);
    }

    boolean hasCredit() {
        return inflight < window;
    }

    /** Queue lock held: takes the message as the next delivery of this consumer. */
    MemoryDelivery assign(QueuedMessage m) {
        MemoryDelivery d = new MemoryDelivery(this, ++nextTag, m);
        inflight++;
        if (!autoAck) {
            unacked.put(d.deliveryTag, d);
        }
        return d;
    }

    /** Queue lock held: the message as a {@code basic.get} of this stand-in consumer, unacked unless auto-ack. */
    MemoryDelivery got(QueuedMessage m, boolean autoAck) {
        MemoryDelivery d = new MemoryDelivery(this, ++nextTag, m);
        d.handed = true;
        if (!autoAck) {
            inflight++;
            unacked.put(d.deliveryTag, d);
        }
        return d;
    }

    /** Called by the gate (or directly) to hand the delivery to the actor. */
    void offer(MemoryDelivery d) {
        if (cancelled) {
            queue.returnUndelivered(d);
            return;
        }
        mailbox.add(d);
        schedule();
    }

    /** Queues the final {@link DeliveryHandler#cancelled} call behind any deliveries already handed out. Once. */
    void signalCancelled(boolean byBroker) {
        if (cancelCalled.compareAndSet(false, true)) {
            mailbox.add(byBroker ? CancelSignal.BY_BROKER : CancelSignal.BY_CLIENT);
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            queue.broker.execute(this);
        }
    }

    @Override
    public void run() {
        int handled = 0;
        EventHub hub = queue.broker.hub;
        try {
            for (int i = 0; i < BATCH; i++) {
                Object o = mailbox.poll();
                if (o == null) {
                    break;
                }
                if (o instanceof CancelSignal s) {
                    try {
                        handler.cancelled(tag, s == CancelSignal.BY_BROKER);
                    } catch (Throwable t) {
                        failed(hub, t);
                    }
                    continue;
                }
                MemoryDelivery d = (MemoryDelivery) o;
                d.handed = true;
                if (hub.hasSubscribers()) {
                    Published p = d.queued.message();
                    Instant now = Instant.now();
                    hub.publish(queue.deliveredEvent(hub, d, now));
                    if (autoAck) {
                        hub.publish(new MessageSettled(hub.nextSeq(), now, p.ref(), queue.name, tag,
                                d.deliveryTag, Settlement.AUTO_ACK, false));
                    }
                }
                try {
                    handler.handle(d);
                } catch (Throwable t) {
                    failed(hub, t);
                }
                if (autoAck) {
                    handled++;
                }
            }
        } finally {
            if (handled > 0) {
                queue.returnCredit(this, handled);
            }
            scheduled.set(false);
            if (!mailbox.isEmpty()) {
                schedule();
            }
        }
    }

    private void failed(EventHub hub, Throwable t) {
        hub.publish(new ListenerFailed(hub.nextSeq(), Instant.now(), "consumer " + tag + " on queue " + queue.name,
                t.getClass().getName(), String.valueOf(t.getMessage())));
    }

    private enum CancelSignal { BY_CLIENT, BY_BROKER }
}
