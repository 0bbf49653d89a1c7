package io.osloscope.engine.sniff;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.observe.pairing.CallTracker;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * <p>Firehose: tracing is switched on only with {@link SnifferOptions#firehoseConsent()}, on every node of a
 * cluster ({@link VhostTracing}: RabbitMQ keeps the switch per node), again on a node that restarted, and switched
 * back to its previous state on {@link #stop()} and by a JVM shutdown hook. A crash (kill -9, power loss)
 * skips both: tracing stays on until the next firehose capture of that vhost restores it or someone runs
 * {@code rabbitmqctl trace_off -p <vhost>}.
 *
 * <p>{@link #start()} and {@link #stop()} block; call them off any UI thread. Everything else is thread-safe.
 */
public final class Sniffer implements AutoCloseable {
    private static final int PREFETCH = 1000;

    private final SnifferOptions options;
    private final Clock clock = Clock.systemUTC();
    private final SniffPipeline pipeline;
    private final PublishGuard guard = new PublishGuard();
    private final String connectionId;
    private final TapBindings tap = new TapBindings();
    private final AtomicLong gaps = new AtomicLong();
    private final CaptureLosses losses = new CaptureLosses();
    private final java.util.concurrent.atomic.AtomicBoolean reconnecting = new java.util.concurrent.atomic.AtomicBoolean();
    private final ManagementClient management;
    private final GuardedBroker publishing;
    private volatile SnifferStatus.State state = SnifferStatus.State.STOPPED;
    private volatile Connection connection;
    private volatile Channel channel;
    private volatile String queue;
    private volatile boolean stopping;
    private final VhostTracing tracing;
    private final TopologyWatch watch;
    private final io.osloscope.engine.sniff.mgmt.SenderDirectory senders;
    private final io.osloscope.engine.sniff.health.OsloTraffic traffic = new io.osloscope.engine.sniff.health.OsloTraffic();
    /** Streams read with --stream-from. */
    private final StreamReaders streams;
    private volatile String ownConnection;
    private volatile String lastProblem;
    private volatile Instant lastGapAt;
    private ScheduledExecutorService scheduler;

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
        URI managementUrl = options.locateManagementUrl();
        this.management = new ManagementClient(managementUrl, options.settings().username(),
                options.settings().password(), Duration.ofSeconds(10),
                options.settings().tls() != null && managementUrl.getScheme().equals("https")
                        ? SnifferSupport.managementTls(options) : null);
        this.watch = new TopologyWatch(management, vhost());
        this.senders = io.osloscope.engine.sniff.mgmt.SenderDirectory.of(management, vhost(), clock);
        pipeline.setSenderDirectory(senders);
        this.tracing = new VhostTracing(management, vhost());
        pipeline.setRouting(watch::router);
        pipeline.addListener(new OsloTrafficListener(traffic, decoder));
        this.streams = new StreamReaders(options.streamFrom(), pipeline, clock,
                (name, e) -> lastProblem = "could not read stream '" + name + "': " + describe(e));
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
                tracing.enable();
            }
            watch.refreshQuietly(options.mode() == CaptureMode.TAP && options.tapExchanges().isEmpty());
            senders.refresh();
            pipeline.start();
            openCapture();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "osloscope-sniff-topology");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, options.topologyRefresh().toMillis());
            scheduler.scheduleWithFixedDelay(this::periodicRefresh, every, every, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(() -> Optional.ofNullable(losses.countBrokerDrops())
                    .ifPresent(p -> lastProblem = p), 500, 500, TimeUnit.MILLISECONDS);
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

    private void restoreTracing() {
        tracing.restore();
        if (tracing.switchedOn()) {
            lastProblem = tracing.problem();
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
            String q = ch.queueDeclare("", false, true, true, losses.prepare(c, ch, options.captureQueueLength()))
                    .getQueue();
            String overflow = losses.overflowQueue();
            connection = c;
            channel = ch;
            queue = q;
            ownConnection = c instanceof com.rabbitmq.client.impl.NetworkConnection nc
                    ? nc.getLocalAddress().getHostAddress() + ":" + nc.getLocalPort() + " -> "
                    + nc.getAddress().getHostAddress() + ":" + nc.getPort() : null;
            if (options.mode() == CaptureMode.FIREHOSE) {
                ch.queueBind(q, CaptureConsumer.TRACE_EXCHANGE, "publish.#");
                ch.queueBind(q, CaptureConsumer.TRACE_EXCHANGE, "deliver.#");
            } else {
                tap.reset();
                bindTap();
            }
            ch.basicConsume(q, false, "osloscope-sniffer", new CaptureConsumer(ch, List.of(q, overflow), options.mode(), pipeline, clock,
                    () -> ownConnection, () -> startReconnect("the broker cancelled the capture consumer")));
            c.addShutdownListener(this::connectionLost);
            streams.reset();
            streams.read(watch.latest(), c);
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
        losses.closed();
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        streams.cancel();
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
        tap.bind(connection, queue, watch.latest(), options.tapExchanges(),
                (ex, e) -> lastProblem = "could not bind to exchange '" + ex + "': " + describe(e));
    }

    private void periodicRefresh() {
        watch.refreshQuietly(false);
        senders.refresh();
        // NOTE(firehose): tracing switched off behind our back is switched on again wherever it is off (every node
        // of a cluster), counted and marked as a gap
        if (options.mode() == CaptureMode.FIREHOSE) {
            checkTracing();
        }
        if (options.mode() == CaptureMode.TAP && state == SnifferStatus.State.CAPTURING) {
            bindTap();
        }
        if (state == SnifferStatus.State.CAPTURING) {
            streams.read(watch.latest(), connection);
        }
    }

    /**
     * Firehose: tracing found switched off by someone else ({@link VhostTracing}) is switched back on, counted as a
     * loss and, while capturing, its hole marked as a gap.
     */
    private void checkTracing() {
        VhostTracing.SwitchedOff off = tracing.ensureQuietly(clock.instant());
        if (off == null) {
            return;
        }
        losses.tracingSwitchedOff(off.nodes().size());
        lastProblem = "firehose tracing was switched off behind the sniffer's back"
                + (off.nodes().size() > 1 || tracing.nodes().size() > 1 ? " on " + off.nodes() : "")
                + "; switched back on";
        if (state == SnifferStatus.State.CAPTURING) {
            gaps.incrementAndGet();
            lastGapAt = off.since();
            pipeline.offerGap(off.since(), clock.instant(), "firehose tracing was switched off by someone else; "
                    + "messages published while it was off were not traced (their number is unknown)");
        }
    }

    /** Runs the firehose tracing check now (tests; it also runs with every topology refresh). */
    public void checkTracingNow() {
        if (options.mode() == CaptureMode.FIREHOSE && state == SnifferStatus.State.CAPTURING) {
            checkTracing();
        }
    }

    /** Reads topology now (blocking); throws {@link ManagementException} with a one-line reason. */
    public ManagementSnapshot refreshTopology() {
        return watch.refresh();
    }

    /**
     * Quorum and stream details of the latest snapshot's queues, by name (empty until the management API answered).
     * Queue-manager queues without {@code idle_since} carry the sniffer's estimate.
     */
    public Map<String, QueueDetails> queueDetails() {
        return watch.queueDetails();
    }

    /** Streams read with {@code --stream-from} so far. */
    public Set<String> streamsRead() {
        return streams.read();
    }

    /** The latest topology snapshot, if the management API has answered. */
    public Optional<ManagementSnapshot> topology() {
        return Optional.ofNullable(watch.latest());
    }

    /**
     * The reply-queue lifeline from the latest topology and the calls still waiting: per reply queue its owner,
     * consumers, x-expires countdown and pending calls, at risk when a reply would become undeliverable.
     */
    public List<io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline> replyQueues() {
        return io.osloscope.engine.sniff.health.ReplyQueueLifelines.compute(watch.latest(), watch.queueDetails(),
                pipeline.tracker().pendingCalls(), pipeline.replyCallers());
    }

    /** Health hints from the latest topology and the traffic seen so far. */
    public List<HealthHint> health() {
        return watch.health(pipeline, traffic);
    }

    /** What this capture saw of oslo for the health rules (report_state, UnsupportedVersion, timeouts). */
    public io.osloscope.engine.sniff.health.OsloTraffic traffic() {
        return traffic;
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
                    if (options.mode() == CaptureMode.FIREHOSE) {
                        // NOTE(firehose): a restarted node forgets trace_on; switch it on again where it is off.
                        // (a gap for the reconnect follows; tracing found off meanwhile is counted once here)
                        checkTracing();
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
                queue, tap.tapped(), tracing.switchedOn(), pipeline.processed(), pipeline.dropped(),
                pipeline.store().evicted(), gaps.get(), lastGapAt, lastProblem, watch.problem(), losses.brokerDropped(),
                losses.tracingSwitchedOff());
    }

    /** The amqp-client connection's broker-side name, for tests that force a reconnect. */
    public String brokerConnectionName() {
        Connection c = connection;
        return c == null ? null : c.getClientProvidedName();
    }

    private String describe(Throwable e) {
        return SnifferSupport.describe(e, options.settings());
    }

    private String vhost() {
        return options.settings().virtualHost();
    }
}
