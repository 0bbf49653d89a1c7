package io.osloscope.sim.fault;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnListener;
import io.osloscope.engine.observe.EventHub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The broker as one simulated node sees it: a decorator that applies the node's {@link FaultPlan}.
 * While the node is down its consumers are cancelled (messages stay in its queues) and they come
 * back when it is up again; a slow node's deliveries wait before they are handled; a node
 * dropping replies publishes no call replies (exchange {@code ""}, routing key {@code reply_*}).
 * Closing it closes only the connections it opened, never the shared broker underneath.
 */
public final class FaultyBroker implements Broker {
    private final Broker delegate;
    private final FaultPlan plan;
    private final SharedConnections shared;
    private final List<FaultyConnection> connections = new CopyOnWriteArrayList<>();

    /** @param shared null to give the node its own connections, as a real service has */
    public FaultyBroker(Broker delegate, FaultPlan plan, SharedConnections shared) {
        this.delegate = delegate;
        this.plan = plan;
        this.shared = shared;
        plan.addListener(p -> connections.forEach(FaultyConnection::applyDown));
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        BrokerConnection real = shared != null ? shared.acquire() : delegate.connect(options);
        FaultyConnection c = new FaultyConnection(real, shared == null);
        connections.add(c);
        return c;
    }

    @Override
    public EventHub events() {
        return delegate.events();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean observesRouting() {
        return delegate.observesRouting();
    }

    @Override
    public void close() {
        connections.forEach(FaultyConnection::close);
        connections.clear();
    }

    private final class FaultyConnection implements BrokerConnection {
        private final BrokerConnection real;
        private final boolean owned;
        private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        FaultyConnection(BrokerConnection real, boolean owned) {
            this.real = real;
            this.owned = owned;
        }

        void applyDown() {
            for (Consumer c : consumers) {
                c.apply(plan.down());
            }
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public void declareExchange(ExchangeSpec spec) {
            real.declareExchange(spec);
        }

        @Override
        public void declareExchangePassive(String name) {
            real.declareExchangePassive(name);
        }

        @Override
        public void deleteExchange(String name, boolean ifUnused) {
            real.deleteExchange(name, ifUnused);
        }

        @Override
        public QueueInfo declareQueue(QueueSpec spec) {
            return real.declareQueue(spec);
        }

        @Override
        public QueueInfo declareQueuePassive(String name) {
            return real.declareQueuePassive(name);
        }

        @Override
        public int deleteQueue(String name, boolean ifUnused, boolean ifEmpty) {
            return real.deleteQueue(name, ifUnused, ifEmpty);
        }

        @Override
        public int purgeQueue(String name) {
            return real.purgeQueue(name);
        }

        @Override
        public void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
            real.bind(queue, exchange, bindingKey, arguments);
        }

        @Override
        public void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
            real.unbind(queue, exchange, bindingKey, arguments);
        }

        @Override
        public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                            byte[] body) {
            if (plan.dropReplies() && exchange.isEmpty() && routingKey.startsWith("reply_")) {
                plan.countDroppedReply();
                return;
            }
            real.publish(exchange, routingKey, mandatory, properties, body);
        }

        @Override
        public void addReturnListener(ReturnListener listener) {
            real.addReturnListener(listener);
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
            return !closed && real.isOpen();
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
                real.close();
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
                    current = real.consume(queue, owned ? options : options.withTag(null), this);
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
