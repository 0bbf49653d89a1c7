package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.SniffListener;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferException;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.StreamStart;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.sniff.record.RecordingWriter;

import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sniff}: captures a real RabbitMQ's oslo traffic headless and writes one JSON object per message
 * (see {@link io.osloscope.engine.sniff.record.RecordingFormat}); or re-reads a recording with {@code --replay}.
 */
@Command(name = "sniff", sortOptions = false, usageHelpAutoWidth = true,
        synopsisHeading = "", customSynopsis = {
                "Usage: osloscope sniff --transport URL [--management URL] [--mode tap|firehose]",
                "                       [--consent-firehose] [--duration SECONDS] [--count N]",
                "                       [--out FILE] [--redact] [--exchange NAME]...",
                "                       [--stream-from first|last|TIME|30m]",
                "       osloscope sniff --replay FILE [--out FILE] [--redact]"},
        description = {"Capture a real broker's oslo traffic to JSON Lines (read-only).",
                "Prints one JSON object per message: ts, kind (call, cast, fanout, reply, heartbeat, notification,"
                        + " other), exchange, routing_key, method, msg_id, version, on replies pairing and latency_ms,"
                        + " on failures failure; plus the raw properties, body_b64 and the decoded view. Calls without"
                        + " reply past their timeout print a \"timeout\" record with its blame (no_consumer,"
                        + " queue_backlog, callee_slow, reply_lost, reply_unread, unknown) and where its time went (stages:"
                        + " queued_ms, in_callee_ms, way_back_ms); an interrupted capture prints a \"gap\" record when"
                        + " it resumes."},
        footer = {"%nExit codes: 0 done, 2 bad usage or no consent, 4 connection, credential, permission or TLS"
                + " failure."})
public final class SniffCommand implements CliCommand {
    @Mixin
    CaptureOptions where = new CaptureOptions();
    @Option(names = "--exchange", paramLabel = "NAME",
            description = "Tap this exchange too (repeatable; needed when the management API is off).")
    List<String> exchanges = new ArrayList<>();
    @Option(names = "--stream-from", paramLabel = "WHERE", description = "Also read every <topic>_fanout stream"
            + " (oslo's rabbit_stream_fanout) from first, last, a time (2026-05-01T10:00:00Z) or a duration back"
            + " (30m, 2h), with a consumer of its own: a stream loses nothing to a reader. Such fanouts print with"
            + " direction \"stream\".")
    String streamFrom;
    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (exit 0).")
    String duration;
    @Option(names = "--count", paramLabel = "N", description = "Stop after N messages (exit 0).")
    String count;
    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the recording there (header, messages, timeouts, gaps) instead of stdout.")
    String out;
    @Option(names = "--redact", description = "Mask _context_auth_token and password-like values in the raw body"
            + " too.")
    boolean redact;
    @Option(names = "--include-deliveries", description = "firehose: also print deliver.* traces (default:"
            + " publishes only).")
    boolean includeDeliveries;
    @Option(names = "--replay", paramLabel = "FILE", description = "Re-read a recording instead of capturing.")
    String replay;
    @Mixin
    HelpOption help;

    /** The options checked and converted. */
    private record Args(String transport, CaptureMode mode, boolean consent, Duration duration,
                        Long count, String out, boolean redact, boolean includeDeliveries, String replay,
                        List<String> exchanges, StreamStart streamFrom) {
    }

