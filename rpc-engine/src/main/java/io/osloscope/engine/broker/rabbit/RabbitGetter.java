package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.Settlement;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@code basic.get} for one connection, on a channel of its own: a got message must be settled on the channel
 * that got it, and the command channel is replaced after every channel error. A channel closed by an error is
 * replaced at the next get; messages it had not settled went back to their queues with it.
 */
final class RabbitGetter {
    private final RabbitConnection owner;
    private final Connection connection;
    /** Unsettled manual-ack gets of the current channel, so a multiple ack marks the ones it covers. */
    private final ConcurrentSkipListMap<Long, GotDelivery> outstanding = new ConcurrentSkipListMap<>();
    private Channel channel;

    RabbitGetter(RabbitConnection owner, Connection connection) {
        this.owner = owner;
        this.connection = connection;
    }

    synchronized Optional<Delivery> get(String queue, boolean autoAck) {
        GetResponse r;
        Channel ch;
        try {
            if (channel == null || !channel.isOpen()) {
                outstanding.clear();
                channel = connection.createChannel();
                if (channel == null) {
                    throw new TransportConnectionException("the broker has no free channel on this connection");
                }
            }
            ch = channel;
            r = ch.basicGet(queue, autoAck);
        } catch (IOException | ShutdownSignalException e) {
            throw RabbitErrors.translate(e, owner.settings());
        }
        if (r == null) {
            return Optional.empty();
        }
        GotDelivery d = new GotDelivery(ch, queue, autoAck, r, RabbitProperties.fromAmqp(r.getProps()));
        if (!autoAck) {
            outstanding.put(d.deliveryTag(), d);
        }
        owner.delivered(d, queue);
        if (autoAck) {
            owner.settled(d, queue, Settlement.AUTO_ACK, false);
        }
        return Optional.of(d);
    }

    /** One got message; settled at most once, on its channel. Its consumer tag is empty (basic.get has none). */
    private final class GotDelivery implements Delivery {
        private final Channel channel;
        private final String queue;
        private final boolean autoAck;
        private final GetResponse response;
        private final MessageProperties properties;
        private boolean settled;

        GotDelivery(Channel channel, String queue, boolean autoAck, GetResponse response, MessageProperties properties) {
            this.channel = channel;
            this.queue = queue;
            this.autoAck = autoAck;
            this.response = response;
            this.properties = properties;
        }

        @Override
        public String consumerTag() {
            return "";
        }

        @Override
        public long deliveryTag() {
            return response.getEnvelope().getDeliveryTag();
        }

        @Override
        public boolean redelivered() {
            return response.getEnvelope().isRedeliver();
        }

        @Override
        public String exchange() {
            return response.getEnvelope().getExchange();
        }

        @Override
        public String routingKey() {
            return response.getEnvelope().getRoutingKey();
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
            return response.getBody();
        }

        @Override
        public void ack() {
            settle(Settlement.ACK, false, false);
        }

        @Override
        public void ackMultiple() {
            settle(Settlement.ACK, false, true);
        }

        @Override
        public void nack(boolean requeue) {
            settle(Settlement.NACK, requeue, false);
        }

        @Override
        public void reject(boolean requeue) {
            settle(Settlement.REJECT, requeue, false);
        }

        private void settle(Settlement how, boolean requeue, boolean multiple) {
            if (autoAck) {
                return;
            }
            long t = deliveryTag();
            synchronized (RabbitGetter.this) {
                if (settled || channel != RabbitGetter.this.channel) {
                    return;
                }
                settled = true;
                outstanding.remove(t);
                if (multiple) {
                    for (var it = outstanding.headMap(t, false).values().iterator(); it.hasNext(); ) {
                        GotDelivery u = it.next();
                        it.remove();
                        u.settled = true;
                        owner.settled(u, queue, Settlement.ACK, false);
                    }
                }
                try {
                    switch (how) {
                        case ACK -> channel.basicAck(t, multiple);
                        case NACK -> channel.basicNack(t, false, requeue);
                        default -> channel.basicReject(t, requeue);
                    }
                } catch (IOException | ShutdownSignalException e) {
                    throw RabbitErrors.translate(e, owner.settings());
                }
            }
            owner.settled(this, queue, how, requeue);
        }
    }
}
