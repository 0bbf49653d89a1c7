package io.osloscope.sim.fault;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ForwardingBroker;
import io.osloscope.engine.broker.ForwardingBrokerConnection;
import io.osloscope.engine.wire.MessageProperties;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The broker as one simulated node sees it: a decorator that applies the node's {@link FaultPlan}.
 * While the node is down its consumers are cancelled (messages stay in its queues) and they come
 * back when it is up again; a slow node's deliveries wait before they are handled; a node
 * dropping replies publishes no call replies (exchange {@code ""}, routing key {@code reply_*}).
 * Closing it closes only the connections it opened, never the shared broker underneath.
 */
final class FaultyBroker extends ForwardingBroker {
    private final FaultPlan plan;
    private final SharedConnections shared;
    private final List<FaultyConnection> connections = new CopyOnWriteArrayList<>();

    /** @param shared null to give the node its own connections, as a real service has */
    FaultyBroker(Broker delegate, FaultPlan plan, SharedConnections shared) {
        super(delegate);
        this.plan = plan;
        this.shared = shared;
        plan.addListener(p -> connections.forEach(FaultyConnection::applyDown));
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        BrokerConnection real = shared != null ? shared.acquire() : delegate().connect(options);
        FaultyConnection c = new FaultyConnection(real, shared == null);
        connections.add(c);
        return c;
    }

    /** Closes only the connections this node opened; the broker underneath stays up. */
    /** {@link io.osloscope.engine.broker.FaultControl}: this node's plan; anything else: the wrapped broker's. */
    @Override
    public <T> java.util.Optional<T> capability(Class<T> type) {
        return type.isInstance(plan) ? java.util.Optional.of(type.cast(plan)) : super.capability(type);
    }

    @Override
    public void close() {
        connections.forEach(FaultyConnection::close);
        connections.clear();
    }

    private final class FaultyConnection extends ForwardingBrokerConnection {
        private final boolean owned;
        private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        FaultyConnection(BrokerConnection real, boolean owned) {
            super(real);
            this.owned = owned;
        }

        void applyDown() {
            for (Consumer c : consumers) {
                c.apply(plan.down());
            }
        }

        @Override
        public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                            byte[] body) {
            if (dropsReply(exchange, routingKey)) {
                plan.countDroppedReply();
                return;
            }
            real().publish(exchange, routingKey, mandatory, properties, body);
        }

        @Override
        public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                    MessageProperties properties, byte[] body) {
            if (dropsReply(exchange, routingKey)) {
                plan.countDroppedReply();
                return CompletableFuture.completedFuture(null);
            }
            return real().publishAsync(exchange, routingKey, mandatory, properties, body);
        }

        private boolean dropsReply(String exchange, String routingKey) {
            return plan.dropReplies() && exchange.isEmpty() && routingKey.startsWith("reply_");
        }

        private BrokerConnection real() {
            return delegate();
        }

        @Override
        public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
            Consumer c = new Consumer(queue, options, handler);
            consumers.add(c);
            c.apply(plan.down());
            return c;
        }

        @Override
        public boolean isOpen() {
            return !closed && real().isOpen();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Consumer c : consumers) {
                c.cancel();
            }
            consumers.clear();
            if (owned) {
                real().close();
            }
        }

        /** One consumer of the node; cancelled on the real connection while the node is down. */
        private final class Consumer implements ConsumerHandle, DeliveryHandler {
            private final String queue;
            private final ConsumeOptions options;
            private final DeliveryHandler handler;
            private ConsumerHandle current;
            private boolean cancelled;
            private String tag;

            Consumer(String queue, ConsumeOptions options, DeliveryHandler handler) {
                this.queue = queue;
                this.options = options;
                this.handler = handler;
                this.tag = options.consumerTag();
            }

            synchronized void apply(boolean down) {
                if (cancelled) {
                    return;
                }
                if (down && current != null) {
                    ConsumerHandle h = current;
                    current = null;
                    h.cancel();
                } else if (!down && current == null) {
                    current = real().consume(queue, owned ? options : options.withTag(null), this);
                    tag = current.consumerTag();
                }
            }

            @Override
            public void handle(Delivery delivery) {
                Duration wait = plan.latency();
                if (!wait.isZero()) {
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (plan.down() && !options.autoAck()) {
                    delivery.nack(true);
                    return;
                }
                handler.handle(delivery);
            }

            @Override
            public void cancelled(String consumerTag, boolean byBroker) {
                if (byBroker) {
                    handler.cancelled(consumerTag, true);
                }
            }

            @Override
            public synchronized String consumerTag() {
                return tag;
            }

            @Override
            public String queue() {
                return queue;
            }

            @Override
            public synchronized void cancel() {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                consumers.remove(this);
                if (current != null) {
                    current.cancel();
                    current = null;
                }
                handler.cancelled(tag, false);
            }
        }
    }
}
