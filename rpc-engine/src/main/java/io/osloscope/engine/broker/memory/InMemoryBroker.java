package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.engine.broker.RoutingExplainer;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.BrokerRelease;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.ConnectionChanged;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.BrokerEvents.TopologyChanged;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded broker behind {@code memory://}, following one RabbitMQ release's rules ({@link #version()}):
 * one virtual host {@code "/"} with RabbitMQ's pre-declared exchanges ({@code ""}, {@code amq.direct}, {@code amq.topic}, {@code amq.fanout},
 * {@code amq.headers}, {@code amq.match}), routing, queue semantics and error replies. It sees
 * every routing decision and publishes it as events (only while the hub has subscribers).
 *
 * <p>Threads: publish routes and enqueues on the caller's thread and never waits for consumers;
 * each consumer's handler runs on a serial actor of a cached daemon worker pool; TTL, x-expires
 * and the {@link #gate() delivery gate}'s pacing run on one daemon timer thread. Topology changes
 * are serialized by one lock; routing reads immutable binding snapshots without locking.
 */
public final class InMemoryBroker implements Broker, RoutingExplainer, TopologySource {
    /**
     * The rules a broker follows unless told otherwise: RabbitMQ 4.0, what today's clouds run (kolla 2025.1, OSA,
     * Sunbeam) and the oldest release where both oslo 14.0.3's classic shapes and modern oslo's quorum shapes work.
     */
    public static final RabbitVersion DEFAULT_VERSION = RabbitVersion.V4_0;
    private static final SecureRandom RANDOM = new SecureRandom();

    final EventHub hub;
    final RabbitVersion version;
    final Limits limits;
    final DeliveryGate gate;
    private final String name;
    private final Object topology = new Object();
    private final Map<String, MemoryExchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final Set<MemoryConnection> connections = ConcurrentHashMap.newKeySet();
    private final BrokerThreads threads = new BrokerThreads();
    private final MessageRouter router = new MessageRouter(this);
    private final QueueDeclarer declarer = new QueueDeclarer(this);
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean closed;

    /** A broker with its own event hub, {@link Limits#DEFAULT} and {@link #DEFAULT_VERSION}'s rules. */
    public InMemoryBroker() {
        this(new EventHub());
    }

    /** A broker with its own event hub and {@link Limits#DEFAULT}, following that RabbitMQ release's rules. */
    public InMemoryBroker(RabbitVersion version) {
        this(new EventHub(), Limits.DEFAULT, "", version);
    }

    public InMemoryBroker(EventHub hub) {
        this(hub, Limits.DEFAULT, "");
    }

    public InMemoryBroker(EventHub hub, Limits limits) {
        this(hub, limits, "");
    }

    public InMemoryBroker(EventHub hub, Limits limits, String name) {
        this(hub, limits, name, DEFAULT_VERSION);
    }

    /**
     * @param name    shown by {@link #describe()} as {@code memory://name}; empty for the default broker
     * @param version the RabbitMQ release whose declare rules, argument augmentation and quorum defaults apply
     */
    public InMemoryBroker(EventHub hub, Limits limits, String name, RabbitVersion version) {
        this.version = Objects.requireNonNull(version, "version");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.name = name == null ? "" : name;
        this.gate = new DeliveryGate(this);
        for (ExchangeType t : ExchangeType.values()) {
            builtIn("amq." + t.amqpName(), t);
        }
        builtIn("amq.match", ExchangeType.HEADERS);
        builtIn("", ExchangeType.DIRECT);
    }

    private void builtIn(String exchange, ExchangeType type) {
        exchanges.put(exchange, new MemoryExchange(ExchangeSpec.of(exchange, type).withDurable(true), true));
    }

    // ---- Broker ---------------------------------------------------------------------------------

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        if (closed) {
            throw new TransportConnectionException(describe() + " is closed");
        }
        String n = options == null || options.name() == null || options.name().isBlank()
                ? "memory-connection-" + connectionIds.incrementAndGet() : options.name();
        MemoryConnection c = new MemoryConnection(this, n).identity(options == null ? null : options.identity());
        connections.add(c);
        if (hub.hasSubscribers()) {
            hub.publish(new ConnectionChanged(hub.nextSeq(), Instant.now(), n, "open", describe()));
        }
        return c;
    }

    @Override
    public EventHub events() {
        return hub;
    }

    /** {@code memory://NAME?rabbitmq=4.0}: the broker and the RabbitMQ release whose rules it follows. */
    @Override
    public String describe() {
        return "memory://" + name + "?rabbitmq=" + version.label();
    }

    public String name() {
        return name;
    }

    /** The RabbitMQ release whose rules this broker follows. */
    public RabbitVersion version() {
        return version;
    }

    @Override
    public boolean observesRouting() {
        return true;
    }

    /** Closes every connection and stops the broker's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MemoryConnection c : new ArrayList<>(connections)) {
            c.close();
        }
        threads.shutdown();
    }

    /** The open connections, for {@link MemoryOperator}. */
    List<MemoryConnection> openConnections() {
        return new ArrayList<>(connections);
    }

    /** Also {@link DeliveryPacing}: the {@link #gate()}; {@link BrokerRelease}: the release it follows. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == BrokerRelease.class ? Optional.of(type.cast((BrokerRelease) () -> version))
                : type == DeliveryPacing.class ? Optional.of(type.cast(gate)) : Broker.super.capability(type);
    }

    /** Pause / step / slow motion for every delivery of this broker. */
    public DeliveryGate gate() {
        return gate;
    }

    public Limits limits() {
        return limits;
    }

    // ---- topology -------------------------------------------------------------------------------

    void declareExchange(ExchangeSpec spec) {
        if (spec.name().isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        synchronized (topology) {
            MemoryExchange x = exchanges.get(spec.name());
            if (x == null) {
                if (spec.name().startsWith("amq.")) {
                    throw AmqpErrors.reservedName("exchange", spec.name());
                }
                exchanges.put(spec.name(), new MemoryExchange(spec, false));
                topologyChanged(TopologyChange.EXCHANGE_DECLARED, spec.name(), null, null,
                        spec.type().amqpName() + (spec.durable() ? " durable" : "") + (spec.autoDelete() ? " auto-delete" : ""));
                return;
            }
            Equivalence.exchange(x, spec);
        }
    }

    void declareExchangePassive(String exchange) {
        if (exchange.isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        if (!exchanges.containsKey(exchange)) {
            throw AmqpErrors.noExchange(exchange);
        }
    }

    void deleteExchange(String exchange, boolean ifUnused) {
        if (exchange.isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        if (exchange.startsWith("amq.")) {
            throw AmqpErrors.systemExchangeDeletion(exchange);
        }
        synchronized (topology) {
            MemoryExchange x = exchanges.get(exchange);
            if (x == null) {
                return;
            }
            if (ifUnused && !x.bindings().isEmpty()) {
                throw AmqpErrors.inUse(AmqpErrors.rsExchange(exchange));
            }
            removeExchangeLocked(x);
        }
    }

    private void removeExchangeLocked(MemoryExchange x) {
        exchanges.remove(x.name, x);
        x.removeBindings(b -> true);
        topologyChanged(TopologyChange.EXCHANGE_DELETED, x.name, null, null, null);
    }

    QueueInfo declareQueue(MemoryConnection conn, QueueSpec spec) {
        String queue = declarer.name(spec);
        synchronized (topology) {
            MemoryQueue q = queues.get(queue);
            if (q == null) {
                q = declarer.create(conn, queue, spec);
                queues.put(queue, q);
                q.touch();
                topologyChanged(TopologyChange.QUEUE_DECLARED, queue, null, null, QueueDeclarer.describe(q));
                return new QueueInfo(queue, 0, 0);
            }
            declarer.redeclare(q, conn, spec);
            return new QueueInfo(queue, q.ready(), q.reportedConsumers());
        }
    }

    QueueInfo declareQueuePassive(MemoryConnection conn, String queue) {
        MemoryQueue q = existingQueue(conn, queue);
        q.declared();
        return new QueueInfo(queue, q.ready(), q.reportedConsumers());
    }

    /** The queue, 404 if missing, 405 if another connection's exclusive queue. */
    private MemoryQueue existingQueue(MemoryConnection conn, String queue) {
        MemoryQueue q = queues.get(queue);
        if (q == null) {
            throw AmqpErrors.noQueue(queue);
        }
        if (q.owner != null && q.owner != conn) {
            throw AmqpErrors.locked(queue);
        }
        return q;
    }

    int deleteQueue(MemoryConnection conn, String queue, boolean ifUnused, boolean ifEmpty) {
        synchronized (topology) {
            MemoryQueue q = queues.get(queue);
            if (q == null) {
                return 0;
            }
            existingQueue(conn, queue);
            if (ifUnused && q.consumerCount() > 0) {
                throw AmqpErrors.inUse(AmqpErrors.rsQueue(queue));
            }
            if (ifEmpty && q.ready() > 0) {
                throw AmqpErrors.notEmpty(queue);
            }
            return deleteQueueLocked(q);
        }
    }

    private int deleteQueueLocked(MemoryQueue q) {
        if (!queues.remove(q.name, q)) {
            return 0;
        }
        for (MemoryExchange x : new ArrayList<>(exchanges.values())) {
            if (!x.removeBindings(b -> b.queue == q).isEmpty() && x.autoDeleteDue()) {
                removeExchangeLocked(x);
            }
        }
        List<MemoryConsumer> cancelled = new ArrayList<>();
        int count = q.markDeleted(cancelled);
        for (MemoryConsumer c : cancelled) {
            c.signalCancelled(true);
            topologyChanged(TopologyChange.CONSUMER_CANCELLED, c.tag, q.name, null, "queue deleted");
        }
        topologyChanged(TopologyChange.QUEUE_DELETED, q.name, null, null, null);
        return count;
    }

    /** x-expires: the queue was unused for too long. */
    void expireQueue(MemoryQueue q) {
        synchronized (topology) {
            if (q.consumerCount() == 0) {
                deleteQueueLocked(q);
            }
        }
    }

    int purgeQueue(MemoryConnection conn, String queue) {
        return existingQueue(conn, queue).purge();
    }

    /** The exchange a (un)bind names: 403 for the default exchange, 404 for a missing one. Topology lock held. */
    private MemoryExchange bindable(String exchange) {
        if (exchange.isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        MemoryExchange x = exchanges.get(exchange);
        if (x == null) {
            throw AmqpErrors.noExchange(exchange);
        }
        return x;
    }

    void bind(MemoryConnection conn, String queue, String exchange, String key, Map<String, Object> args) {
        synchronized (topology) {
            MemoryExchange x = bindable(exchange);
            MemoryQueue q = existingQueue(conn, queue);
            if (x.type == ExchangeType.TOPIC) {
                Binding.checkTopicKey(version, key);
            }
            if (x.type == ExchangeType.HEADERS && args != null && args.containsKey("x-match")) {
                Object m = args.get("x-match");
                String v = AmqpValues.format(m);
                if (!"longstr".equals(AmqpValues.typeName(m))) {
                    throw AmqpErrors.preconditionFailed("Invalid x-match field type " + AmqpValues.typeName(m)
                            + " (value " + v + "); expected longstr");
                }
                if (!List.of("all", "any", "all-with-x", "any-with-x").contains(v)) {
                    throw AmqpErrors.preconditionFailed("Invalid x-match field value <<\"" + v
                            + "\">>; expected all, any, all-with-x, or any-with-x");
                }
            }
            if (x.addBinding(new Binding(exchange, x.type, q, key, args))) {
                topologyChanged(TopologyChange.BOUND, queue, exchange, key, args == null || args.isEmpty() ? null : args.toString());
            }
        }
    }

    void unbind(MemoryConnection conn, String queue, String exchange, String key, Map<String, Object> args) {
        synchronized (topology) {
            MemoryExchange x = bindable(exchange);
            existingQueue(conn, queue);
            if (!x.removeBindings(b -> b.sameAs(queue, key, args)).isEmpty()) {
                topologyChanged(TopologyChange.UNBOUND, queue, exchange, key, null);
                if (x.autoDeleteDue()) {
                    removeExchangeLocked(x);
                }
            }
        }
    }

    // ---- messages -------------------------------------------------------------------------------

    void publish(MemoryConnection conn, String exchange, String routingKey, boolean mandatory,
                 MessageProperties props, byte[] body) {
        router.publish(conn, exchange, routingKey, mandatory, props, body);
    }

    /** Dead-lettering: {@code queue} sends message {@code ref} on to {@code exchange} (dropped if it is missing). */
    void republish(long ref, String queue, String reason, String exchange, String routingKey, MessageProperties props,
                   byte[] body) {
        router.republish(ref, queue, reason, exchange, routingKey, props, body);
    }

    /**
     * What publishing to {@code exchange} with this key and headers would do, without publishing:
     * every binding judged with its reason, and the queues reached. 404 for a missing exchange.
     */
    @Override
    public RoutingExplanation explainRouting(String exchange, String routingKey, Map<String, Object> headers) {
        return router.explain(exchange, routingKey, headers);
    }

    MemoryExchange exchange(String exchange) {
        return exchanges.get(exchange);
    }

    MemoryQueue queue(String queue) {
        return queues.get(queue);
    }

    MemoryConsumer consume(MemoryConnection conn, String queue, ConsumeOptions o, DeliveryHandler handler) {
        MemoryQueue q = existingQueue(conn, queue);
        String tag = o.consumerTag() == null || o.consumerTag().isEmpty() ? "amq.ctag-" + randomToken() : o.consumerTag();
        MemoryConsumer c = new MemoryConsumer(q, conn, tag, handler, o.autoAck(), o.prefetch(), o.exclusive(),
                limits.autoAckWindow());
        q.addConsumer(c, o);
        q.touch();
        topologyChanged(TopologyChange.CONSUMER_ADDED, tag, queue, null,
                (o.autoAck() ? "auto-ack" : "manual ack, prefetch " + o.prefetch()) + (o.exclusive() ? ", exclusive" : ""));
        return c;
    }

    /** {@code basic.get} through the connection's stand-in consumer for the queue; null when nothing is ready. A get is a use (x-expires). */
    MemoryDelivery get(MemoryConnection conn, String queue, boolean autoAck) {
        MemoryQueue q = existingQueue(conn, queue);
        q.touch();
        return q.get(conn.getter(q), autoAck);
    }

    void cancel(MemoryConsumer c, boolean byBroker) {
        boolean autoDelete = c.queue.removeConsumer(c);
        c.signalCancelled(byBroker);
        topologyChanged(TopologyChange.CONSUMER_CANCELLED, c.tag, c.queue.name, null, byBroker ? "by broker" : null);
        if (autoDelete) {
            synchronized (topology) {
                if (c.queue.consumerCount() == 0) {
                    deleteQueueLocked(c.queue);
                }
            }
        }
    }

    void connectionClosed(MemoryConnection conn) {
        synchronized (topology) {
            for (MemoryQueue q : new ArrayList<>(queues.values())) {
                if (q.owner == conn) {
                    deleteQueueLocked(q);
                }
            }
        }
        connections.remove(conn);
        if (hub.hasSubscribers()) {
            hub.publish(new ConnectionChanged(hub.nextSeq(), Instant.now(), conn.name(), "closed", null));
        }
    }

    // ---- topology snapshot ----------------------------------------------------------------------

    /** A read-only picture of exchanges, queues (with counts) and bindings, sorted by name. */
    @Override
    public TopologySnapshot topology() {
        synchronized (topology) {
            return MemoryTopology.snapshot(exchanges.values(), queues.values());
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------

    void execute(Runnable r) {
        threads.execute(r);
    }

    ScheduledFuture<?> schedule(Runnable r, long delayNanos) {
        return threads.schedule(r, delayNanos);
    }

    ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long periodNanos) {
        return threads.scheduleAtFixedRate(r, periodNanos);
    }

    void listenerFailed(String where, Throwable t) {
        hub.publish(new ListenerFailed(hub.nextSeq(), Instant.now(), where, t.getClass().getName(),
                String.valueOf(t.getMessage())));
    }

    private void topologyChanged(TopologyChange change, String n, String other, String key, String detail) {
        if (hub.hasSubscribers()) {
            hub.publish(new TopologyChanged(hub.nextSeq(), Instant.now(), change, n, other, key, detail));
        }
    }

    /** 16 random bytes, URL-safe base64 without padding, as RabbitMQ's generated names. */
    static String randomToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
