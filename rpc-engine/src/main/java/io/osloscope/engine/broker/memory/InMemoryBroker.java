package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueInfo;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.ConnectionChanged;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.BrokerEvents.TopologyChanged;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded broker behind {@code memory://}: one virtual host {@code "/"} with RabbitMQ 3.10's
 * pre-declared exchanges ({@code ""}, {@code amq.direct}, {@code amq.topic}, {@code amq.fanout},
 * {@code amq.headers}, {@code amq.match}), routing, queue semantics and error replies. It sees
 * every routing decision and publishes it as events (only while the hub has subscribers).
 *
 * <p>Threads: publish routes and enqueues on the caller's thread and never waits for consumers;
 * each consumer's handler runs on a serial actor of a cached daemon worker pool; TTL, x-expires
 * and the {@link #gate() delivery gate}'s pacing run on one daemon timer thread. Topology changes
 * are serialized by one lock; routing reads immutable binding snapshots without locking.
 */
public final class InMemoryBroker implements Broker {
    private static final SecureRandom RANDOM = new SecureRandom();

    final EventHub hub;
    final Limits limits;
    final DeliveryGate gate;
    private final String name;
    private final Object topology = new Object();
    private final Map<String, MemoryExchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final Set<MemoryConnection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong messageRefs = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile boolean closed;

    /** A broker with its own event hub and {@link Limits#DEFAULT}. */
    public InMemoryBroker() {
        this(new EventHub());
    }

    public InMemoryBroker(EventHub hub) {
        this(hub, Limits.DEFAULT, "");
    }

    public InMemoryBroker(EventHub hub, Limits limits) {
        this(hub, limits, "");
    }

    /** @param name shown by {@link #describe()} as {@code memory://name}; empty for the default broker */
    public InMemoryBroker(EventHub hub, Limits limits, String name) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.name = name == null ? "" : name;
        this.gate = new DeliveryGate(this);
        AtomicLong threadIds = new AtomicLong();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "osloscope-memory-worker-" + threadIds.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "osloscope-memory-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        for (ExchangeType t : ExchangeType.values()) {
            builtIn("amq." + t.amqpName(), t);
        }
        builtIn("amq.match", ExchangeType.HEADERS);
        builtIn("", ExchangeType.DIRECT);
    }

    private void builtIn(String exchange, ExchangeType type) {
        exchanges.put(exchange, new MemoryExchange(ExchangeSpec.of(exchange, type).withDurable(true), true));
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    // ---- Broker ---------------------------------------------------------------------------------

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        if (closed) {
            throw new TransportConnectionException(describe() + " is closed");
        }
        String n = options == null || options.name() == null || options.name().isBlank()
                ? "memory-connection-" + connectionIds.incrementAndGet() : options.name();
        MemoryConnection c = new MemoryConnection(this, n);
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

    @Override
    public String describe() {
        return "memory://" + name;
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
        timer.shutdownNow();
        workers.shutdown();
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
        String queue = spec.name();
        if (queue.isEmpty()) {
            queue = "amq.gen-" + randomToken();
        } else if (queue.startsWith("amq.")) {
            throw AmqpErrors.reservedName("queue", queue);
        }
        synchronized (topology) {
            MemoryQueue q = queues.get(queue);
            if (q == null) {
                QueueArgs args = QueueArgs.parse(queue, spec.arguments());
                q = QueueType.of(spec.arguments()) == QueueType.STREAM
                        ? new MemoryStream(this, queue, spec, args, RabbitVersion.V3_10)
                        : new MemoryQueue(this, queue, spec, spec.exclusive() ? conn : null, args);
                queues.put(queue, q);
                q.touch();
                topologyChanged(TopologyChange.QUEUE_DECLARED, queue, null, null, describe(q));
                return new QueueInfo(queue, 0, 0);
            }
            Equivalence.queue(q, spec, conn);
            q.touch();
            return new QueueInfo(queue, q.ready(), q.reportedConsumers());
        }
    }

    private static String describe(MemoryQueue q) {
        StringBuilder b = new StringBuilder();
        b.append(q.durable ? "durable" : "transient");
        if (q.exclusive) {
            b.append(" exclusive");
        }
        if (q.autoDelete) {
            b.append(" auto-delete");
        }
        q.arguments.forEach((k, v) -> b.append(' ').append(k).append('=').append(AmqpValues.format(v)));
        return b.toString();
    }

    QueueInfo declareQueuePassive(MemoryConnection conn, String queue) {
        MemoryQueue q = existingQueue(conn, queue);
        q.touch();
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

    void bind(MemoryConnection conn, String queue, String exchange, String key, Map<String, Object> args) {
        if (exchange.isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        synchronized (topology) {
            MemoryExchange x = exchanges.get(exchange);
            if (x == null) {
                throw AmqpErrors.noExchange(exchange);
            }
            MemoryQueue q = existingQueue(conn, queue);
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
        if (exchange.isEmpty()) {
            throw AmqpErrors.defaultExchange();
        }
        synchronized (topology) {
            MemoryExchange x = exchanges.get(exchange);
            if (x == null) {
                throw AmqpErrors.noExchange(exchange);
            }
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
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        MemoryExchange x = exchanges.get(exchange);
        if (x == null) {
            throw AmqpErrors.noExchange(exchange);
        }
        long expiration = props.expiration() == null ? -1 : Expiration.parse(props.expiration());
        long ref = messageRefs.incrementAndGet();
        List<MemoryQueue> targets = new ArrayList<>(2);
        boolean observing = hub.hasSubscribers();
        MessageSnapshot snap = observing ? new MessageSnapshot(props, body) : null;
        Published p = new Published(ref, exchange, routingKey, props, body, expiration, snap);
        if (observing) {
            Instant now = Instant.now();
            hub.publish(new MessagePublished(hub.nextSeq(), now, ref, conn.name(), exchange, routingKey,
                    mandatory, snap));
            List<BindingMatch> judged = exchange.isEmpty() ? judge(x, routingKey, props.headers(), targets)
                    : x.routeObserved(routingKey, props.headers(), targets);
            hub.publish(new MessageRouted(hub.nextSeq(), now, ref, exchange, x.type.amqpName(), routingKey,
                    judged, names(targets)));
        } else if (exchange.isEmpty()) {
            MemoryQueue q = queues.get(routingKey);
            if (q != null) {
                targets.add(q);
            }
        } else {
            x.route(routingKey, props.headers(), targets);
        }
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).enqueue(p);
        }
        if (targets.isEmpty() && mandatory) {
            ReturnedMessage r = new ReturnedMessage(312, "NO_ROUTE", exchange, routingKey, props, body);
            if (hub.hasSubscribers()) {
                hub.publish(new MessageReturned(hub.nextSeq(), Instant.now(), ref, exchange, routingKey, 312, "NO_ROUTE",
                        new MessageSnapshot(props, body)));
            }
            conn.returned(r);
        }
    }

    private List<BindingMatch> judge(MemoryExchange x, String routingKey, Map<String, Object> headers,
                                     List<MemoryQueue> targets) {
        if (!x.name.isEmpty()) {
            return x.explain(routingKey, headers, targets);
        }
        MemoryQueue q = queues.get(routingKey);
        if (q == null) {
            return List.of();
        }
        targets.add(q);
        return List.of(q.defaultBinding);
    }

    private static List<String> names(List<MemoryQueue> qs) {
        List<String> out = new ArrayList<>(qs.size());
        for (MemoryQueue q : qs) {
            out.add(q.name);
        }
        return out;
    }

    /**
     * What publishing to {@code exchange} with this key and headers would do, without publishing:
     * every binding judged with its reason, and the queues reached. 404 for a missing exchange.
     */
    public RoutingExplanation explainRouting(String exchange, String routingKey, Map<String, Object> headers) {
        MemoryExchange x = exchanges.get(exchange);
        if (x == null) {
            throw AmqpErrors.noExchange(exchange);
        }
        List<MemoryQueue> targets = new ArrayList<>();
        List<BindingMatch> judged = judge(x, routingKey, headers, targets);
        return new RoutingExplanation(exchange, x.type.amqpName(), routingKey, List.copyOf(judged), names(targets));
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
    public TopologySnapshot topology() {
        synchronized (topology) {
            return TopologySnapshot.of(exchanges.values(), queues.values());
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------

    void execute(Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            // broker closed: nothing left to deliver to
        }
    }

    ScheduledFuture<?> schedule(Runnable r, long delayNanos) {
        try {
            return timer.schedule(r, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long periodNanos) {
        try {
            return timer.scheduleAtFixedRate(r, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
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
    private static String randomToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
