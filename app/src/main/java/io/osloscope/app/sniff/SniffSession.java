package io.osloscope.app.sniff;

import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.PublishRequest;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferException;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.SnifferStatus;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.sniff.record.RecordingWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the window shows instead of the simulation: a live capture of a real RabbitMQ (a {@link Sniffer})
 * or a recording opened from disk. Each session has its own {@link EventHub}, which the window's stream
 * drains exactly as it drains the simulation's. Blocking methods ({@link #connect}, {@link #replay},
 * {@link #save}, {@link #close}) belong on an engine thread; the rest is thread-safe and quick.
 */
public final class SniffSession implements AutoCloseable {
    private final EventHub hub;
    private final Sniffer sniffer;
    private final SniffPipeline pipeline;
    private final Path recording;
    private volatile String recordedMode;

    private SniffSession(EventHub hub, Sniffer sniffer, SniffPipeline pipeline, Path recording) {
        this.hub = hub;
        this.sniffer = sniffer;
        this.pipeline = pipeline;
        this.recording = recording;
    }

    /**
     * Connects and starts capturing (blocking). Throws {@link SnifferException} with a one-line reason
     * (refused, bad credentials, missing permission, no management plugin, TLS failure); nothing is left behind.
     */
    public static SniffSession connect(SnifferOptions options) {
        EventHub hub = new EventHub();
        Sniffer sniffer = new Sniffer(options, hub);
        sniffer.start();
        return new SniffSession(hub, sniffer, sniffer.pipeline(), null);
    }

    /** A session over a recording; nothing is read until {@link #replay()}. */
    public static SniffSession recording(Path file) {
        Objects.requireNonNull(file, "file");
        EventHub hub = new EventHub();
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(200_000), hub,
                Clock.systemUTC(), 16);
        return new SniffSession(hub, null, p, file);
    }

    /** Reads the recording through the pipeline (pairing, timeouts), publishing to {@link #events()}. Blocking. */
    public RecordingReader.ReplayResult replay() throws IOException {
        if (recording == null) {
            throw new IllegalStateException("not a recording session");
        }
        RecordingReader.ReplayResult r = new RecordingReader(pipeline.decoder().mapper()).replay(recording, pipeline);
        recordedMode = r.header() == null ? null : r.header().mode();
        return r;
    }

    public EventHub events() {
        return hub;
    }

    public boolean isLive() {
        return sniffer != null;
    }

    /** The capture mode, or null for a recording whose header does not say. */
    public CaptureMode mode() {
        if (sniffer != null) {
            return sniffer.options().mode();
        }
        try {
            return recordedMode == null ? null : CaptureMode.parse(recordedMode);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The one line the status bar shows, e.g. {@code rabbit://guest:***@h:5672/ tap — replies not visible}
     * or {@code … firehose ON}; a recording names its file.
     */
    public String modeText() {
        if (sniffer == null) {
            CaptureMode m = mode();
            return "recording " + recording.getFileName() + (m == null ? "" : " (" + m.name().toLowerCase() + ")");
        }
        SnifferStatus s = sniffer.status();
        String text = ModeText.live(s.connectionId(), s.mode());
        if (s.state() == SnifferStatus.State.RECONNECTING) {
            text += " · reconnecting…";
        }
        return text;
    }

    /** The connection id the publish guard arms (URL without password), or null for a recording. */
    public String connectionId() {
        return sniffer == null ? null : sniffer.connectionId();
    }

    public Optional<SnifferStatus> status() {
        return sniffer == null ? Optional.empty() : Optional.of(sniffer.status());
    }

    /** The latest management topology, converted for the topology view (empty for recordings). */
    public Optional<io.osloscope.engine.sniff.mgmt.ManagementSnapshot> topology() {
        return sniffer == null ? Optional.empty() : sniffer.topology();
    }

    /** Quorum and stream details of the latest topology, by queue name (a volatile read; empty for a recording). */
    public java.util.Map<String, io.osloscope.engine.sniff.mgmt.QueueDetails> queueDetails() {
        return sniffer == null ? java.util.Map.of() : sniffer.queueDetails();
    }

    /** The sniffer's own capture queue, left out of the drawing. */
    public String ownQueue() {
        return sniffer == null ? null : sniffer.status().captureQueue();
    }

    public List<HealthHint> health() {
        if (sniffer != null) {
            return sniffer.health();
        }
        return HealthHints.compute(null, null, pipeline.tracker(), pipeline.unroutable());
    }

    /**
     * The reply-queue lifeline: per reply queue its owner, consumers, x-expires countdown and waiting calls (from the
     * management API and the calls seen when live; from the calls alone for a recording). Blocking-free.
     */
    public List<io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline> replyQueues() {
        if (sniffer != null) {
            return sniffer.replyQueues();
        }
        return io.osloscope.engine.sniff.health.ReplyQueueLifelines.compute(null, null,
                pipeline.tracker().pendingCalls(), pipeline.replyCallers());
    }

    public CaptureStore store() {
        return pipeline.store();
    }

    // --- publishing (guarded by the core) ---

    public boolean isArmed() {
        return sniffer != null && sniffer.guard().isArmed(sniffer.connectionId());
    }

    /** Allows publishing through this connection until {@link #disarm()} or disconnect. */
    public void arm() {
        if (sniffer == null) {
            throw new SnifferException("a recording has no broker to publish to");
        }
        sniffer.guard().arm(sniffer.connectionId());
    }

    public void disarm() {
        if (sniffer != null) {
            sniffer.guard().disarm(sniffer.connectionId());
        }
    }

    /**
     * The broker the fire panel's RPC client publishes through: refuses unless this connection is armed, never
     * changes the broker's topology (see {@link io.osloscope.engine.sniff.GuardedBroker}).
     */
    public io.osloscope.engine.sniff.GuardedBroker publishingBroker() {
        if (sniffer == null) {
            throw new SnifferException("a recording has no broker to publish to");
        }
        return sniffer.publishingBroker();
    }

    /** Publishes through the sniffer; its {@link io.osloscope.engine.sniff.PublishGuard} refuses unless armed. */
    public void publish(PublishRequest request) {
        if (sniffer == null) {
            throw new SnifferException("a recording has no broker to publish to");
        }
        sniffer.publish(request);
    }

    // --- recordings ---

    /**
     * Writes every retained message as a JSON Lines recording; {@code redact} masks auth tokens and
     * passwords in bodies and headers. Blocking. Returns the number of messages written.
     */
    public long save(Path file, boolean redact) throws IOException {
        List<SniffedMessage> all = pipeline.store().snapshot();
        OsloDecoder decoder = pipeline.decoder();
        try (OutputStream os = Files.newOutputStream(file)) {
            RecordingWriter w = new RecordingWriter(os, decoder.mapper(), redact, false);
            CaptureMode m = mode();
            w.writeHeader(Instant.now(), m == null ? "unknown" : m.name().toLowerCase(),
                    sniffer != null ? sniffer.connectionId() : "recording " + recording.getFileName());
            for (SniffedMessage msg : all) {
                w.onMessage(msg, msg.decode(decoder));
            }
            w.flush();
            if (w.failure() != null) {
                throw w.failure();
            }
        }
        return all.size();
    }

    /** Stops capturing and leaves the broker as it was (firehose tracing off, capture queue deleted). Blocking. */
    @Override
    public void close() {
        if (sniffer != null) {
            sniffer.guard().disarm(sniffer.connectionId());
            sniffer.stop();
        } else {
            pipeline.close();
        }
    }
}
