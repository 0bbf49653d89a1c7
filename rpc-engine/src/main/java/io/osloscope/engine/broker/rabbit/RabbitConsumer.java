package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.observe.BrokerEvents.Settlement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One consumer on its own channel, so its prefetch ({@code basic.qos}) is its own and a slow
 * handler delays nobody else. amqp-client runs the callbacks of one channel in order on a pool
 * thread; the handler is called there. After {@link #cancel()} the channel stays open until every
 * delivery it handed out is settled (so late acks still work), then closes.
 */
final class RabbitConsumer implements ConsumerHandle, Consumer {
    private final RabbitConnection owner;
    private final Channel channel;
    private final String queue;
    private final ConsumeOptions options;
    private final DeliveryHandler handler;
    private final AtomicInteger unsettled = new AtomicInteger();
    /** Manual-ack deliveries not settled yet, by tag, so that a multiple ack can mark the ones it covers. */
    private final ConcurrentSkipListMap<Long, RabbitDelivery> outstanding = new ConcurrentSkipListMap<>();
    /** Held while a settlement is marked and its frame written. */
    private final Object settling = new Object();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String tag;

    RabbitConsumer(RabbitConnection owner, Channel channel, String queue, ConsumeOptions options,
                   DeliveryHandler handler) {
        this.owner = owner;
        this.channel = channel;
        this.queue = queue;
        this.options = options;
        this.handler = handler;
        this.tag = options.consumerTag();
    }

    /**
     * Sets the prefetch and sends {@code basic.consume}; blocks until the broker answered. The prefetch is set even
     * for auto-ack (RabbitMQ ignores it there), so that a stream's refusal of auto-ack reads as RabbitMQ gives it.
     */
    void start() throws IOException {
        if (options.prefetch() > 0) {
            channel.basicQos(options.prefetch());
        }
        tag = channel.basicConsume(queue, options.autoAck(), options.consumerTag() == null ? "" : options.consumerTag(),
                false, options.exclusive(), options.arguments(), this);
    }

    @Override
    public String consumerTag() {
        return tag;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public void cancel() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.basicCancel(tag);
            }
        } catch (IOException | ShutdownSignalException e) {
            // NOTE(cancel): a channel closed underneath us means the consumer is gone already.
        }
        owner.consumerEnded(this, false);
        handler.cancelled(tag, false);
        closeIfDrained();
    }

    /** Called by the connection when the client closes it; the broker requeues unacked deliveries. */
    void connectionClosing() {
        if (ended.compareAndSet(false, true)) {
            safely(() -> handler.cancelled(tag, false), "cancelled");
        }
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
        tag = consumerTag;
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        // cancel() already reported the end.
    }

    @Override
    public void handleCancel(String consumerTag) {
        endByBroker();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        if (sig.isHardError() && !sig.isInitiatedByApplication() && owner.recoversAutomatically()) {
            // NOTE(recovery): amqp-client will bring this consumer back with the connection; not an end.
            return;
        }
        endByBroker();
    }

    @Override
    public void handleRecoverOk(String consumerTag) {
    }

    private void endByBroker() {
        if (ended.compareAndSet(false, true)) {
            owner.consumerEnded(this, true);
            safely(() -> handler.cancelled(tag, true), "cancelled");
            closeIfDrained();
        }
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        MessageProperties props = RabbitProperties.fromAmqp(properties);
        RabbitDelivery d = new RabbitDelivery(consumerTag, envelope, props, body);
        if (!options.autoAck()) {
            unsettled.incrementAndGet();
            outstanding.put(envelope.getDeliveryTag(), d);
        }
        owner.delivered(d, queue);
        if (options.autoAck()) {
            owner.settled(d, queue, Settlement.AUTO_ACK, false);
        }
        safely(() -> handler.handle(d), "handle");
    }

    private void safely(Runnable r, String what) {
        try {
            r.run();
        } catch (Throwable t) {
            // NOTE(handler-errors): an escaping exception would make amqp-client close the channel.
            owner.handlerFailed("consumer " + tag + " on queue '" + queue + "' (" + what + ")", t);
        }
    }

    private void closeIfDrained() {
        if (ended.get() && unsettled.get() <= 0) {
            owner.closeChannelLater(channel);
        }
    }

    /** A delivery settled at most once, on the channel it came from. */
    private final class RabbitDelivery implements Delivery {
        private static final AtomicIntegerFieldUpdater<RabbitDelivery> SETTLED =
                AtomicIntegerFieldUpdater.newUpdater(RabbitDelivery.class, "settled");
        private final String consumerTag;
        private final Envelope envelope;
        private final MessageProperties properties;
        private final byte[] body;
        private volatile int settled;

        RabbitDelivery(String consumerTag, Envelope envelope, MessageProperties properties, byte[] body) {
            this.consumerTag = consumerTag;
            this.envelope = envelope;
            this.properties = properties;
            this.body = body;
        }

        @Override
        public String consumerTag() {
            return consumerTag;
        }

        @Override
        public long deliveryTag() {
            return envelope.getDeliveryTag();
        }

        @Override
        public boolean redelivered() {
            return envelope.isRedeliver();
        }

        @Override
        public String exchange() {
            return envelope.getExchange();
        }

        @Override
        public String routingKey() {
            return envelope.getRoutingKey();
        }

        @Override
        public String queue() {
            return queue;
        }

        @Override
        public MessageProperties properties() {
            return properties;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public void ack() {
            settle(Settlement.ACK, false);
        }

        @Override
        public void ackMultiple() {
            if (options.autoAck()) {
                return;
            }
            List<RabbitDelivery> covered = new ArrayList<>();
            // NOTE(multiple): settling under one lock keeps the frames in the order the deliveries were marked;
            // a single ack of a covered tag reaching the broker after our multiple ack would close the channel
            synchronized (settling) {
                if (!SETTLED.compareAndSet(this, 0, 1)) {
                    return;
                }
                long t = envelope.getDeliveryTag();
                covered.add(this);
                for (var it = outstanding.headMap(t, false).values().iterator(); it.hasNext(); ) {
                    RabbitDelivery u = it.next();
                    it.remove();
                    if (SETTLED.compareAndSet(u, 0, 1)) {
                        covered.add(u);
                    }
                }
                outstanding.remove(t);
                try {
                    channel.basicAck(t, true);
                } catch (IOException | ShutdownSignalException e) {
                    throw RabbitErrors.translate(e, owner.settings());
                } finally {
                    unsettled.addAndGet(-covered.size());
                    closeIfDrained();
                }
            }
            for (RabbitDelivery u : covered) {
                owner.settled(u, queue, Settlement.ACK, false);
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
            if (options.autoAck()) {
                return;
            }
            synchronized (settling) {
                if (!SETTLED.compareAndSet(this, 0, 1)) {
                    return;
                }
                outstanding.remove(envelope.getDeliveryTag());
                try {
                    long t = envelope.getDeliveryTag();
                    switch (how) {
                        case ACK -> channel.basicAck(t, false);
                        case NACK -> channel.basicNack(t, false, requeue);
                        default -> channel.basicReject(t, requeue);
                    }
                } catch (IOException | ShutdownSignalException e) {
                    throw RabbitErrors.translate(e, owner.settings());
                } finally {
                    unsettled.decrementAndGet();
                    closeIfDrained();
                }
            }
            owner.settled(this, queue, how, requeue);
        }
    }
}
