package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.error.InvalidTargetException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.rpc.dialect.OsloTopology;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;
import io.osloscope.engine.wire.WireFormatException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * oslo's {@code RPCServer}: listens on {@code Target(topic, server)} and dispatches requests to
 * endpoints. {@link #start()} opens one listen connection and declares, in oslo's order, the
 * control exchange, queues {@code topic} and {@code topic.server}, the {@code topic_fanout}
 * exchange and a fresh {@code topic_fanout_<uuid hex>} queue (consumer tags 1, 2, 3, manual ack).
 *
 * <p>Each request is acknowledged <em>before</em> dispatch (at-most-once), checked against the last
 * 16 {@code _unique_id}s, and run on the server's executor ({@link Options#executorThreads()},
 * default 64, like {@code executor_thread_pool_size}); requests run concurrently and unordered.
 * Messages oslo would refuse (non-JSON content type, envelope other than 2.x, no method) are
 * rejected without requeue. Calls with a {@code _timeout} of 2 s or more get heartbeats every
 * {@code _timeout/2} s while the method runs. {@link #stop()} stops consuming and deletes the
 * fanout queue; {@link #await(Duration)} waits for requests still running.
 */
public final class RpcServer {
    /** Duplicate-detection window, as oslo's {@code DUP_MSG_CHECK_SIZE}. */
    public static final int DUPLICATE_WINDOW = 16;

    /** Server options: executor threads (oslo's {@code executor_thread_pool_size}, 64) and oslo's ping endpoint. */
    public record Options(int executorThreads, boolean pingEnabled) {
        public Options {
            if (executorThreads < 1) {
                throw new IllegalArgumentException("executorThreads must be >= 1, got " + executorThreads);
            }
        }

        public static Options defaults() {
            return new Options(64, false);
        }

        public Options withExecutorThreads(int v) {
            return new Options(v, pingEnabled);
        }

        public Options withPingEnabled(boolean v) {
            return new Options(executorThreads, v);
        }
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Transport transport;
    private final Target target;
    private final RpcDispatcher dispatcher;
    private final Options options;
    private final EventHub hub;
    private final ArrayDeque<String> recentIds = new ArrayDeque<>();
    private final Object lifecycle = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedQueue<Received> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean acking = new java.util.concurrent.atomic.AtomicBoolean();
    private ExecutorService executor;
    private ScheduledExecutorService heartbeats;
    private BrokerConnection listenConnection;
    private final List<ConsumerHandle> consumers = new ArrayList<>();
    private String fanoutQueue;
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicBoolean recovering = new java.util.concurrent.atomic.AtomicBoolean();
    /** oslo's {@code kombu_reconnect_delay}. */
    private static final long RECOVER_DELAY_MS = 1000;

    private RpcServer(Transport transport, Target target, List<?> endpoints, Options options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.target = Objects.requireNonNull(target, "target");
        this.options = options == null ? Options.defaults() : options;
        this.dispatcher = new RpcDispatcher(endpoints, this.options.pingEnabled());
        this.hub = transport.events();
    }

    /** A server for {@code target} (topic and server required) serving {@code endpoints} in order. */
    public static RpcServer create(Transport transport, Target target, List<?> endpoints) {
        return new RpcServer(transport, target, endpoints, Options.defaults());
    }

    public static RpcServer create(Transport transport, Target target, List<?> endpoints, Options options) {
        return new RpcServer(transport, target, endpoints, options);
    }

    public Target target() {
        return target;
    }

    public RpcDispatcher dispatcher() {
        return dispatcher;
    }

    /** The fanout queue name while running, else null. */
    public String fanoutQueue() {
        synchronized (lifecycle) {
            return fanoutQueue;
        }
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Declares the topology and starts consuming. Throws {@link InvalidTargetException} without
     * topic and server, {@link io.osloscope.engine.error.AmqpException} when a declaration clashes
     * (406, e.g. another peer declared the exchange durable), or a connection error. Idempotent.
     */
    public void start() {
        if (target.topic() == null || target.topic().isEmpty() || target.server() == null || target.server().isEmpty()) {
            throw new InvalidTargetException("A server's target must have topic and server names specified:" + target);
        }
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            transport.checkOpen();
            int id = IDS.incrementAndGet();
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(options.executorThreads(), r -> {
                Thread t = new Thread(r, "rpc-server-" + id + "-" + target.topic() + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rpc-server-" + id + "-heartbeat");
                t.setDaemon(true);
                return t;
            });
            BrokerConnection c;
            try {
                c = subscribeAll();
            } catch (RuntimeException e) {
                fanoutQueue = null;
                executor.shutdownNow();
                heartbeats.shutdownNow();
                throw e;
            }
            listenConnection = c;
            running = true;
        }
    }

    /**
     * Stops consuming, deletes the fanout queue (as oslo's graceful close) and closes the listen
     * connection. Requests already received keep running; see {@link #await(Duration)}. Idempotent.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            try {
                for (ConsumerHandle h : consumers) {
                    h.cancel();
                }
                if (fanoutQueue != null && listenConnection.isOpen() && transport.driver().deletesFanoutQueueOnStop()) {
                    listenConnection.deleteQueue(fanoutQueue, false, false);
                }
            } catch (RuntimeException e) {
                publishFailure("stopping server " + target, e);
            } finally {
                consumers.clear();
                fanoutQueue = null;
                listenConnection.close();
                executor.shutdown();
            }
        }
    }

    /** Waits until requests still running after {@link #stop()} have finished; true if they did in time. */
    public boolean await(Duration timeout) {
        ExecutorService e;
        ScheduledExecutorService hb;
        synchronized (lifecycle) {
            e = executor;
            hb = heartbeats;
        }
        if (e == null) {
            return true;
        }
        try {
            boolean done = e.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (done && hb != null && !running) {
                hb.shutdownNow();
            }
            return done;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Opens a listen connection and declares and consumes, in oslo's order, the topic queue, the
     * server queue and the fanout queue. Caller holds {@code lifecycle}.
     */
    private BrokerConnection subscribeAll() {
        OsloDriver driver = transport.driver();
        BrokerConnection c = driver.openListenConnection();
        try {
            String exchange = driver.exchangeFor(target);
            String topicKey = target.topic();
            String serverKey = target.topic() + "." + target.server();
            driver.noteTopic(target.topic());
            driver.declare(c, driver.controlExchangeSpec(exchange), OsloTopology.Role.CONTROL_EXCHANGE);
            driver.declare(c, driver.topicQueueSpec(topicKey), OsloTopology.Role.TOPIC_QUEUE);
            c.bind(topicKey, exchange, topicKey, Map.of());
            consumers.add(c.consume(topicKey, driver.listenOptions("1", false), handler("call")));
            driver.declare(c, driver.topicQueueSpec(serverKey), OsloTopology.Role.TOPIC_QUEUE);
            c.bind(serverKey, exchange, serverKey, Map.of());
            consumers.add(c.consume(serverKey, driver.listenOptions("2", false), handler("call")));
            driver.declare(c, driver.fanoutExchangeSpec(target.topic()), OsloTopology.Role.FANOUT_EXCHANGE);
            fanoutQueue = driver.fanoutQueueName(target.topic(), c);
            driver.declare(c, driver.fanoutQueueSpec(fanoutQueue), OsloTopology.Role.FANOUT_QUEUE);
            c.bind(fanoutQueue, target.topic() + OsloKeys.FANOUT_SUFFIX, topicKey, Map.of());
            consumers.add(c.consume(fanoutQueue, driver.listenOptions("3", driver.options().streamFanout()),
                    handler("fanout")));
            return c;
        } catch (RuntimeException e) {
            consumers.clear();
            c.close();
            throw e;
        }
    }

    private DeliveryHandler handler(String kind) {
        return new DeliveryHandler() {
            @Override
            public void handle(Delivery d) {
                onDelivery(d, kind);
            }

            @Override
            public void cancelled(String consumerTag, boolean byBroker) {
                if (byBroker) {
                    recoverLater();
                }
            }
        };
    }

    /**
     * The broker cancelled a consumer (queue deleted, connection lost): like oslo's reconnect,
     * re-open the listen connection after a second and re-declare everything under the same names.
     */
    private void recoverLater() {
        if (!running || !recovering.compareAndSet(false, true)) {
            return;
        }
        try {
            heartbeats.schedule(this::recover, RECOVER_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            recovering.set(false);
        }
    }

    private void recover() {
        synchronized (lifecycle) {
            recovering.set(false);
            if (!running) {
                return;
            }
            for (ConsumerHandle h : consumers) {
                try {
                    h.cancel();
                } catch (RuntimeException ignored) {
                    // NOTE(recover): the consumer is usually gone already.
                }
            }
            consumers.clear();
            listenConnection.close();
            try {
                listenConnection = subscribeAll();
            } catch (RuntimeException e) {
                publishFailure("rpc server " + target + " could not re-declare its queues; retrying", e);
                recoverLater();
            }
        }
    }

    /** Requests acked and not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    // ---- per message -----------------------------------------------------------------------

    /** A request read and decoded on the I/O thread, waiting for {@link #acknowledgeAndDispatch()}. */
    private record Received(Delivery delivery, String kind, RpcRequest request) {
    }

    /**
     * On the listen connection's I/O thread: decode (rejecting what oslo rejects) and queue. Acking and
     * dispatching happen on the executor ({@link #acknowledgeAndDispatch()}), so this thread goes back to
     * reading at once and a burst of requests is acknowledged with one frame per queue.
     */
    private void onDelivery(Delivery d, String kind) {
        RpcRequest request;
        try {
            request = WireCodec.decodeRequest(d.properties(), d.body());
        } catch (WireFormatException e) {
            d.reject(false);
            hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), "rpc server " + target.topic()
                    + "." + target.server() + " queue " + d.queue(), "WireFormatException", e.getMessage()));
            return;
        }
        received.add(new Received(d, kind, request));
        if (acking.compareAndSet(false, true)) {
            try {
                executor.execute(this::acknowledgeAndDispatch);
            } catch (RejectedExecutionException e) {
                // NOTE(stopping): not acked, so the broker gives these back to the next consumer
                received.clear();
                acking.set(false);
            }
        }
    }

    /**
     * One at a time, on an executor thread: takes every request queued so far, acknowledges them (one
     * multiple-ack per queue, still before any of them runs, as oslo acks before dispatch), drops duplicates
     * in arrival order, hands all but the last to other executor threads and runs the last itself, so a lone
     * request costs one hand-off, as before.
     */
    private void acknowledgeAndDispatch() {
        List<Received> batch = new ArrayList<>();
        for (Received r; (r = received.poll()) != null; ) {
            batch.add(r);
        }
        Map<String, Delivery> lastPerConsumer = new java.util.HashMap<>(4);
        for (Received r : batch) {
            lastPerConsumer.put(r.delivery().consumerTag(), r.delivery());
        }
        java.util.Set<String> unacked = new java.util.HashSet<>(2);
        for (Delivery last : lastPerConsumer.values()) {
            try {
                last.ackMultiple();
            } catch (RuntimeException e) {
                // NOTE(at-most-once): not acked means the broker delivers them again; running them too would run them twice
                unacked.add(last.consumerTag());
                publishFailure("rpc server " + target + " could not acknowledge requests from " + last.queue(), e);
            }
        }
        List<RpcRequest> accepted = new ArrayList<>(batch.size());
        for (Received r : batch) {
            if (unacked.contains(r.delivery().consumerTag())) {
                continue;
            }
            RpcRequest request = r.request();
            String k = "fanout".equals(r.kind()) ? "fanout" : request.isCall() ? "call" : "cast";
            if (isDuplicate(request.uniqueId())) {
                hub.publish(new RpcEvents.RpcDuplicateDropped(hub.nextSeq(), Instant.now(), request.uniqueId(),
                        target.server(), request.method()));
                continue;
            }
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcRequestReceived(hub.nextSeq(), Instant.now(), k, request.msgId(),
                        request.uniqueId(), r.delivery().queue(), target.server(), request.method(), request.version(),
                        request.namespace()));
            }
            inFlight.incrementAndGet();
            accepted.add(request);
        }
        acking.set(false);
        if (!received.isEmpty() && acking.compareAndSet(false, true)) {
            handOff(this::acknowledgeAndDispatch);
        }
        for (int i = 0; i < accepted.size(); i++) {
            RpcRequest request = accepted.get(i);
            Runnable run = () -> {
                try {
                    process(request);
                } finally {
                    inFlight.decrementAndGet();
                }
            };
            if (i == accepted.size() - 1) {
                run.run();
            } else {
                handOff(run);
            }
        }
    }

    /** To another executor thread; once the executor is shutting down, here (the request is acked already). */
    private void handOff(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private boolean isDuplicate(String uniqueId) {
        if (uniqueId == null) {
            return false;
        }
        synchronized (recentIds) {
            if (recentIds.contains(uniqueId)) {
                return true;
            }
            recentIds.addLast(uniqueId);
            if (recentIds.size() > DUPLICATE_WINDOW) {
                recentIds.removeFirst();
            }
            return false;
        }
    }

    private void process(RpcRequest request) {
        Map<String, Object> ctx = new java.util.LinkedHashMap<>();
        request.context().forEach((k, v) -> ctx.put(k, WireCodec.toJava(v)));
        ctx.put(OsloKeys.CLIENT_TIMEOUT, request.callMonitorTimeout());
        String version = request.version() == null ? "1.0" : request.version();
        RpcContext context = new RpcContext(ctx, request.msgId(), request.uniqueId(), request.method(),
                request.namespace(), version);
        Heartbeat hb = request.isCall() ? startHeartbeat(request) : null;
        RpcReply reply;
        try {
            RpcDispatcher.Selection sel = dispatcher.select(request.method(), request.namespace(), request.version());
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcDispatched(hub.nextSeq(), Instant.now(), request.msgId(), request.uniqueId(),
                        target.server(), sel.endpoint().name(), request.method()));
            }
            JsonNode result = dispatcher.invoke(sel, context, request.args());
            reply = request.isCall() ? RpcReply.success(result, request.msgId(), OsloDriver.hex()) : null;
        } catch (Throwable t) {
            if (t instanceof Error err && !(t instanceof StackOverflowError) && !(t instanceof AssertionError)) {
                if (hb != null) {
                    hb.stop();
                }
                throw err;
            }
            if (!request.isCall()) {
                hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), null, request.method(),
                        Failures.remoteClass(t), t.getMessage()));
            }
            reply = request.isCall() ? RpcReply.failure(Failures.toRemoteFailure(t), request.msgId(), OsloDriver.hex())
                    : null;
        }
        if (hb != null) {
            hb.stop();
        }
        if (request.isCall()) {
            sendReply(request, reply);
        }
    }

    /**
     * Hands the reply to the broker without waiting for its confirm (the caller's reply consumer
     * proves delivery), so this executor thread is free for the next request at once. A reply the
     * broker refuses or loses later is reported as {@code RpcFailed} from the confirm's thread.
     */
    private void sendReply(RpcRequest request, RpcReply reply) {
        try {
            java.util.concurrent.CompletableFuture<Void> confirmed = transport.driver().sendReply(request.replyQ(), reply);
            if (confirmed == null) {
                if (reply.ending()) {
                    hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(), request.method(),
                            "MessageUndeliverable", "reply queue " + request.replyQ() + " is gone; reply dropped"));
                }
                return;
            }
            String failureClass = reply.failure() == null ? null : reply.remoteFailure().className();
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcReplySent(hub.nextSeq(), Instant.now(), request.msgId(), target.server(),
                        reply.ending(), failureClass));
            }
            if (!confirmed.isDone() || confirmed.isCompletedExceptionally()) {
                confirmed.whenComplete((ok, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(),
                                request.method(), cause.getClass().getSimpleName(), cause.getMessage()));
                    }
                });
            }
        } catch (MessagingException e) {
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(), request.method(),
                    e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    /** Heartbeats every {@code _timeout/2} s while a call runs; none when {@code _timeout} is null or below 2. */
    private final class Heartbeat {
        private final ScheduledFuture<?> task;
        private final Object lock = new Object();
        private boolean stopped;

        Heartbeat(RpcRequest request, long intervalMs) {
            task = heartbeats.scheduleAtFixedRate(() -> {
                synchronized (lock) {
                    if (stopped) {
                        return;
                    }
                    sendReply(request, RpcReply.heartbeat(request.msgId(), OsloDriver.hex()));
                }
            }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }

        void stop() {
            task.cancel(false);
            synchronized (lock) {
                stopped = true;
            }
        }
    }

    private Heartbeat startHeartbeat(RpcRequest request) {
        Integer t = request.callMonitorTimeout();
        if (t == null || t < 2) {
            return null;
        }
        try {
            return new Heartbeat(request, t * 500L);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void publishFailure(String where, Throwable e) {
        hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), where, e.getClass().getSimpleName(),
                e.getMessage()));
    }

    @Override
    public String toString() {
        return "RpcServer[" + target + (running ? ", running" : "") + "]";
    }
}
