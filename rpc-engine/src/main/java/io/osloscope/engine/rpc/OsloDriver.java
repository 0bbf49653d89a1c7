package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.DeclareRefusedException;
import io.osloscope.engine.error.DeliveryFailureException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The oslo rabbit driver's decisions, made once for every broker: which exchanges and queues
 * exist with which flags and arguments (wire doc section 2), where each kind of message is
 * published with which properties (section 3), and how replies travel (section 5, {@link ReplySender}). Thread-safe.
 *
 * <p>Connections: one send connection per transport with publisher confirms (oslo's pool,
 * reduced to one), opened lazily and reopened after loss; listen connections are opened by
 * {@link RpcServer} and {@link ReplyWaiters} through {@link #openListenConnection}.
 */
final class OsloDriver {

    private final Broker broker;
    private final TransportOptions options;
    private final Object sendLock = new Object();
    private BrokerConnection sendConnection;
    private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();
    /** Topics this transport served or sent to: where a refused declare looks for the vhost's dialect. */
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final ReplySender replies;
    private final RefusalExplainer explainer;
    /** Told (msg_id, exchange/routing key) when a mandatory call request came back unroutable. */
    private volatile java.util.function.BiConsumer<String, String> requestReturned = (id, where) -> { };
    private final Set<String> returnedRequests = ConcurrentHashMap.newKeySet();
    private static final Map<String, QueueManager> QUEUE_MANAGERS = new ConcurrentHashMap<>();
    /** Queue-manager names this transport took, freed when it closes. */
    private final java.util.List<Map.Entry<QueueManager, String>> managedNames =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param undeliverable told (reply queue, _unique_id) when a reply is given up on; runs on a broker thread
     */
    OsloDriver(Broker broker, TransportOptions options, ScheduledExecutorService timer,
               java.util.function.BiConsumer<String, String> undeliverable) {
        this(broker, options, timer, undeliverable, RefusalExplainer.installed());
    }

    /** As above, explaining refused declares with {@code explainer}. */
    OsloDriver(Broker broker, TransportOptions options, ScheduledExecutorService timer,
               java.util.function.BiConsumer<String, String> undeliverable, RefusalExplainer explainer) {
        this.broker = broker;
        this.options = options;
        this.timer = timer;
        this.explainer = java.util.Objects.requireNonNull(explainer, "explainer");
        this.replies = new ReplySender(options, this::sendConnection, timer, undeliverable);
    }

    TransportOptions options() {
        return options;
    }

    /** {@code <program>:<pid>:<uuid4>}, as oslo names its connections. */
    String newConnectionName() {
        return options.programName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
    }

    private volatile io.osloscope.engine.wire.Sender identity;

    /**
     * A new connection's options: oslo's name, and who opens it (program, {@code hostname}, pid) for a broker that
     * observes its own traffic, so simulated messages name their senders as sniffed ones do.
     */
    ConnectionOptions newConnectionOptions() {
        io.osloscope.engine.wire.Sender who = identity;
        if (who == null) {
            long pid = ProcessHandle.current().pid();
            who = new io.osloscope.engine.wire.Sender(options.programName(), options.effectiveHostname(),
                    pid > Integer.MAX_VALUE ? null : (int) pid);
            identity = who;
        }
        return ConnectionOptions.named(newConnectionName()).withIdentity(who);
    }

    /**
     * A uuid4-shaped 32-hex id ({@code _msg_id}, {@code _unique_id}, queue suffixes). Only
     * uniqueness matters, so a fast non-cryptographic generator is used.
     */
    static String hex() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[32];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX_DIGITS[(int) (hi & 0xF)];
            out[i + 16] = HEX_DIGITS[(int) (lo & 0xF)];
            hi >>>= 4;
            lo >>>= 4;
        }
        return new String(out);
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /**
     * Opens a consuming connection (no confirms), as oslo's listen connections. Its deliveries
     * are handled on the connection's I/O thread ({@link ConnectionOptions#directDispatch()}):
     * the reply consumer and the server dispatcher only decode, ack and hand on, never block.
     */
    BrokerConnection openListenConnection() {
        return broker.connect(newConnectionOptions().withDirectDispatch(true));
    }

    private BrokerConnection sendConnection() {
        synchronized (sendLock) {
            if (sendConnection == null || !sendConnection.isOpen()) {
                if (sendConnection != null) {
                    sendConnection.close();
                }
                declaredExchanges.clear();
                BrokerConnection c = broker.connect(newConnectionOptions().withPublisherConfirms(true));
                c.addReturnListener(this::onReturn);
                sendConnection = c;
            }
            return sendConnection;
        }
    }

    // ---- topology -------------------------------------------------------------------------

    String exchangeFor(Target target) {
        return target.exchange() != null ? target.exchange() : options.controlExchange();
    }

    ExchangeSpec controlExchangeSpec(String name) {
        return OsloTopology.controlExchange(options, name);
    }

    ExchangeSpec fanoutExchangeSpec(String topic) {
        return OsloTopology.fanoutExchange(options, topic);
    }

    /** A topic queue ({@code T} or {@code T.S}): durable rule, auto-delete rule, ha/quorum args, no x-expires. */
    QueueSpec topicQueueSpec(String name) {
        return OsloTopology.topicQueue(options, name);
    }

    QueueSpec replyQueueSpec(String name) {
        return OsloTopology.replyQueue(options, name);
    }

    QueueSpec fanoutQueueSpec(String name) {
        return OsloTopology.fanoutQueue(options, name);
    }

    /**
     * Declares an exchange the way oslo does, with its fallback since 14.1: a control or fanout exchange that
     * exists non-durable is redeclared non-durable instead of failing. Other refusals become
     * {@link DeclareRefusedException} saying what differs.
     */
    void declare(BrokerConnection c, ExchangeSpec spec, OsloTopology.Role role) {
        try {
            c.declareExchange(spec);
        } catch (AmqpException e) {
            InequivalentArg d = e.replyCode() == AmqpException.PRECONDITION_FAILED
                    ? InequivalentArg.parse(e.replyText()) : null;
            if (d != null && d.argument().equals("durable") && spec.durable()) {
                try {
                    c.declareExchange(spec.withDurable(false));
                    return;
                } catch (AmqpException again) {
                    throw refused(c, again, role, spec.name(), spec.withDurable(false));
                }
            }
            throw refused(c, e, role, spec.name(), spec);
        }
    }

    /** Declares a queue; a refusal (406, 541) becomes {@link DeclareRefusedException} saying what differs. */
    void declare(BrokerConnection c, QueueSpec spec, OsloTopology.Role role) {
        try {
            c.declareQueue(spec);
        } catch (AmqpException e) {
            throw refused(c, e, role, spec.name(), spec);
        }
    }

    /** Notes a topic this transport serves or sends to (see {@link #refused}). */
    void noteTopic(String topic) {
        if (topic != null) {
            topics.add(topic);
        }
    }

    /** The refusal explained by the transport's {@link RefusalExplainer}; other errors pass unchanged. */
    private MessagingException refused(BrokerConnection c, AmqpException e, OsloTopology.Role role, String name,
                                       Object spec) {
        if (e instanceof DeclareRefusedException || (e.replyCode() != AmqpException.PRECONDITION_FAILED
                && e.replyCode() != AmqpException.INTERNAL_ERROR)) {
            return e;
        }
        return explainer.explain(c, e, role, name, spec, options.controlExchange(), java.util.List.copyOf(topics));
    }

    /** {@code reply_<uuid hex>}, or with the queue manager {@code reply_<hostname>:<processname>:<n>}. */
    String replyQueueName(BrokerConnection c) {
        return OsloKeys.REPLY_QUEUE_PREFIX + (options.useQueueManager() ? managedName(c, OsloKeys.REPLY_QUEUE_PREFIX)
                : hex());
    }

    /**
     * A server's fanout queue: with stream fanout the stream {@code <topic>_fanout} shared by every server;
     * otherwise {@code <topic>_fanout_<uuid hex>} or, with the queue manager, {@code <topic>_fanout_<hostname>:<processname>:<n>}.
     */
    String fanoutQueueName(String topic, BrokerConnection c) {
        String base = topic + OsloKeys.FANOUT_SUFFIX;
        if (options.streamFanout()) {
            return base;
        }
        return base + "_" + (options.useQueueManager() ? managedName(c, base + "_") : hex());
    }

    /** With the queue manager or stream fanout the fanout queue stays when its server stops (oslo's close()). */
    boolean deletesFanoutQueueOnStop() {
        return !options.streamFanout() && !options.useQueueManager();
    }

    private String managedName(BrokerConnection c, String queuePrefix) {
        QueueManager m = QUEUE_MANAGERS.computeIfAbsent(options.effectiveHostname() + "\0"
                + options.effectiveProcessname(), k -> new QueueManager(options.effectiveHostname(),
                options.effectiveProcessname()));
        String name = m.next(candidate -> hasConsumers(c, queuePrefix + candidate));
        managedNames.add(Map.entry(m, name));
        return name;
    }

    private static boolean hasConsumers(BrokerConnection c, String queue) {
        try {
            return c.declareQueuePassive(queue).consumerCount() > 0;
        } catch (AmqpException e) {
            if (e.replyCode() == AmqpException.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * How a listen consumer consumes: manual ack with rabbit_qos_prefetch_count, oslo's consumer tag; a stream from
     * offset {@code last} (x-stream-offset), others with x-cancel-on-ha-failover when enable_cancel_on_failover.
     */
    ConsumeOptions listenOptions(String tag, boolean stream) {
        return listenOptions(tag, stream, STREAM_START);
    }

    /** The consumer argument (and delivery header) of a stream offset. */
    static final String STREAM_OFFSET = "x-stream-offset";
    /** Where oslo's stream fanout consumer starts: the newest chunk. */
    static final String STREAM_START = "last";

    /** As above, a stream consumer starting at {@code streamOffset} ({@code "last"} or an offset number). */
    ConsumeOptions listenOptions(String tag, boolean stream, Object streamOffset) {
        Map<String, Object> args = stream ? Map.of(STREAM_OFFSET, streamOffset)
                : options.cancelOnFailover() ? Map.of("x-cancel-on-ha-failover", true) : Map.of();
        return new ConsumeOptions(tag, false, options.qosPrefetchCount(), false, args);
    }

    // ---- sending --------------------------------------------------------------------------

    /**
     * Publishes a request: fanout to {@code <topic>_fanout} with key {@code ""}; otherwise to the
     * target's exchange with key {@code topic} or {@code topic.server}. The exchange is declared
     * before the first publish on the send connection. Calls carry {@code expiration}.
     * Retries connection failures {@code retry} times (negative: until {@code deadlineNanos}).
     */
    void sendRequest(Target target, RpcRequest request, Long expirationMs, int retry, long deadlineNanos) {
        sendRequest(target, request, expirationMs, retry, deadlineNanos, false);
    }

    /**
     * As above; with {@code mandatory} (oslo's {@code at_least_once}, topic sends only) an
     * unroutable request comes back: a call is then failed through the request-returned callback,
     * and a cast whose return arrived before the publish completed (always so on RabbitMQ, whose
     * return precedes the confirm) fails here with {@code MessageUndeliverable}.
     */
    void sendRequest(Target target, RpcRequest request, Long expirationMs, int retry, long deadlineNanos,
                     boolean mandatory) {
        Route route = route(target);
        boolean m = mandatory && !target.fanout();
        byte[] body = WireCodec.encodeRequest(request);
        withSendRetries(route, request, retry, deadlineNanos, c -> {
            c.publish(route.exchange, route.routingKey, m, WireCodec.properties(expirationMs), body);
            return null;
        });
        if (m && request.uniqueId() != null && returnedRequests.remove(request.uniqueId())) {
            throw unroutable(route, request);
        }
    }

    /**
     * As {@link #sendRequest(Target, RpcRequest, Long, int, long, boolean)} without waiting for
     * the publisher confirm. Blocks only while (re)connecting, with the same retries; failures
     * then are thrown. The future completes once the broker confirmed, and fails with
     * {@link DeliveryFailureException} on a nack, on the connection or channel closing before
     * the confirm, or (mandatory casts) when the request came back unroutable. It may complete
     * on a broker I/O thread.
     */
    CompletableFuture<Void> sendRequestAsync(Target target, RpcRequest request, Long expirationMs, int retry,
                                             long deadlineNanos, boolean mandatory) {
        Route route = route(target);
        boolean m = mandatory && !target.fanout();
        byte[] body = WireCodec.encodeRequest(request);
        CompletableFuture<Void> confirmed = withSendRetries(route, request, retry, deadlineNanos,
                c -> c.publishAsync(route.exchange, route.routingKey, m, WireCodec.properties(expirationMs), body));
        boolean checkReturn = m && request.uniqueId() != null;
        if (confirmed.isDone() && !confirmed.isCompletedExceptionally() && !checkReturn) {
            return confirmed;
        }
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        confirmed.whenComplete((ok, error) -> {
            if (error != null) {
                outcome.completeExceptionally(notConfirmed("could not send " + request.method() + " to "
                        + route.exchange + "/" + route.routingKey, error));
            } else if (checkReturn && returnedRequests.remove(request.uniqueId())) {
                outcome.completeExceptionally(unroutable(route, request));
            } else {
                outcome.complete(null);
            }
        });
        return outcome;
    }

    private record Route(String exchange, String routingKey, ExchangeSpec spec, OsloTopology.Role role) {
    }

    private Route route(Target target) {
        noteTopic(target.topic());
        if (target.fanout()) {
            ExchangeSpec spec = fanoutExchangeSpec(target.topic());
            return new Route(spec.name(), "", spec, OsloTopology.Role.FANOUT_EXCHANGE);
        }
        String exchange = exchangeFor(target);
        return new Route(exchange, target.server() == null ? target.topic() : target.topic() + "." + target.server(),
                controlExchangeSpec(exchange), OsloTopology.Role.CONTROL_EXCHANGE);
    }

    private interface Send<T> {
        T on(BrokerConnection c);
    }

    /** Declares the exchange before its first publish and retries connection failures as oslo's {@code retry}. */
    private <T> T withSendRetries(Route route, RpcRequest request, int retry, long deadlineNanos, Send<T> send) {
        int attempt = 0;
        while (true) {
            try {
                BrokerConnection c = sendConnection();
                if (!declaredExchanges.contains(route.exchange)) {
                    declare(c, route.spec, route.role);
                    declaredExchanges.add(route.exchange);
                }
                return send.on(c);
            } catch (TransportConnectionException e) {
                attempt++;
                boolean more = retry < 0 ? System.nanoTime() < deadlineNanos : attempt <= retry;
                if (!more) {
                    throw new DeliveryFailureException("could not send " + request.method() + " to "
                            + route.exchange + "/" + route.routingKey + " after " + attempt + " attempt(s): "
                            + e.getMessage(), e);
                }
                sleep(1000);
            }
        }
    }

    private static DeliveryFailureException unroutable(Route route, RpcRequest request) {
        return new DeliveryFailureException("MessageUndeliverable: no queue is bound to " + route.exchange + "/"
                + route.routingKey + " (" + request.method() + " sent with at-least-once)");
    }

    static DeliveryFailureException notConfirmed(String what, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return new DeliveryFailureException(what + ": the broker did not confirm it: " + cause.getMessage(), cause);
    }

    /** Publishes a reply or heartbeat; see {@link ReplySender#send}. */
    CompletableFuture<Void> sendReply(String replyQ, RpcReply reply) {
        return replies.send(replyQ, reply);
    }

    private void onReturn(ReturnedMessage m) {
        if (!m.exchange().isEmpty()) {
            try {
                RpcRequest r = WireCodec.decodeRequest(m.properties(), m.body());
                if (r.msgId() != null) {
                    requestReturned.accept(r.msgId(), m.exchange() + "/" + m.routingKey());
                } else if (r.uniqueId() != null) {
                    returnedRequests.add(r.uniqueId());
                    if (returnedRequests.size() > 1000) {
                        returnedRequests.clear();
                    }
                }
            } catch (RuntimeException ignored) {
                // NOTE(returns): not one of our requests.
            }
            return;
        }
        replies.onReturned(m);
    }

    void onRequestReturned(java.util.function.BiConsumer<String, String> callback) {
        this.requestReturned = callback;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted");
        }
    }

    static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    void close() {
        for (Map.Entry<QueueManager, String> e : managedNames) {
            try {
                e.getKey().release(e.getValue());
            } catch (RuntimeException ignored) {
                // NOTE(qmanager): a lease left behind is dropped when this process exits.
            }
        }
        managedNames.clear();
        synchronized (sendLock) {
            if (sendConnection != null) {
                sendConnection.close();
                sendConnection = null;
            }
        }
    }
}