    private Args args() {
        if (replay == null && where.transport == null) {
            throw new UsageException("--transport URL is required");
        }
        CaptureMode m = where.captureMode();
        Duration d = duration == null ? null
                : Duration.ofMillis(Math.round(OptionValues.seconds("--duration", duration, 0) * 1000));
        Long n = count == null ? null : (long) OptionValues.positiveInt("--count", count);
        StreamStart from;
        try {
            from = streamFrom == null ? null : StreamStart.parse(streamFrom);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Args(where.transport, m, where.consent, d, n, out, redact, includeDeliveries, replay,
                List.copyOf(exchanges), from);
    }

    @Override
    public int execute(PrintStream stdout, PrintStream err) {
        return capture(args(), stdout, err);
    }

    private int capture(Args a, PrintStream out, PrintStream err) {
        if (a.replay() != null) {
            return replay(a, out, err);
        }
        SnifferOptions options;
        try {
            options = where.snifferOptions(a.transport()).withTapExchanges(a.exchanges())
                    .withStreamFrom(a.streamFrom());
        } catch (UsageException e) {
            err.println("sniff: " + e.getMessage());
            return USAGE;
        }
        RabbitSettings s = options.settings();
        if (a.mode() == CaptureMode.FIREHOSE && !a.consent()) {
            err.println("sniff: firehose mode switches tracing on for vhost '" + s.virtualHost()
                    + "'; add --consent-firehose to agree (" + CaptureMode.FIREHOSE.cost() + ")");
            return USAGE;
        }
        err.println("sniff: mode " + a.mode().cost());
        err.println("sniff: note: " + a.mode().blindSpot());
        if (a.out() != null && !a.redact()) {
            err.println("sniff: the recording keeps raw bodies, which may hold auth tokens; --redact masks them");
        }
        try (OutputStream os = a.out() == null ? nonClosing(out) : Files.newOutputStream(Path.of(a.out()))) {
            Sniffer sniffer = new Sniffer(options, new EventHub());
            RecordingWriter writer = new RecordingWriter(os, sniffer.pipeline().decoder().mapper(), a.redact(), a.out() == null);
            if (a.out() != null) {
                writer.writeHeader(Instant.now(), a.mode().name().toLowerCase(), sniffer.connectionId());
            }
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong printed = new AtomicLong();
            sniffer.addListener(new Filter(writer, a.includeDeliveries(), a.count(), printed, done));
            Thread hook = new Thread(sniffer::stop, "osloscope-sniff-cli-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                sniffer.start();
                if (a.duration() != null) {
                    done.await(a.duration().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    done.await();
                }
            } catch (SnifferException e) {
                err.println("sniff: " + e.getMessage());
                return CONNECTION;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sniffer.stop();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already exiting
                }
                writer.flush();
            }
            for (var line : sniffer.replyQueues()) {
                if (line.pendingCalls() > 0 || line.atRisk()) {
                    err.println("sniff: reply queue " + line.describe());
                }
            }
            var st = sniffer.status();
            writer.writeLosses(st.brokerDropped(), st.dropped(), st.tracingSwitchedOff());
            writer.flush();
            summary(err, sniffer.calls(), sniffer.store(), printed.get(), st.dropped(), st.gaps(), st.lastProblem());
            err.println("sniff: capture health: " + st.captureHealth());
            if (writer.failure() != null) {
                err.println("sniff: writing failed: " + writer.failure().getMessage());
                return REMOTE_ERROR;
            }
            return OK;
        } catch (IOException e) {
            err.println("sniff: cannot write " + a.out() + ": " + e.getMessage());
            return USAGE;
        }
    }

    private int replay(Args a, PrintStream out, PrintStream err) {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(200_000),
                new EventHub(), Clock.systemUTC(), 16);
        ObjectMapper mapper = p.decoder().mapper();
        try (OutputStream os = a.out() == null ? nonClosing(out) : Files.newOutputStream(Path.of(a.out()))) {
            RecordingWriter writer = new RecordingWriter(os, mapper, a.redact(), false);
            AtomicLong printed = new AtomicLong();
            p.addListener(new Filter(writer, a.includeDeliveries(), null, printed, new CountDownLatch(1)));
            RecordingReader.ReplayResult r = new RecordingReader(mapper).replay(Path.of(a.replay()), p);
            writer.flush();
            if (r.badLines() > 0) {
                err.println("sniff: skipped " + r.badLines() + " line(s) that are not recording lines");
            }
            summary(err, p.tracker(), p.store(), printed.get(), 0, r.gaps(), null);
            return OK;
        } catch (IOException e) {
            err.println("sniff: cannot read " + a.replay() + ": " + e.getMessage());
            return USAGE;
        }
    }

    private static void summary(PrintStream err, CallTracker calls, CaptureStore store, long printed, long dropped,
                                long gaps, String problem) {
        CallTracker.Counts c = calls.counts();
        err.printf("sniff: %d message(s); calls %d, paired %d (failures %d), reply queue gone %d, timed out %d, "
                        + "still pending %d, unmatched replies %d; dropped %d; gaps %d%n", printed, c.calls(), c.paired(),
                c.failures(), c.repliesToVanishedQueues(), c.timedOut(), c.pending(), c.unmatchedReplies(), dropped, gaps);
        var all = calls.latencyOverall();
        if (all.count() > 0) {
            err.printf("sniff: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", all.p50Millis(), all.p99Millis(),
                    all.maxMillis());
        }
        for (String line : io.osloscope.engine.sniff.ProjectGroups.of(store.snapshot()).lines()) {
            err.println("sniff: by project: " + line);
        }
        if (problem != null) {
            err.println("sniff: last problem: " + problem);
        }
    }

    private static OutputStream nonClosing(PrintStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    /** Writes publishes (and optionally deliveries), timeouts and gaps; counts towards --count. */
    private static final class Filter implements SniffListener {
        private final RecordingWriter writer;
        private final boolean deliveries;
        private final Long count;
        private final AtomicLong printed;
        private final CountDownLatch done;

        Filter(RecordingWriter writer, boolean deliveries, Long count, AtomicLong printed, CountDownLatch done) {
            this.writer = writer;
            this.deliveries = deliveries;
            this.count = count;
            this.printed = printed;
            this.done = done;
        }

        @Override
        public void onMessage(SniffedMessage m, DecodedMessage d) {
            if (!deliveries && !m.raw().isPublish()) {
                return;
            }
            if (count != null && printed.get() >= count) {
                done.countDown();
                return;
            }
            writer.onMessage(m, d);
            if (count != null && printed.incrementAndGet() >= count) {
                done.countDown();
            } else if (count == null) {
                printed.incrementAndGet();
            }
        }

        @Override
        public void onTimeout(TrackedCall call) {
            writer.onTimeout(call);
        }

        @Override
        public void onGap(CaptureGap gap) {
            writer.onGap(gap);
        }
    }
}
