package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ForwardingBroker;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnListener;
import io.osloscope.engine.error.AmqpException;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The only way Osloscope writes to a broker it sniffs: a {@link Broker} for the RPC layer (a
 * {@link io.osloscope.engine.rpc.Transport} over it gives {@code RpcClient} and the oslo driver) whose
 * connections publish only while the {@link PublishGuard} has this connection armed.
 *
 * <ul>
 *   <li>Not armed when {@link #connect} is called: nothing reaches the broker, not even a connection. The
 *       connection accepts the driver's exchange declare as a no-op and refuses the publish with a
 *       {@link PublishGuard.PublishRefusedException} carrying the exact {@link PublishRequest} (exchange,
 *       routing key, properties, body) for the user's confirmation.</li>
 *   <li>Armed: a real connection of the wrapped broker; every publish is checked again, so disarming takes
 *       effect at once.</li>
 *   <li>Either way it never changes the deployment's shape: an exchange declare becomes a passive check (the
 *       exchange exists with whatever shape the deployment's dialect gave it, or the publish is refused with
 *       404), and queue declares, binds, deletes, purges and consumers are refused. So the fire path needs no
 *       dialect: it declares nothing.</li>
 * </ul>
 */
public final class GuardedBroker extends ForwardingBroker {
    private final PublishGuard guard;
    private final String connectionId;

    /**
     * @param delegate     the real broker (owned: {@link #close()} closes its connections)
     * @param connectionId what the guard arms, e.g. {@code rabbit://guest:***@10.0.0.1:5672/}
     */
    public GuardedBroker(Broker delegate, PublishGuard guard, String connectionId) {
        super(delegate);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        return new GuardedConnection(options.name(), guard.isArmed(connectionId) ? delegate().connect(options) : null);
    }

    /**
     * Publishes exactly {@code request} (what the user confirmed) on a connection of its own with publisher
     * confirms; refused with {@link PublishGuard.PublishRefusedException} unless armed.
     */
    public void publish(PublishRequest request) {
        guard.check(connectionId, request);
        try (BrokerConnection c = connect(ConnectionOptions.named("osloscope-publish:" + ProcessHandle.current().pid())
                .withPublisherConfirms(true))) {
            c.publish(request.exchange(), request.routingKey(), request.mandatory(), request.properties(),
                    request.body());
        }
    }

    public String connectionId() {
        return connectionId;
    }

    /** A connection that publishes only while armed and never changes topology; {@code real} null: not armed. */
    private final class GuardedConnection implements BrokerConnection {
        private final String name;
        private final BrokerConnection real;
        private volatile boolean closed;

        GuardedConnection(String name, BrokerConnection real) {
            this.name = name;
            this.real = real;
        }

        private SnifferException readOnly(String what) {
            return new SnifferException("refused to " + what + " on " + connectionId + ": Osloscope only publishes "
                    + "to a broker it sniffs, it never changes its topology or consumes its queues");
        }

        private BrokerConnection armedOrRefuse(String what) {
            if (real == null) {
                throw new SnifferException("refused to " + what + " on " + connectionId + ": publishing is not armed");
            }
            return real;
        }

        private void checkPublish(PublishRequest request) {
            guard.check(connectionId, request);
            if (real == null) {
                // NOTE(arming): armed after this connection was opened unarmed; the user fires again.
                throw new PublishGuard.PublishRefusedException("publishing to " + connectionId + " was armed after "
                        + "this message was prepared; fire it again (refused: " + request.summary() + ")", request);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String serverVersion() {
            return real == null ? BrokerConnection.super.serverVersion() : real.serverVersion();
        }

        @Override
        public void declareExchange(ExchangeSpec spec) {
            if (real == null) {
                return; // NOTE(dry-run): checked passively once armed; the publish below is refused anyway.
            }
            try {
                real.declareExchangePassive(spec.name());
            } catch (AmqpException e) {
                if (e.replyCode() != AmqpException.NOT_FOUND) {
                    throw e;
                }
                throw new AmqpException(AmqpException.NOT_FOUND, "exchange '" + spec.name() + "' does not exist on "
                        + connectionId + " and Osloscope does not declare topology on a broker it sniffs ("
                        + e.replyText() + ")", e);
            }
        }

        @Override
        public void declareExchangePassive(String exchange) {
            armedOrRefuse("check exchange '" + exchange + "'").declareExchangePassive(exchange);
        }

        @Override
        public void deleteExchange(String exchange, boolean ifUnused) {
            throw readOnly("delete exchange '" + exchange + "'");
        }

        @Override
        public QueueInfo declareQueue(QueueSpec spec) {
            throw readOnly("declare queue '" + spec.name() + "'");
        }

        @Override
        public QueueInfo declareQueuePassive(String queue) {
            return armedOrRefuse("check queue '" + queue + "'").declareQueuePassive(queue);
        }

        @Override
        public int deleteQueue(String queue, boolean ifUnused, boolean ifEmpty) {
            throw readOnly("delete queue '" + queue + "'");
        }

        @Override
        public int purgeQueue(String queue) {
            throw readOnly("purge queue '" + queue + "'");
        }

        @Override
        public void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
            throw readOnly("bind queue '" + queue + "' to exchange '" + exchange + "'");
        }

        @Override
        public void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
            throw readOnly("unbind queue '" + queue + "' from exchange '" + exchange + "'");
        }

        @Override
        public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                            byte[] body) {
            checkPublish(new PublishRequest(exchange, routingKey, mandatory, properties, body));
            real.publish(exchange, routingKey, mandatory, properties, body);
        }

        @Override
        public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                    MessageProperties properties, byte[] body) {
            checkPublish(new PublishRequest(exchange, routingKey, mandatory, properties, body));
            return real.publishAsync(exchange, routingKey, mandatory, properties, body);
        }

        @Override
        public void addReturnListener(ReturnListener listener) {
            if (real != null) {
                real.addReturnListener(listener);
            }
        }

        @Override
        public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
            throw readOnly("consume from queue '" + queue + "'");
        }

        @Override
        public java.util.Optional<io.osloscope.engine.broker.Delivery> get(String queue, boolean autoAck) {
            throw readOnly("get from queue '" + queue + "'");
        }

        @Override
        public boolean isOpen() {
            return real == null ? !closed : real.isOpen();
        }

        @Override
        public void close() {
            closed = true;
            if (real != null) {
                real.close();
            }
        }
    }
}
