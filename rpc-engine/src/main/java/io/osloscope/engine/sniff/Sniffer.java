package io.osloscope.engine.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitErrors;
import io.osloscope.engine.broker.rabbit.RabbitTls;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.capture.FirehoseTrace;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import io.osloscope.engine.observe.pairing.CallTracker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures a real RabbitMQ's oslo traffic without disturbing it, in {@link CaptureMode#TAP} or
 * {@link CaptureMode#FIREHOSE} mode, on its own connection. It never consumes from, purges or requeues
 * an application queue: the only queue it reads is its own exclusive, auto-delete, server-named one.
 *
 * <p>Every capture goes through a {@link SniffPipeline} (decode, pair, retain, publish to the
 * {@link EventHub}). Topology is re-read from the management API every {@code topologyRefresh}; tap mode
 * binds exchanges that appeared since. A lost connection is retried with backoff; when capture resumes a
 * {@link io.osloscope.engine.observe.CaptureEvents.CaptureGap} marks the hole in the stream.
 *
 * <p>Firehose: tracing is switched on only with {@link SnifferOptions#firehoseConsent()}, and switched
 * back to its previous state on {@link #stop()} and by a JVM shutdown hook. A crash (kill -9, power loss)
 * skips both: tracing stays on until the next firehose capture of that vhost restores it or someone runs
 * {@code rabbitmqctl trace_off -p <vhost>}.
 *
 * <p>{@link #start()} and {@link #stop()} block; call them off any UI thread. Everything else is thread-safe.
 */
public final class Sniffer implements AutoCloseable {
    private static final String TRACE_EXCHANGE = "amq.rabbitmq.trace";
    private static final int PREFETCH = 1000;
    private static final int ACK_EVERY = 64;
    private static final int QUEUE_MAX_LENGTH = 200_000;
    private static final int STREAM_PREFETCH = 100;

    private final SnifferOptions options;
    private final Clock clock = Clock.systemUTC();
    private final SniffPipeline pipeline;
    private final PublishGuard guard = new PublishGuard();
    private final String connectionId;
    private final Set<String> tapped = ConcurrentHashMap.newKeySet();
    private final AtomicLong gaps = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean reconnecting = new java.util.concurrent.atomic.AtomicBoolean();
    private final ManagementClient management;
    private final GuardedBroker publishing;
    private volatile SnifferStatus.State state = SnifferStatus.State.STOPPED;
    private volatile Connection connection;
    private volatile Channel channel;
    private volatile String queue;
    private volatile boolean stopping;
    private volatile boolean tracingSwitchedOn;
    private volatile TopologySnapshot topology;
    private volatile TopologySnapshot previousTopology;
    private volatile Map<String, QueueDetails> queueDetails = Map.of();
    /** Queue-manager queues: the last snapshot that showed a consumer, or the first that showed none. */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeenUnused = new ConcurrentHashMap<>();
    /** Streams read with --stream-from, and the offset to resume each at after a reconnect. */
    private final Set<String> streamsRead = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> streamNext = new ConcurrentHashMap<>();
    private final AtomicLong streamReads = new AtomicLong();
    private volatile String ownConnection;
    private volatile String lastProblem;
    private volatile String topologyProblem;
    private volatile Instant lastGapAt;
    private ScheduledExecutorService scheduler;
    private Thread shutdownHook;

    public Sniffer(SnifferOptions options, EventHub hub) {
        this.options = options;
        OsloDecoder decoder = new OsloDecoder(options.maxDecodeBytes(), OsloDecoder.DEFAULT_PREVIEW_CHARS,
                options.revealSecrets());
        this.pipeline = new SniffPipeline(decoder, new CallTracker(), new CaptureStore(options.retention()), hub,
                clock, options.inboxCapacity());
        this.connectionId = options.settings().toString();
        this.publishing = new GuardedBroker(new RabbitBroker(options.settings().withAutomaticRecovery(false),
                new EventHub()), guard, connectionId);
        if (options.mode() == CaptureMode.FIREHOSE) {
            pipeline.setReplyQueueProbe(new io.osloscope.engine.sniff.capture.ReplyQueueProbe(() -> connection, 5000));
        }
        this.management = new ManagementClient(options.managementUrl(), options.settings().username(),
                options.settings().password(), Duration.ofSeconds(10),
                options.settings().tls() != null && options.managementUrl().getScheme().equals("https")
                        ? managementTls(options) : null);
    }

    private static javax.net.ssl.SSLContext managementTls(SnifferOptions options) {
        try {
            return RabbitTls.context(options.settings().tls());
        } catch (MessagingException e) {
            throw new SnifferException(e.getMessage(), e);
        }
    }

    /**
     * Connects and starts capturing. Throws {@link SnifferException} (one line) when the broker or the
     * management API refuses, or firehose mode lacks consent; nothing is left behind in that case.
     */
    public synchronized void start() {
        if (state != SnifferStatus.State.STOPPED) {
            return;
        }
        stopping = false;
        state = SnifferStatus.State.CONNECTING;
        try {
            if (options.mode() == CaptureMode.FIREHOSE) {
                if (!options.firehoseConsent()) {
                    throw new SnifferException("firehose mode switches tracing on for vhost '" + vhost()
                            + "' and needs explicit consent (--consent-firehose); " + CaptureMode.FIREHOSE.blindSpot());
                }
                enableTracing();
            }
            refreshTopologyQuietly(options.mode() == CaptureMode.TAP && options.tapExchanges().isEmpty());
            pipeline.start();
            openCapture();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "osloscope-sniff-topology");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, options.topologyRefresh().toMillis());
            scheduler.scheduleWithFixedDelay(this::periodicRefresh, every, every, TimeUnit.MILLISECONDS);
            state = SnifferStatus.State.CAPTURING;
        } catch (RuntimeException e) {
            lastProblem = e.getMessage();
            stop();
            throw e instanceof SnifferException se ? se : new SnifferException(e.getMessage(), e);
        }
    }

    /**
     * Stops capturing and leaves the broker as it found it: deletes the capture queue, closes the
     * connection and, in firehose mode, switches tracing back off if this sniffer switched it on.
     * Messages already captured are processed before this returns. Idempotent.
     */
    public synchronized void stop() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        closeCapture(true);
        publishing.close();
        pipeline.close();
        restoreTracing();
        state = SnifferStatus.State.STOPPED;
    }

    @Override
    public void close() {
        stop();
    }

    private void enableTracing() {
        boolean wasOn = management.vhost(vhost()).tracing();
        if (!wasOn) {
            shutdownHook = new Thread(this::restoreTracing, "osloscope-sniff-restore-tracing");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            management.setTracing(vhost(), true);
            tracingSwitchedOn = true;
        }
    }

    private synchronized void restoreTracing() {
        if (tracingSwitchedOn) {
            try {
                management.setTracing(vhost(), false);
                tracingSwitchedOn = false;
            } catch (ManagementException e) {
                lastProblem = "could not switch tracing back off: " + e.getMessage()
                        + "; run rabbitmqctl trace_off -p " + vhost();
            }
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // NOTE(shutdown): the JVM is already exiting; the hook runs or has run.
            }
            shutdownHook = null;
        }
    }

    private void openCapture() {
        Connection c;
        try {
            // NOTE(gaps): no automatic recovery: the sniffer reconnects itself so it can mark the hole as a gap.
            c = RabbitBroker.openClientConnection(options.settings().withAutomaticRecovery(false),
                    "osloscope-sniffer:" + ProcessHandle.current().pid() + ":" + UUID.randomUUID(),
                    Map.of("product", "osloscope sniffer"));
        } catch (MessagingException e) {
            throw new SnifferException(describe(e), e);
        }
        try {
            Channel ch = c.createChannel();
            ch.basicQos(PREFETCH);
            String q = ch.queueDeclare("", false, true, true, Map.of("x-max-length", QUEUE_MAX_LENGTH)).getQueue();
            connection = c;
            channel = ch;
            queue = q;
            ownConnection = c instanceof com.rabbitmq.client.impl.NetworkConnection nc
                    ? nc.getLocalAddress().getHostAddress() + ":" + nc.getLocalPort() + " -> "
                    + nc.getAddress().getHostAddress() + ":" + nc.getPort() : null;
            if (options.mode() == CaptureMode.FIREHOSE) {
                ch.queueBind(q, TRACE_EXCHANGE, "publish.#");
                ch.queueBind(q, TRACE_EXCHANGE, "deliver.#");
            } else {
                tapped.clear();
                bindTap();
            }
            ch.basicConsume(q, false, "osloscope-sniffer", new CaptureConsumer(ch, q));
            c.addShutdownListener(this::connectionLost);
            streamsRead.clear();
            readStreams();
        } catch (IOException | RuntimeException e) {
            try {
                c.abort();
            } catch (RuntimeException ignored) {
                // already closed
            }
            throw new SnifferException(describe(e), e);
        }
    }

    private void closeCapture(boolean deleteQueue) {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            if (deleteQueue && channel != null && channel.isOpen() && queue != null) {
                channel.queueDelete(queue);
            }
            c.close(2000);
        } catch (IOException | RuntimeException e) {
            c.abort(1000);
        }
        channel = null;
        queue = null;
    }

    /** Binds the capture queue to every topic exchange and every *_fanout exchange not bound yet. */
    private void bindTap() {
        List<String> wanted = new ArrayList<>(options.tapExchanges());
        TopologySnapshot t = topology;
        if (t != null) {
            for (TopologySnapshot.Exchange e : t.exchanges()) {
                if (!e.isBuiltIn() && !e.internal() && (e.type().equals("topic")
                        || (e.type().equals("fanout") && e.name().endsWith(OsloKeys.FANOUT_SUFFIX)))) {
                    wanted.add(e.name());
                }
            }
        }
        Connection c = connection;
        String q = queue;
        if (c == null || q == null) {
            return;
        }
        Channel binder = null;
        for (String ex : wanted) {
            if (tapped.contains(ex)) {
                continue;
            }
            try {
                if (binder == null || !binder.isOpen()) {
                    binder = c.createChannel();
                }
                binder.queueBind(q, ex, "#");
                tapped.add(ex);
            } catch (IOException | RuntimeException e) {
                // NOTE(tap): an exchange may vanish between listing and binding (auto-delete fanouts); its
                // 404 closes only this helper channel, and the next refresh tries again.
                lastProblem = "could not bind to exchange '" + ex + "': " + describe(e);
            }
        }
        if (binder != null && binder.isOpen()) {
            try {
                binder.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                // best effort
            }
        }
    }

    private void periodicRefresh() {
        refreshTopologyQuietly(false);
        if (options.mode() == CaptureMode.TAP && state == SnifferStatus.State.CAPTURING) {
            bindTap();
        }
        if (state == SnifferStatus.State.CAPTURING) {
            readStreams();
        }
    }

    /**
     * With {@link SnifferOptions#streamFrom()}: reads every {@code <topic>_fanout} stream not read yet, each on a
     * channel of its own with this sniffer's own consumer tag, prefetch {@value #STREAM_PREFETCH} and
     * {@code x-stream-offset}. A stream keeps its messages for every reader (each has its own offset), so reading
     * takes nothing from oslo's servers; acks only give the reader credit. After a reconnect a stream is resumed
     * after the last offset read.
     */
    private void readStreams() {
        StreamStart from = options.streamFrom();
        TopologySnapshot t = topology;
        Connection c = connection;
        if (from == null || t == null || c == null || !c.isOpen()) {
            return;
        }
        for (TopologySnapshot.Queue q : t.queues()) {
            String name = q.name();
            if (!"stream".equals(q.type()) || !name.endsWith(OsloKeys.FANOUT_SUFFIX) || streamsRead.contains(name)) {
                continue;
            }
            try {
                Channel ch = c.createChannel();
                ch.basicQos(STREAM_PREFETCH);
                Long next = streamNext.get(name);
                Object offset = next != null ? next : from.offsetArgument(clock.instant());
                ch.basicConsume(name, false, QueueDetails.SNIFFER_TAG_PREFIX + "-stream-" + UUID.randomUUID(), false,
                        false, Map.of("x-stream-offset", offset), new StreamReader(ch, name));
                streamsRead.add(name);
            } catch (IOException | RuntimeException e) {
                // NOTE(streams): a stream may vanish between listing and reading; the next refresh tries again.
                lastProblem = "could not read stream '" + name + "': " + describe(e);
            }
        }
    }

    private void refreshTopologyQuietly(boolean required) {
        try {
            refreshTopology();
        } catch (ManagementException e) {
            topologyProblem = e.getMessage();
            if (required) {
                throw new SnifferException(e.getMessage() + " (tap mode needs it to find exchanges, or pass them "
                        + "explicitly)", e);
            }
        }
    }

    /** Reads topology now (blocking); throws {@link ManagementException} with a one-line reason. */
    public TopologySnapshot refreshTopology() {
        TopologySnapshot snap = management.snapshot(vhost());
        Map<String, QueueDetails> details;
        try {
            details = new java.util.LinkedHashMap<>(management.queueDetails(vhost()));
        } catch (ManagementException e) {
            details = new java.util.LinkedHashMap<>();
        }
        estimateIdleSince(snap, details);
        previousTopology = topology;
        topology = snap;
        queueDetails = Map.copyOf(details);
        topologyProblem = null;
        return snap;
    }

    /**
     * Quorum queues report no {@code idle_since}; for queue-manager queues the sniffer estimates when one was last
     * used from its snapshots: the last one that showed a consumer, else the first that showed none (so the
     * estimate is never earlier than the truth for a queue idle before the sniffer started).
     */
    private void estimateIdleSince(TopologySnapshot snap, Map<String, QueueDetails> details) {
        for (TopologySnapshot.Queue q : snap.queues()) {
            if (io.osloscope.engine.sniff.health.QueueManagerName.parse(q.name()) == null) {
                continue;
            }
            if (q.consumers() > 0) {
                lastUsed.put(q.name(), snap.at());
                firstSeenUnused.remove(q.name());
                continue;
            }
            QueueDetails d = details.get(q.name());
            if (d != null && d.idleSince() == null) {
                Instant used = lastUsed.get(q.name());
                details.put(q.name(), d.withIdleSince(used != null ? used
                        : firstSeenUnused.computeIfAbsent(q.name(), k -> snap.at())));
            }
        }
    }

    /**
     * Quorum and stream details of the latest snapshot's queues, by name (empty until the management API answered).
     * Queue-manager queues without {@code idle_since} carry the sniffer's estimate.
     */
    public Map<String, QueueDetails> queueDetails() {
        return queueDetails;
    }

    /** Streams read with {@code --stream-from} so far. */
    public Set<String> streamsRead() {
        return Set.copyOf(streamsRead);
    }

    /** The latest topology snapshot, if the management API has answered. */
    public Optional<TopologySnapshot> topology() {
        return Optional.ofNullable(topology);
    }

    /** Health hints from the latest topology and the traffic seen so far. */
    public List<HealthHint> health() {
        return HealthHints.compute(topology, previousTopology, pipeline.tracker(), pipeline.unroutable(), queueDetails);
    }

    private void connectionLost(ShutdownSignalException cause) {
        if (stopping || cause.isInitiatedByApplication()) {
            return;
        }
        startReconnect(cause.getMessage() == null ? "connection lost" : cause.getMessage().replaceAll("\\s+", " "));
    }

    private void startReconnect(String reason) {
        if (stopping || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        Instant lostAt = clock.instant();
        lastProblem = "capture interrupted: " + reason;
        state = SnifferStatus.State.RECONNECTING;
        Thread t = new Thread(() -> {
            try {
                reconnect(lostAt, reason);
            } finally {
                reconnecting.set(false);
            }
        }, "osloscope-sniff-reconnect");
        t.setDaemon(true);
        t.start();
    }

    private void reconnect(Instant lostAt, String reason) {
        long backoff = 500;
        synchronized (this) {
            closeCapture(false);
        }
        while (!stopping) {
            try {
                Thread.sleep(backoff);
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    if (options.mode() == CaptureMode.FIREHOSE && !management.vhost(vhost()).tracing()) {
                        // NOTE(firehose): a broker restart forgets trace_on; switch it on again.
                        management.setTracing(vhost(), true);
                    }
                    openCapture();
                    state = SnifferStatus.State.CAPTURING;
                }
                Instant resumed = clock.instant();
                gaps.incrementAndGet();
                lastGapAt = lostAt;
                pipeline.offerGap(lostAt, resumed, reason);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lastProblem = "reconnecting: " + e.getMessage();
                backoff = Math.min(backoff * 2, Math.max(500, options.reconnectMaxBackoff().toMillis()));
            }
        }
    }

    /**
     * Publishes exactly {@code request} through {@link #publishingBroker()}, which the {@link PublishGuard} refuses
     * unless the user armed it for {@link #connectionId()}.
     */
    public void publish(PublishRequest request) {
        guard.check(connectionId, request);
        if (connection == null) {
            throw new SnifferException("not connected");
        }
        publishing.publish(request);
    }

    /**
     * The broker to fire RPCs at this RabbitMQ with ({@code Transport.of(publishingBroker(), options)}): it publishes
     * only while this connection is armed, never changes topology, and a refused publish carries its
     * {@link PublishRequest}. Its connections are its own (with publisher confirms), closed on {@link #stop()}.
     */
    public GuardedBroker publishingBroker() {
        return publishing;
    }

    public PublishGuard guard() {
        return guard;
    }

    /** The id the {@link PublishGuard} arms: the broker URL without password. */
    public String connectionId() {
        return connectionId;
    }

    public SniffPipeline pipeline() {
        return pipeline;
    }

    public CaptureStore store() {
        return pipeline.store();
    }

    public CallTracker calls() {
        return pipeline.tracker();
    }

    public void addListener(SniffListener l) {
        pipeline.addListener(l);
    }

    public SnifferOptions options() {
        return options;
    }

    public SnifferStatus status() {
        return new SnifferStatus(state, options.mode(), options.mode().cost(), options.mode().blindSpot(), connectionId,
                queue, List.copyOf(tapped), tracingSwitchedOn, pipeline.processed(), pipeline.dropped(),
                pipeline.store().evicted(), gaps.get(), lastGapAt, lastProblem, topologyProblem);
    }

    /** The amqp-client connection's broker-side name, for tests that force a reconnect. */
    public String brokerConnectionName() {
        Connection c = connection;
        return c == null ? null : c.getClientProvidedName();
    }

    /**
     * One line for a failure of the sniffer's own AMQP work: {@link RabbitErrors}' text (never the password),
     * and for a refused operation what the sniffer needs permission for.
     */
    private String describe(Throwable e) {
        MessagingException m = RabbitErrors.translate(e, options.settings());
        if (m instanceof AmqpException a && a.replyCode() == AmqpException.ACCESS_REFUSED) {
            return "user '" + options.settings().username() + "' lacks a permission the sniffer needs: "
                    + a.replyText() + " (it declares a private amq.gen-* queue and binds it: configure and read on "
                    + "it, read on the exchanges it taps)";
        }
        if (m instanceof AmqpException a) {
            return "RabbitMQ refused: " + a.replyCode() + " " + a.replyText();
        }
        return m.getMessage();
    }

    private String vhost() {
        return options.settings().virtualHost();
    }

    private final class CaptureConsumer extends DefaultConsumer {
        private final String ownQueue;
        private int unacked;

        CaptureConsumer(Channel ch, String ownQueue) {
            super(ch);
            this.ownQueue = ownQueue;
        }

        @Override
        public void handleCancel(String consumerTag) {
            // NOTE(resilience): the broker cancelled our consumer (e.g. the queue's node went away); the
            // queue is exclusive, so nobody else can delete it. Start over with a fresh one.
            startReconnect("the broker cancelled the capture consumer");
        }

        @Override
        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws IOException {
            Instant at = clock.instant();
            RawCapture raw;
            if (options.mode() == CaptureMode.FIREHOSE) {
                raw = FirehoseTrace.parse(at, env, props, body);
                if (raw != null && (TRACE_EXCHANGE.equals(raw.exchange()) || ownQueue.equals(raw.deliveredQueue())
                        || (raw.deliveredQueue() != null && raw.connection() != null
                        && raw.connection().equals(ownConnection)))) {
                    // NOTE(streams): deliveries to this sniffer's own stream readers are traced too; not oslo's.
                    raw = null;
                }
            } else {
                raw = new RawCapture(at, RawCapture.TAP, env.getExchange(), env.getRoutingKey(), null, null, null,
                        null, FirehoseTrace.fromBasic(props), body);
            }
            if (raw != null) {
                pipeline.offer(raw);
            }
            if (++unacked >= ACK_EVERY) {
                getChannel().basicAck(env.getDeliveryTag(), true);
                unacked = 0;
            }
        }
    }

    /** Reads one {@code <topic>_fanout} stream; every message becomes a capture with direction {@code stream}. */
    private final class StreamReader extends DefaultConsumer {
        private final String stream;

        StreamReader(Channel ch, String stream) {
            super(ch);
            this.stream = stream;
        }

        @Override
        public void handleCancel(String consumerTag) {
            // NOTE(streams): the stream was deleted (or its leader moved); read it again if it comes back.
            streamsRead.remove(stream);
        }

        @Override
        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws IOException {
            Object offset = props.getHeaders() == null ? null : props.getHeaders().get("x-stream-offset");
            if (offset instanceof Number n) {
                streamNext.put(stream, n.longValue() + 1);
            }
            streamReads.incrementAndGet();
            pipeline.offer(new RawCapture(clock.instant(), RawCapture.STREAM, env.getExchange(), env.getRoutingKey(),
                    List.of(stream), null, null, null, FirehoseTrace.fromBasic(props), body));
            // NOTE(streams): an ack on a stream only grants this reader credit; other readers' offsets are their own.
            getChannel().basicAck(env.getDeliveryTag(), false);
        }
    }
}
