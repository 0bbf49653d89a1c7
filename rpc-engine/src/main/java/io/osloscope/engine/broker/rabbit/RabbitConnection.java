package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
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
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One amqp-client connection behind the SPI. Declares, binds and deletes go through command
 * channels: each command takes an idle one (or opens one, up to {@value #MAX_COMMAND_CHANNELS}) and gives it
 * back when the broker has answered, so threads sharing a connection wait for the broker side by side
 * rather than one after another (amqp-client allows one outstanding RPC per channel). When the broker closes
 * a channel for an error (404, 405, 406, 403) the error is raised and that channel is dropped; the next
 * command gets another, so the connection stays usable. The frames are the same as with one channel: only the
 * channel numbers differ. Publishes use their own channel ({@link RabbitPublisher}); each consumer its own
 * ({@link RabbitConsumer}). All methods are thread-safe.
 *
 * <p>Publishing to a missing exchange fails with 404 from {@code publish} itself: the first
 * publish to an exchange on a broker object is preceded by a passive declare, and the exchange is
 * remembered until this process deletes it or the broker reports it missing. See
 * {@link RabbitPublisher} for the rare case of an exchange deleted by someone else later.
 */
final class RabbitConnection implements BrokerConnection {
    private final RabbitBroker broker;
    private final Connection connection;
    private final String name;
    private final ExecutorService executor;
    private final RabbitPublisher publisher;
    /** Command channels per connection: enough for many servers starting at once on a shared connection. */
    static final int MAX_COMMAND_CHANNELS = 8;
    private final Object commandLock = new Object();
    /** Open command channels not in use, most recently used first. Guarded by {@code commandLock}. */
    private final java.util.ArrayDeque<Channel> idleCommandChannels = new java.util.ArrayDeque<>();
    /** Command channels open or being opened, idle or in use. Guarded by {@code commandLock}. */
    private int commandChannels;
    private final CopyOnWriteArrayList<ReturnListener> returnListeners = new CopyOnWriteArrayList<>();
    private final Set<RabbitConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MandatoryRefs mandatoryRefs = new MandatoryRefs();
    private final RabbitGetter getter;

    RabbitConnection(RabbitBroker broker, Connection connection, ConnectionOptions options, ExecutorService executor) {
        this.broker = broker;
        this.connection = connection;
        this.name = options.name();
        this.executor = executor;
        this.publisher = new RabbitPublisher(connection, broker.settings(), options.publisherConfirms(), this::returned, this::noteError,
                executor);
        this.getter = new RabbitGetter(this, connection);
        connection.addShutdownListener(this::lost);
        if (connection instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recoverable) {
                    broker.connectionChanged(name, "recovered", null);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                }
            });
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String serverVersion() {
        Object v = connection.getServerProperties().get("version");
        return v == null ? null : v.toString();
    }

    @Override
    public String serverClusterName() {
        Object v = connection.getServerProperties().get("cluster_name");
        return v == null ? null : v.toString();
    }

    @FunctionalInterface
    private interface Command<T> {
        T run(Channel channel) throws IOException;
    }

    private <T> T command(Command<T> op) {
        requireOpen();
        Channel channel = takeCommandChannel();
        try {
            return op.run(channel);
        } catch (IOException | ShutdownSignalException e) {
            MessagingException m = RabbitErrors.translate(e, broker.settings());
            noteError(m);
            throw m;
        } finally {
            giveBack(channel);
        }
    }

    /** An idle command channel, or a new one while fewer than the maximum are open; else waits for one. */
    private Channel takeCommandChannel() {
        synchronized (commandLock) {
            while (true) {
                Channel idle = idleCommandChannels.pollFirst();
                if (idle != null) {
                    if (idle.isOpen()) {
                        return idle;
                    }
                    commandChannels--;
                    continue;
                }
                if (commandChannels < MAX_COMMAND_CHANNELS) {
                    commandChannels++;
                    break;
                }
                try {
                    commandLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportConnectionException("interrupted while waiting for a command channel on '"
                            + name + "'", e);
                }
                requireOpen();
            }
        }
        Channel created = null;
        try {
            created = connection.createChannel();
            if (created == null) {
                throw new TransportConnectionException("the broker has no free channel on this connection");
            }
            return created;
        } catch (IOException | ShutdownSignalException e) {
            throw RabbitErrors.translate(e, broker.settings());
        } finally {
            if (created == null) {
                giveBack(null);
            }
        }
    }

    /** Returns a channel after a command; one the broker closed (or null: none was opened) frees its place. */
    private void giveBack(Channel channel) {
        synchronized (commandLock) {
            if (channel != null && channel.isOpen()) {
                idleCommandChannels.addFirst(channel);
            } else {
                commandChannels--;
            }
            commandLock.notify();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new TransportConnectionException("connection '" + name + "' is closed");
        }
        ShutdownSignalException why = connection.isOpen() ? null : connection.getCloseReason();
        if (why != null && !why.isInitiatedByApplication() && why.getReason() instanceof AMQP.Connection.Close c) {
            throw new TransportConnectionException("connection '" + name + "' is closed by the broker: "
                    + c.getReplyCode() + " " + c.getReplyText().lines().findFirst().orElse(""), why);
        }
    }

    @Override
    public void declareExchange(ExchangeSpec spec) {
        command(ch -> ch.exchangeDeclare(spec.name(), spec.type().amqpName(), spec.durable(), spec.autoDelete(),
                false, spec.arguments()));
        broker.exchangeExists(spec.name());
        broker.topology(TopologyChange.EXCHANGE_DECLARED, spec.name(), null, null,
                spec.type().amqpName() + (spec.durable() ? " durable" : "") + (spec.autoDelete() ? " auto-delete" : "")
                        + arguments(spec.arguments()));
    }

    @Override
    public void declareExchangePassive(String exchange) {
        command(ch -> ch.exchangeDeclarePassive(exchange));
        broker.exchangeExists(exchange);
    }

    @Override
    public void deleteExchange(String exchange, boolean ifUnused) {
        command(ch -> ch.exchangeDelete(exchange, ifUnused));
        broker.exchangeGone(exchange);
        broker.topology(TopologyChange.EXCHANGE_DELETED, exchange, null, null, null);
    }

    @Override
    public QueueInfo declareQueue(QueueSpec spec) {
        AMQP.Queue.DeclareOk ok = command(ch -> ch.queueDeclare(spec.name(), spec.durable(), spec.exclusive(),
                spec.autoDelete(), spec.arguments()));
        broker.topology(TopologyChange.QUEUE_DECLARED, ok.getQueue(), null, null,
                ((spec.durable() ? "durable " : "") + (spec.exclusive() ? "exclusive " : "")
                        + (spec.autoDelete() ? "auto-delete" : "") + arguments(spec.arguments())).trim());
        return new QueueInfo(ok.getQueue(), ok.getMessageCount(), ok.getConsumerCount());
    }

    @Override
    public QueueInfo declareQueuePassive(String queue) {
        AMQP.Queue.DeclareOk ok = command(ch -> ch.queueDeclarePassive(queue));
        return new QueueInfo(ok.getQueue(), ok.getMessageCount(), ok.getConsumerCount());
    }

    @Override
    public int deleteQueue(String queue, boolean ifUnused, boolean ifEmpty) {
        int count = command(ch -> ch.queueDelete(queue, ifUnused, ifEmpty)).getMessageCount();
        broker.topology(TopologyChange.QUEUE_DELETED, queue, null, null, null);
        return count;
    }

    @Override
    public int purgeQueue(String queue) {
        return command(ch -> ch.queuePurge(queue)).getMessageCount();
    }

    @Override
    public void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        command(ch -> ch.queueBind(queue, exchange, bindingKey, arguments));
        broker.topology(TopologyChange.BOUND, queue, exchange, bindingKey, arguments(arguments).trim());
    }

    @Override
    public void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        command(ch -> ch.queueUnbind(queue, exchange, bindingKey, arguments));
        broker.topology(TopologyChange.UNBOUND, queue, exchange, bindingKey, null);
    }

    @Override
    public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                        byte[] body) {
        send(exchange, routingKey, mandatory, properties, body, false);
    }

    @Override
    public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                MessageProperties properties, byte[] body) {
        return send(exchange, routingKey, mandatory, properties, body, true);
    }

    private CompletableFuture<Void> send(String exchange, String routingKey, boolean mandatory,
                                         MessageProperties properties, byte[] body, boolean async) {
        requireOpen();
        if (!exchange.isEmpty() && !broker.knowsExchange(exchange)) {
            declareExchangePassive(exchange);
        }
        AMQP.BasicProperties props = RabbitProperties.toAmqp(properties);
        if (!broker.observed()) {
            return async ? publisher.publishAsync(exchange, routingKey, mandatory, props, body)
                    : published(publisher, exchange, routingKey, mandatory, props, body);
        }
        long seq = broker.nextSeq();
        Instant at = Instant.now();
        long ref = broker.nextMessageRef();
        if (mandatory) {
            mandatoryRefs.remember(exchange, routingKey, body, ref);
        }
        CompletableFuture<Void> confirmed = async ? publisher.publishAsync(exchange, routingKey, mandatory, props, body)
                : published(publisher, exchange, routingKey, mandatory, props, body);
        broker.published(seq, at, ref, name, exchange, routingKey, mandatory, properties, body);
        return confirmed;
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private static CompletableFuture<Void> published(RabbitPublisher publisher, String exchange, String routingKey,
                                                     boolean mandatory, AMQP.BasicProperties props, byte[] body) {
        publisher.publish(exchange, routingKey, mandatory, props, body);
        return DONE;
    }

    @Override
    public void addReturnListener(ReturnListener listener) {
        returnListeners.add(listener);
    }

    @Override
    public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        requireOpen();
        Channel channel;
        try {
            channel = connection.createChannel();
        } catch (IOException | ShutdownSignalException e) {
            throw RabbitErrors.translate(e, broker.settings());
        }
        if (channel == null) {
            throw new TransportConnectionException("the broker has no free channel on this connection");
        }
        RabbitConsumer consumer = new RabbitConsumer(this, channel, queue, options, handler);
        consumers.add(consumer);
        try {
            consumer.start();
        } catch (IOException | ShutdownSignalException e) {
            consumers.remove(consumer);
            closeQuietly(channel);
            throw RabbitErrors.translate(e, broker.settings());
        }
        broker.topology(TopologyChange.CONSUMER_ADDED, consumer.consumerTag(), queue, null,
                (options.autoAck() ? "auto-ack" : "manual ack, prefetch " + options.prefetch())
                        + (options.exclusive() ? ", exclusive" : ""));
        return consumer;
    }

    @Override
    public Optional<Delivery> get(String queue, boolean autoAck) {
        requireOpen();
        try {
            return getter.get(queue, autoAck);
        } catch (MessagingException e) {
            noteError(e);
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && connection.isOpen();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (commandLock) {
            commandLock.notifyAll(); // commands waiting for a channel see the connection closed
        }
        for (RabbitConsumer c : consumers) {
            c.connectionClosing();
        }
        try {
            if (connection.isOpen()) {
                connection.close();
            }
        } catch (IOException | RuntimeException e) {
            // NOTE(close): already gone; closing is idempotent and must not throw.
        } finally {
            executor.shutdown();
            broker.connectionClosed(this);
            broker.connectionChanged(name, "closed", null);
        }
    }

    // ---- callbacks from the publisher and consumers ----

    void delivered(Delivery d, String queue) {
        broker.delivered(name, queue, d);
    }

    void settled(Delivery d, String queue, Settlement how, boolean requeue) {
        broker.settled(queue, d.consumerTag(), d.deliveryTag(), how, requeue);
    }

    void consumerEnded(RabbitConsumer consumer, boolean byBroker) {
        consumers.remove(consumer);
        broker.topology(TopologyChange.CONSUMER_CANCELLED, consumer.consumerTag(), consumer.queue(), null,
                byBroker ? "by broker" : null);
    }

    boolean recoversAutomatically() {
        return broker.settings().automaticRecovery();
    }

    RabbitSettings settings() {
        return broker.settings();
    }

    void handlerFailed(String where, Throwable t) {
        broker.handlerFailed(where, t);
    }

    void closeChannelLater(Channel channel) {
        try {
            executor.execute(() -> closeQuietly(channel));
        } catch (RejectedExecutionException e) {
            // the connection is closing and takes the channel with it
        }
    }

    private void returned(int replyCode, String replyText, String exchange, String routingKey,
                          AMQP.BasicProperties properties, byte[] body) {
        ReturnedMessage m = new ReturnedMessage(replyCode, replyText, exchange, routingKey,
                RabbitProperties.fromAmqp(properties), body);
        broker.returned(m, mandatoryRefs.take(exchange, routingKey, body));
        for (ReturnListener l : returnListeners) {
            try {
                l.returned(m);
            } catch (RuntimeException e) {
                broker.handlerFailed("return listener on connection '" + name + "'", e);
            }
        }
    }

    /** Forgets an exchange the broker reported missing, so the next publish to it checks again. */
    private void noteError(MessagingException e) {
        if (e instanceof AmqpException a && a.replyCode() == AmqpException.NOT_FOUND) {
            String text = a.replyText();
            int start = text.indexOf("no exchange '");
            if (start >= 0) {
                int from = start + "no exchange '".length();
                int end = text.indexOf("' in vhost", from);
                if (end > from) {
                    broker.exchangeGone(text.substring(from, end));
                }
            }
        }
    }

    private void lost(ShutdownSignalException cause) {
        if (!closed.get() && !cause.isInitiatedByApplication()) {
            String why = RabbitErrors.describe(cause);
            org.slf4j.LoggerFactory.getLogger(RabbitConnection.class).warn("connection '{}' lost: {}", name, why);
            broker.connectionChanged(name, "lost", why);
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException ignored) {
            // NOTE(close): a channel the broker already closed needs no closing.
        }
    }

    private static String arguments(Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        args.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
