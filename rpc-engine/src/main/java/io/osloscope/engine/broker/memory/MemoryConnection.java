package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnListener;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.TransportConnectionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client connection to the in-memory broker. Operations run on the caller's thread and are
 * answered synchronously; return listeners run on a serial actor of the broker's worker pool.
 */
final class MemoryConnection implements BrokerConnection {
    private final InMemoryBroker broker;
    private final String name;
    private final Set<MemoryConsumer> consumers = ConcurrentHashMap.newKeySet();
    /** basic.get's stand-in consumer per queue: holds the unsettled messages this connection got. */
    private final Map<MemoryQueue, MemoryConsumer> getters = new ConcurrentHashMap<>();
    private final List<ReturnListener> returnListeners = new CopyOnWriteArrayList<>();
    private final SerialExecutor returns;
    private volatile boolean open = true;
    private volatile String closedBy;

    private io.osloscope.engine.wire.Sender identity;

    /** Who opened this connection, when the opener said (see ConnectionOptions#identity); else null. */
    io.osloscope.engine.wire.Sender identity() {
        return identity;
    }

    MemoryConnection identity(io.osloscope.engine.wire.Sender who) {
        this.identity = who;
        return this;
    }

    MemoryConnection(InMemoryBroker broker, String name) {
        this.broker = broker;
        this.name = name;
        this.returns = new SerialExecutor(broker::execute);
    }

    @Override
    public String name() {
        return name;
    }

    private void checkOpen() {
        if (!open) {
            throw new TransportConnectionException("connection '" + name + "' to " + broker.describe()
                    + (closedBy == null ? " is closed" : " closed by the broker: " + closedBy));
        }
    }

    @Override
    public void declareExchange(ExchangeSpec spec) {
        checkOpen();
        broker.declareExchange(spec);
    }

    @Override
    public void declareExchangePassive(String exchange) {
        checkOpen();
        broker.declareExchangePassive(exchange);
    }

    @Override
    public void deleteExchange(String exchange, boolean ifUnused) {
        checkOpen();
        broker.deleteExchange(exchange, ifUnused);
    }

    @Override
    public QueueInfo declareQueue(QueueSpec spec) {
        checkOpen();
        return broker.declareQueue(this, spec);
    }

    @Override
    public QueueInfo declareQueuePassive(String queue) {
        checkOpen();
        return broker.declareQueuePassive(this, queue);
    }

    @Override
    public int deleteQueue(String queue, boolean ifUnused, boolean ifEmpty) {
        checkOpen();
        return broker.deleteQueue(this, queue, ifUnused, ifEmpty);
    }

    @Override
    public int purgeQueue(String queue) {
        checkOpen();
        try {
            return broker.purgeQueue(this, queue);
        } catch (AmqpException e) {
            throw connectionError(e);
        }
    }

    @Override
    public void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        checkOpen();
        broker.bind(this, queue, exchange, bindingKey, arguments);
    }

    @Override
    public void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        checkOpen();
        broker.unbind(this, queue, exchange, bindingKey, arguments);
    }

    @Override
    public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                        byte[] body) {
        checkOpen();
        broker.publish(this, exchange, routingKey, mandatory, properties == null ? MessageProperties.EMPTY : properties,
                body == null ? new byte[0] : body);
    }

    /**
     * The in-memory broker routes and enqueues inside {@code publish} and never refuses a message,
     * so it is confirmed by the time this returns: the future is already complete.
     */
    @Override
    public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                MessageProperties properties, byte[] body) {
        publish(exchange, routingKey, mandatory, properties, body);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addReturnListener(ReturnListener listener) {
        returnListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void returned(ReturnedMessage m) {
        for (ReturnListener l : returnListeners) {
            returns.execute(() -> {
                try {
                    l.returned(m);
                } catch (RuntimeException e) {
                    broker.listenerFailed("return listener of " + name, e);
                }
            });
        }
    }

    @Override
    public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        checkOpen();
        Objects.requireNonNull(handler, "handler");
        MemoryConsumer c;
        try {
            c = broker.consume(this, queue, options == null ? ConsumeOptions.autoAcking() : options, handler);
        } catch (AmqpException e) {
            throw connectionError(e);
        }
        consumers.add(c);
        if (!open) {
            cancelConsumer(c, false);
        }
        return c;
    }

    @Override
    public Optional<Delivery> get(String queue, boolean autoAck) {
        checkOpen();
        try {
            return Optional.ofNullable(broker.get(this, queue, autoAck));
        } catch (AmqpException e) {
            throw connectionError(e);
        }
    }

    /** This connection's stand-in consumer for basic.get on {@code q}: manual ack, no handler, no credit limit. */
    MemoryConsumer getter(MemoryQueue q) {
        return getters.computeIfAbsent(q, k -> new MemoryConsumer(k, this, "", d -> { }, false, 0, false, 0));
    }

    /**
     * A connection error closes the connection, as RabbitMQ does; channel errors leave it open. 540 and 541 are the
     * answer to the call that caused it (as the RabbitMQ adapter reports them: a refusal, not an outage); later calls
     * on the connection fail as closed by the broker.
     */
    private RuntimeException connectionError(AmqpException e) {
        if (!StreamErrors.closesConnection(e)) {
            return e;
        }
        closedByBroker(e);
        return e;
    }

    /** The broker closes this connection for {@code why} (a frame that has no reply, such as a nack); asynchronously. */
    void closeByBroker(AmqpException why) {
        if (markClosed()) {
            closedBy = why.replyCode() + " " + why.replyText().lines().findFirst().orElse("");
            broker.execute(this::close0);
        }
    }

    private synchronized boolean markClosed() {
        boolean was = open;
        open = false;
        return was;
    }

    void cancelConsumer(MemoryConsumer c, boolean byBroker) {
        broker.cancel(c, byBroker);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** A connection-level error (540, 541): the broker closes the whole connection, as RabbitMQ does, and says why. */
    void closedByBroker(AmqpException e) {
        if (markClosed()) {
            closedBy = e.replyCode() + " " + e.replyText().lines().findFirst().orElse("");
            close0();
        }
    }

    @Override
    public void close() {
        if (markClosed()) {
            close0();
        }
    }

    private void close0() {
        // closed by the broker: its consumers end as cancelled by the broker, as amqp-client reports a lost connection
        boolean byBroker = closedBy != null;
        List<MemoryConsumer> mine = new ArrayList<>(consumers);
        for (MemoryConsumer c : mine) {
            broker.cancel(c, byBroker);
        }
        for (MemoryConsumer c : mine) {
            c.queue.requeueUnacked(c);
        }
        consumers.clear();
        for (MemoryConsumer g : getters.values()) {
            g.queue.requeueUnacked(g);
        }
        getters.clear();
        broker.connectionClosed(this);
    }

    @Override
    public String toString() {
        return "connection '" + name + "'";
    }
}
