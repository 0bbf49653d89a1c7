package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.error.InvalidTargetException;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 * fanout queue; {@link #await(Duration)} waits for requests still running. This class owns the listen
 * connection, the executors and recovery; the per-request work (decode, ack, duplicates, dispatch, reply) is
 * {@link ServerRequests}.
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
    private final ServerRequests requests;
    private final Object lifecycle = new Object();
    private ExecutorService executor;
    private ScheduledExecutorService heartbeats;
    private BrokerConnection listenConnection;
    private final List<ConsumerHandle> consumers = new ArrayList<>();
    private String fanoutQueue;
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicBoolean recovering = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Where the {@code <topic>_fanout} stream consumer starts (stream fanout only): {@code "last"} when the server
     * starts, then the offset after the last one delivered, so a consumer re-opened after a lost connection neither
     * misses nor repeats fanouts (oslo's {@code next_stream_offset}). Back to {@code "last"} when the broker cancels
     * the consumer on a live connection (the stream may have been deleted and its offsets begun again), as oslo does.
     */
    private volatile Object nextStreamOffset = OsloDriver.STREAM_START;
    /** oslo's {@code kombu_reconnect_delay}. */
    private static final long RECOVER_DELAY_MS = 1000;

    private RpcServer(Transport transport, Target target, List<?> endpoints, Options options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.target = Objects.requireNonNull(target, "target");
        this.options = options == null ? Options.defaults() : options;
        this.dispatcher = new RpcDispatcher(endpoints, this.options.pingEnabled());
        this.requests = new ServerRequests(transport, target, dispatcher);
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
            nextStreamOffset = OsloDriver.STREAM_START;
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
            requests.runOn(executor, heartbeats);
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
                requests.publishFailure("stopping server " + target, e);
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
            consumers.add(c.consume(fanoutQueue, driver.listenOptions("3", driver.options().streamFanout(),
                    nextStreamOffset), handler("fanout")));
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
                if (kind.equals("fanout")) {
                    Map<String, Object> h = d.properties().headers();
                    if (h != null && h.get(OsloDriver.STREAM_OFFSET) instanceof Number offset) {
                        nextStreamOffset = offset.longValue() + 1;
                    }
                }
                requests.onDelivery(d, kind);
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
            if (listenConnection.isOpen()) {
                nextStreamOffset = OsloDriver.STREAM_START; // cancelled on a live connection: see nextStreamOffset
            }
            listenConnection.close();
            try {
                listenConnection = subscribeAll();
            } catch (RuntimeException e) {
                requests.publishFailure("rpc server " + target + " could not re-declare its queues; retrying", e);
                recoverLater();
            }
        }
    }

    /** Requests acked and not yet finished. */
    public int inFlight() {
        return requests.inFlight();
    }


    @Override
    public String toString() {
        return "RpcServer[" + target + (running ? ", running" : "") + "]";
    }
}
