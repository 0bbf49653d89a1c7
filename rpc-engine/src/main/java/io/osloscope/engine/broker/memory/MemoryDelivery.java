package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.observe.BrokerEvents.Settlement;

import java.util.LinkedHashMap;
import java.util.Map;

/** One delivery to one consumer. Settling goes to the queue, which ignores a second settlement. */
final class MemoryDelivery implements Delivery {
    static final String DELIVERY_COUNT = "x-delivery-count";
    /** From RabbitMQ 4.3: how often a quorum queue's message was acquired, returns the limit ignores included. */
    static final String ACQUIRED_COUNT = "x-acquired-count";
    final MemoryConsumer consumer;
    final long deliveryTag;
    final QueuedMessage queued;
    volatile boolean handed;

    MemoryDelivery(MemoryConsumer consumer, long deliveryTag, QueuedMessage queued) {
        this.consumer = consumer;
        this.deliveryTag = deliveryTag;
        this.queued = queued;
    }

    @Override
    public String consumerTag() {
        return consumer.tag;
    }

    @Override
    public long deliveryTag() {
        return deliveryTag;
    }

    @Override
    public boolean redelivered() {
        return queued.redelivered();
    }

    @Override
    public String exchange() {
        return queued.message().exchange();
    }

    @Override
    public String routingKey() {
        return queued.message().routingKey();
    }

    @Override
    public String queue() {
        return consumer.queue.name;
    }

    /**
     * The message's properties; a quorum queue adds {@code x-delivery-count} once the message came back (a consumer's
     * first delivery has none on 3.10.8 and 4.0.5; only 3.10's basic.get shows 0), and from 4.3 {@code x-acquired-count}.
     */
    @Override
    public MessageProperties properties() {
        MessageProperties p = queued.message().properties();
        boolean acquiredCount = consumer.queue.broker.version.atLeast(RabbitVersion.V4_3);
        if (consumer.queue.type != QueueType.QUORUM || queued.deliveryCount() == 0
                && (!acquiredCount || queued.acquiredCount() == 0)) {
            return p;
        }
        Map<String, Object> h = p.headers() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.headers());
        if (acquiredCount) {
            h.put(ACQUIRED_COUNT, (long) queued.acquiredCount());
        }
        if (queued.deliveryCount() > 0) {
            h.put(DELIVERY_COUNT, (long) queued.deliveryCount());
        }
        return p.withHeaders(h);
    }

    @Override
    public byte[] body() {
        return queued.message().body();
    }

    @Override
    public void ack() {
        settle(Settlement.ACK, false);
    }

    @Override
    public void ackMultiple() {
        if (!consumer.autoAck) {
            consumer.queue.ackMultiple(this);
        }
    }

    @Override
    public void nack(boolean requeue) {
        settle(Settlement.NACK, requeue);
    }

    @Override
    public void reject(boolean requeue) {
        settle(Settlement.REJECT, requeue);
    }

    private void settle(Settlement how, boolean requeue) {
        if (!consumer.autoAck) {
            consumer.queue.settle(this, how, requeue);
        }
    }

    @Override
    public String toString() {
        return "delivery #" + deliveryTag + " of " + consumer.tag + " from " + consumer.queue.name;
    }
}
