package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.DeliveryFailureException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The oslo rabbit driver's decisions, made once for every broker: which exchanges and queues
 * exist with which flags and arguments (wire doc section 2), where each kind of message is
 * published with which properties (section 3), and how replies travel (section 5). Thread-safe.
 *
 * <p>Connections: one send connection per transport with publisher confirms (oslo's pool,
 * reduced to one), opened lazily and reopened after loss; listen connections are opened by
 * {@link RpcServer} and {@link ReplyWaiters} through {@link #openListenConnection}.
 */
final class OsloDriver {
    private static final long REPLY_RETRY_INTERVAL_MS = 250;
    private static final long OBSOLETE_TTL_MS = 60_000;
    private static final int OBSOLETE_MAX = 200;

    private final Broker broker;
    private final TransportOptions options;
    private final Object sendLock = new Object();
    private BrokerConnection sendConnection;
    private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();
    /** Returned replies being retried: routing key + "|" + _unique_id -> first return (nanoTime). */
    private final Map<String, Long> returnedSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final java.util.function.BiConsumer<String, String> undeliverable;
    /** Reply queues given up on, with the time they were given up (oslo's ObsoleteReplyQueuesCache). */
    private final Map<String, Long> obsoleteReplyQueues = new LinkedHashMap<>();

    /**
     * @param undeliverable told (reply queue, _unique_id) when a reply is given up on; runs on a broker thread
     */
    OsloDriver(Broker broker, TransportOptions options, ScheduledExecutorService timer,
               java.util.function.BiConsumer<String, String> undeliverable) {
        this.broker = broker;
        this.options = options;
        this.timer = timer;
        this.undeliverable = undeliverable;
    }

    TransportOptions options() {
        return options;
    }

    /** {@code <program>:<pid>:<uuid4>}, as oslo names its connections. */
    String newConnectionName() {
        return options.programName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
    }

    static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Opens a consuming connection (no confirms), as oslo's listen connections. */
    BrokerConnection openListenConnection() {
        return broker.connect(ConnectionOptions.named(newConnectionName()));
    }

    private BrokerConnection sendConnection() {
        synchronized (sendLock) {
            if (sendConnection == null || !sendConnection.isOpen()) {
                if (sendConnection != null) {
                    sendConnection.close();
                }
                declaredExchanges.clear();
                BrokerConnection c = broker.connect(ConnectionOptions.named(newConnectionName()).withPublisherConfirms(true));
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
        return ExchangeSpec.of(name, ExchangeType.TOPIC).withDurable(options.durable()).withAutoDelete(options.autoDelete());
    }

    static ExchangeSpec fanoutExchangeSpec(String topic) {
        return ExchangeSpec.of(topic + OsloKeys.FANOUT_SUFFIX, ExchangeType.FANOUT).withAutoDelete(true);
    }

    /** A topic queue ({@code T} or {@code T.S}): durable rule, auto-delete rule, ha/quorum args, no x-expires. */
    QueueSpec topicQueueSpec(String name) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (options.haQueues()) {
            args.put("x-ha-policy", "all");
        }
        if (options.quorumQueues()) {
            args.put("x-queue-type", "quorum");
        }
        return new QueueSpec(name, options.durable(), false, options.autoDelete(), args);
    }

    /** A reply or fanout queue: never durable or auto-delete, {@code x-expires} = ttl in ms. */
    QueueSpec transientQueueSpec(String name) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (options.haQueues()) {
            args.put("x-ha-policy", "all");
        }
        args.put("x-expires", options.transientQueuesTtl() * 1000);
        return new QueueSpec(name, false, false, false, args);
    }

    // ---- sending --------------------------------------------------------------------------

    /**
     * Publishes a request: fanout to {@code <topic>_fanout} with key {@code ""}; otherwise to the
     * target's exchange with key {@code topic} or {@code topic.server}. The exchange is declared
     * before the first publish on the send connection. Calls carry {@code expiration}.
     * Retries connection failures {@code retry} times (negative: until {@code deadlineNanos}).
     */
    void sendRequest(Target target, RpcRequest request, Long expirationMs, int retry, long deadlineNanos) {
        byte[] body = WireCodec.encodeRequest(request);
        String exchange;
        String routingKey;
        ExchangeSpec spec;
        if (target.fanout()) {
            spec = fanoutExchangeSpec(target.topic());
            exchange = spec.name();
            routingKey = "";
        } else {
            exchange = exchangeFor(target);
            spec = controlExchangeSpec(exchange);
            routingKey = target.server() == null ? target.topic() : target.topic() + "." + target.server();
        }
        int attempt = 0;
        while (true) {
            try {
                BrokerConnection c = sendConnection();
                if (!declaredExchanges.contains(exchange)) {
                    c.declareExchange(spec);
                    declaredExchanges.add(exchange);
                }
                c.publish(exchange, routingKey, false, WireCodec.properties(expirationMs), body);
                return;
            } catch (TransportConnectionException e) {
                attempt++;
                boolean more = retry < 0 ? System.nanoTime() < deadlineNanos : attempt <= retry;
                if (!more) {
                    throw new DeliveryFailureException("could not send " + request.method() + " to "
                            + exchange + "/" + routingKey + " after " + attempt + " attempt(s): " + e.getMessage(), e);
                }
                sleep(1000);
            }
        }
    }

    /**
     * Publishes a reply (or heartbeat) to the default exchange with key {@code replyQ}, mandatory.
     * If it comes back unroutable, it is published again every 0.25 s (in the background, on the
     * transport timer) for {@link TransportOptions#missingReplyQueueRetry()}; then the queue is
     * marked obsolete for 60 s and this and later replies to it are dropped (oslo's
     * {@code ObsoleteReplyQueuesCache}).
     *
     * @return false when the reply queue is known to be obsolete and nothing was sent
     */
    boolean sendReply(String replyQ, RpcReply reply) {
        if (isObsolete(replyQ)) {
            return false;
        }
        byte[] body = WireCodec.encodeReply(reply);
        long deadline = System.nanoTime() + options.missingReplyQueueRetry().toNanos();
        if (returnedSince.size() > 1000) {
            // NOTE(retry-state): a retried reply that finally got through leaves its entry; prune old ones.
            long horizon = System.nanoTime() - 2 * options.missingReplyQueueRetry().toNanos();
            returnedSince.values().removeIf(since -> since < horizon);
        }
        while (true) {
            try {
                sendConnection().publish("", replyQ, true, WireCodec.properties(null), body);
                return true;
            } catch (TransportConnectionException e) {
                if (System.nanoTime() >= deadline) {
                    throw new DeliveryFailureException("could not send reply to " + replyQ + ": " + e.getMessage(), e);
                }
                sleep(REPLY_RETRY_INTERVAL_MS);
            }
        }
    }

    private void onReturn(ReturnedMessage m) {
        if (!m.exchange().isEmpty()) {
            return;
        }
        String uniqueId;
        try {
            uniqueId = WireCodec.decodeReply(m.properties(), m.body()).uniqueId();
        } catch (RuntimeException e) {
            uniqueId = "";
        }
        String key = m.routingKey() + "|" + uniqueId;
        long now = System.nanoTime();
        long first = returnedSince.computeIfAbsent(key, k -> now);
        if (now - first >= options.missingReplyQueueRetry().toNanos() || isObsolete(m.routingKey())) {
            returnedSince.remove(key);
            markObsolete(m.routingKey());
            undeliverable.accept(m.routingKey(), uniqueId);
            return;
        }
        try {
            timer.schedule(() -> {
                if (isObsolete(m.routingKey())) {
                    returnedSince.remove(key);
                    return;
                }
                try {
                    sendConnection().publish("", m.routingKey(), true, WireCodec.properties(null), m.body());
                } catch (RuntimeException e) {
                    returnedSince.remove(key);
                    undeliverable.accept(m.routingKey(), key);
                }
            }, REPLY_RETRY_INTERVAL_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            returnedSince.remove(key);
        }
    }

    private boolean isObsolete(String replyQ) {
        synchronized (obsoleteReplyQueues) {
            Long since = obsoleteReplyQueues.get(replyQ);
            if (since == null) {
                return false;
            }
            if (System.currentTimeMillis() - since > OBSOLETE_TTL_MS) {
                obsoleteReplyQueues.remove(replyQ);
                return false;
            }
            return true;
        }
    }

    private void markObsolete(String replyQ) {
        synchronized (obsoleteReplyQueues) {
            obsoleteReplyQueues.remove(replyQ);
            obsoleteReplyQueues.put(replyQ, System.currentTimeMillis());
            while (obsoleteReplyQueues.size() > OBSOLETE_MAX) {
                obsoleteReplyQueues.remove(obsoleteReplyQueues.keySet().iterator().next());
            }
        }
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
        synchronized (sendLock) {
            if (sendConnection != null) {
                sendConnection.close();
                sendConnection = null;
            }
        }
    }
}
