package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.NodeEvents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real RabbitMQ behind the broker SPI, through amqp-client. Each {@link #connect} opens one
 * AMQP connection, trying {@link RabbitSettings#hosts()} in the given order, with the settings'
 * heartbeat and TLS. Automatic recovery follows {@link RabbitSettings#automaticRecovery()} (off by
 * default, so a lost connection is an error the caller sees, as the SPI promises).
 *
 * <p>Observation: RabbitMQ does not report its routing decisions, so this broker emits only what
 * this process itself does and sees: its publishes ({@code MessagePublished}, each with a new
 * {@code messageRef}), deliveries, settlements, returns, the topology it declares, binds and
 * deletes, and its connections opening, closing, being lost and recovering. Events are built only
 * while the hub has subscribers. A returned message carries the {@code messageRef} of the
 * mandatory publish it came from (matched by exchange, routing key and body); deliveries carry 0,
 * as the broker does not say which publish they came from.
 *
 * <p>Consumer callbacks run on a per-connection pool of daemon threads, at most one at a time per
 * consumer, or with {@link ConnectionOptions#directDispatch()} on the connection's I/O thread
 * itself; return listeners and publisher confirms on the connection's I/O thread.
 */
public final class RabbitBroker implements Broker {
    private static final int CONNECTION_TIMEOUT_MS = 10_000;
    /** Between reconnect attempts with automatic recovery (amqp-client's default is 5 s). */
    private static final long RECOVERY_INTERVAL_MS = 2_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RabbitSettings settings;
    private final EventHub hub;
    private final AtomicLong messageRefs = new AtomicLong();
    private final Set<String> knownExchanges = ConcurrentHashMap.newKeySet();
    private final Set<RabbitConnection> connections = ConcurrentHashMap.newKeySet();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RabbitBroker.class);

    public RabbitBroker(RabbitSettings settings, EventHub hub) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /**
     * Opens a connection named {@code options.name()}. Blocks until the broker accepted it.
     *
     * @throws TransportConnectionException with a one-line reason: refused, timed out, bad
     *                                      credentials, unknown virtual host, TLS failure
     */
    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        ConnectionFactory factory = factory(settings);
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(options.name()));
        Connection connection;
        try {
            connection = factory.newConnection(options.directDispatch() ? DirectExecutor.INSTANCE : executor,
                    inOrder(settings), options.name());
        } catch (Exception e) {
            executor.shutdownNow();
            RuntimeException failure = RabbitErrors.translate(e, settings);
            LOG.warn("connection '{}' to {} failed: {}", options.name(), describe(), failure.getMessage());
            throw failure;
        }
        RabbitConnection c = new RabbitConnection(this, connection, options, executor);
        connections.add(c);
        connectionChanged(options.name(), "opened", describe());
        LOG.debug("connection '{}' to {} opened", options.name(), describe());
        return c;
    }

    /**
     * Opens a bare amqp-client connection with the same host order, heartbeat, timeouts, TLS and recovery
     * setting as {@link #connect}, for an observer that needs the client itself rather than the SPI (the
     * sniffer's exclusive capture queue, which it reconnects itself to mark gaps). It emits no events; the
     * caller closes it. {@code clientProperties} are added to amqp-client's (shown in the management UI).
     *
     * @throws MessagingException translated by {@link RabbitErrors}: one line, never the password
     */
    public static Connection openClientConnection(RabbitSettings settings, String name,
                                                  java.util.Map<String, Object> clientProperties) {
        ConnectionFactory factory = factory(settings);
        factory.getClientProperties().putAll(clientProperties);
        try {
            return factory.newConnection(null, inOrder(settings), name);
        } catch (Exception e) {
            throw RabbitErrors.translate(e, settings);
        }
    }

    private static ConnectionFactory factory(RabbitSettings settings) {
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(settings.username());
        f.setPassword(settings.password());
        f.setVirtualHost(settings.virtualHost());
        f.setRequestedHeartbeat(Math.max(0, settings.heartbeatSeconds()));
        f.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        f.setHandshakeTimeout(CONNECTION_TIMEOUT_MS);
        f.setAutomaticRecoveryEnabled(settings.automaticRecovery());
        f.setTopologyRecoveryEnabled(settings.automaticRecovery());
        f.setNetworkRecoveryInterval(RECOVERY_INTERVAL_MS);
        if (settings.tls() != null) {
            f.useSslProtocol(RabbitTls.context(settings.tls()));
            if (settings.tls().verifyHostname()) {
                f.enableHostnameVerification();
            }
        }
        return f;
    }

    /** NOTE(host-order): amqp-client shuffles a host list by default; oslo and our settings try them in order. */
    private static AddressResolver inOrder(RabbitSettings settings) {
        List<Address> addresses = settings.hosts().stream().map(h -> new Address(h.host(), h.port())).toList();
        return new AddressResolver() {
            @Override
            public List<Address> getAddresses() {
                return addresses;
            }

            @Override
            public List<Address> maybeShuffle(List<Address> input) {
                return input;
            }
        };
    }

    private static ThreadFactory daemonThreads(String connectionName) {
        return r -> {
            Thread t = new Thread(r, "osloscope-rabbit-" + THREADS.incrementAndGet() + " (" + connectionName + ")");
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public EventHub events() {
        return hub;
    }

    /** {@code rabbit://host:port[,host:port]/vhost}, never with credentials. */
    @Override
    public String describe() {
        return "rabbit://" + String.join(",", settings.hosts().stream().map(RabbitSettings.HostPort::toString).toList())
                + "/" + ("/".equals(settings.virtualHost()) ? "" : settings.virtualHost())
                + (settings.tls() != null ? " (tls)" : "");
    }

    @Override
    public boolean observesRouting() {
        return false;
    }

    @Override
    public void close() {
        for (RabbitConnection c : connections) {
            c.close();
        }
    }

    RabbitSettings settings() {
        return settings;
    }

    // ---- exchange existence cache (see RabbitConnection) ----

    boolean knowsExchange(String name) {
        return knownExchanges.contains(name);
    }

    void exchangeExists(String name) {
        knownExchanges.add(name);
    }

    void exchangeGone(String name) {
        knownExchanges.remove(name);
    }

    void connectionClosed(RabbitConnection c) {
        connections.remove(c);
    }

    // ---- events ----

    /** True while someone listens; callers skip building events otherwise. */
    boolean observed() {
        return hub.hasSubscribers();
    }

    long nextMessageRef() {
        return messageRefs.incrementAndGet();
    }

    long nextSeq() {
        return hub.nextSeq();
    }

    /**
     * Emits a publish whose {@code seq} and time were taken just before it went out, so it sorts
     * before the delivery and return events it causes even though it is emitted after them.
     */
    void published(long seq, Instant at, long ref, String connection, String exchange, String routingKey,
                   boolean mandatory, MessageProperties properties, byte[] body) {
        hub.publish(new BrokerEvents.MessagePublished(seq, at, ref, connection, exchange, routingKey, mandatory,
                new MessageSnapshot(properties, body, exchange, connection)));
    }

    void delivered(String connection, String queue, Delivery d) {
        if (hub.hasSubscribers()) {
            hub.publish(new BrokerEvents.MessageDelivered(hub.nextSeq(), Instant.now(), 0, queue, d.consumerTag(),
                    connection, d.deliveryTag(), d.redelivered(), d.exchange(), d.routingKey(),
                    new MessageSnapshot(d.properties(), d.body(), d.exchange(), null)));
        }
    }

    void settled(String queue, String consumerTag, long deliveryTag, Settlement how, boolean requeue) {
        if (hub.hasSubscribers()) {
            hub.publish(new BrokerEvents.MessageSettled(hub.nextSeq(), Instant.now(), 0, queue, consumerTag,
                    deliveryTag, how, requeue));
        }
    }

    void returned(ReturnedMessage m, long ref) {
        if (hub.hasSubscribers()) {
            hub.publish(new BrokerEvents.MessageReturned(hub.nextSeq(), Instant.now(), ref, m.exchange(), m.routingKey(),
                    m.replyCode(), m.replyText(), new MessageSnapshot(m.properties(), m.body(), m.exchange(), null)));
        }
    }

    void topology(TopologyChange change, String name, String other, String key, String detail) {
        if (hub.hasSubscribers()) {
            hub.publish(new BrokerEvents.TopologyChanged(hub.nextSeq(), Instant.now(), change, name, other, key,
                    detail == null || detail.isEmpty() ? null : detail));
        }
    }

    void connectionChanged(String connection, String state, String reason) {
        hub.publish(new BrokerEvents.ConnectionChanged(hub.nextSeq(), Instant.now(), connection, state, reason));
    }

    void handlerFailed(String where, Throwable t) {
        String message = t instanceof MessagingException ? t.getMessage() : String.valueOf(t.getMessage());
        hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), where, t.getClass().getName(),
                message));
    }
}
