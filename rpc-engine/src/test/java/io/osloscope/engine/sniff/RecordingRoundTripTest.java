package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.sniff.record.RecordingWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingRoundTripTest {
    private static final String TOKEN = "gAAAAABsecret-keystone-token";

    private static SniffPipeline pipeline(EventHub hub) {
        return new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(1000), hub, Clock.systemUTC(), 10);
    }

    private static Path record(Path file, boolean redact, List<RawCapture> captures) throws Exception {
        SniffPipeline p = pipeline(new EventHub());
        try (OutputStream os = Files.newOutputStream(file);
             RecordingWriter w = new RecordingWriter(os, p.decoder().mapper(), redact, false)) {
            w.writeHeader(Instant.parse("2026-01-01T00:00:00Z"), "firehose", "rabbit://guest:***@127.0.0.1:5672/");
            p.addListener(w);
            for (int i = 0; i < captures.size(); i++) {
                p.process(captures.get(i));
                if (i == 3) {
                    p.emitGap(captures.get(i).at(), captures.get(i).at().plusSeconds(2), "connection lost");
                }
            }
        }
        return file;
    }

    private static List<RawCapture> traceWithToken() {
        List<RawCapture> out = new ArrayList<>();
        for (RawCapture c : TraceGolden.captures()) {
            String body = new String(c.body(), StandardCharsets.UTF_8)
                    .replace("_context_auth_token\\\": null", "_context_auth_token\\\": \\\"" + TOKEN + "\\\"");
            out.add(new RawCapture(c.at(), c.direction(), c.exchange(), c.routingKey(), c.routedQueues(), c.connection(),
                    c.node(), c.user(), c.properties(), body.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void aRecordingReplaysIntoTheSameEventStreamWithEveryCallPairedAgain(@TempDir Path dir) throws Exception {
        List<RawCapture> trace = traceWithToken();
        Path file = record(dir.resolve("capture.jsonl"), false, trace);

        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000);
        SniffPipeline replay = pipeline(hub);
        RecordingReader.ReplayResult result = new RecordingReader(replay.decoder().mapper()).replay(file, replay);

        assertEquals(trace.size(), result.messages());
        assertEquals(1, result.gaps());
        assertEquals("firehose", result.header().mode());
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 10_000);
        List<MessageCaptured> captured = events.stream().filter(e -> e instanceof MessageCaptured)
                .map(e -> (MessageCaptured) e).toList();
        assertEquals(trace.size(), captured.size());
        for (int i = 0; i < trace.size(); i++) {
            assertArrayEquals(trace.get(i).body(), captured.get(i).message().body(), "body " + i + " round-trips");
            assertEquals(trace.get(i).routingKey(), captured.get(i).routingKey());
            assertEquals(trace.get(i).at(), captured.get(i).at());
        }
        assertEquals(1, events.stream().filter(e -> e instanceof CaptureGap).count());
        assertEquals(7, replay.tracker().counts().paired());
        assertTrue(replay.store().snapshot().stream().filter(m -> m.pairing() == Outcome.PAIRED)
                .allMatch(m -> m.latencyMicros() > 0));
        String text = Files.readString(file);
        assertFalse(text.contains(TOKEN), "the decoded view masks the token even without --redact");
        assertEquals(trace.size(), Arrays.stream(text.split("\n"))
                .filter(l -> l.contains("\"record\":\"message\"") && l.contains("\"body_b64\":\"")).count());
    }

    @Test
    void redactionMasksTheAuthTokenInTheRawBodyToo(@TempDir Path dir) throws Exception {
        Path plain = record(dir.resolve("plain.jsonl"), false, traceWithToken());
        Path redacted = record(dir.resolve("redacted.jsonl"), true, traceWithToken());
        RecordingReader reader = new RecordingReader(new OsloDecoder().mapper());

        long plainWithToken = reader.read(plain).entries().stream()
                .filter(e -> e instanceof RecordingReader.Message m
                        && new String(m.capture().body(), StandardCharsets.UTF_8).contains(TOKEN)).count();
        assertTrue(plainWithToken > 10, "without --redact the raw body keeps the token");
        RecordingReader.Contents c = reader.read(redacted);
        assertTrue(c.header().redacted());
        for (RecordingReader.Entry e : c.entries()) {
            if (e instanceof RecordingReader.Message m) {
                String body = new String(m.capture().body(), StandardCharsets.UTF_8);
                assertFalse(body.contains(TOKEN));
            }
        }
        assertTrue(c.entries().stream().anyMatch(e -> e instanceof RecordingReader.Message m
                        && new String(m.capture().body(), StandardCharsets.UTF_8)
                        .contains("\\\"_context_auth_token\\\":\\\"***\\\"")), "the masked key stays visible");
        SniffPipeline replay = pipeline(new EventHub());
        reader.replay(redacted, replay);
        assertEquals(7, replay.tracker().counts().paired(), "redacted recordings still pair");
        assertEquals(Duration.ZERO.toMillis(), replay.dropped());
    }
}
