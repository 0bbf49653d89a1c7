package io.osloscope.engine.sniff;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.SenderDirectory;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.trace.RecordingTraces;
import io.osloscope.engine.trace.RequestTrace;
import io.osloscope.engine.trace.TraceCollector;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process whose AMQP connection is newer than the management API's connections listing (nova-api opening its
 * connection for the request it sends) publishes unnamed; once the API lists the connection, the sender is named
 * after the fact: a SenderNamed event renames the live trace's lane, and the recording's sender record renames the
 * messages when it is read back.
 */
class SenderNamedLateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String API_CONN = "127.0.0.1:40000 -> 127.0.0.1:5672";

    @Test
    void aConnectionListedLateNamesItsEarlierMessagesInTheLiveTraceAndTheRecording(@org.junit.jupiter.api.io.TempDir
                                                                                     Path dir) throws Exception {
        List<ManagementSnapshot.Connection> listed = new CopyOnWriteArrayList<>();
        SenderDirectory directory = new SenderDirectory(new SenderDirectory.Source() {
            @Override
            public List<ManagementSnapshot.Connection> connections() {
                return listed;
            }

            @Override
            public Map<String, List<String>> consumedQueues() {
                return Map.of();
            }
        }, Clock.systemUTC(), Duration.ZERO);
        EventHub hub = new EventHub();
        SniffPipeline pipeline = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100), hub,
                Clock.systemUTC(), 16);
        pipeline.setSenderDirectory(directory);
        Path file = dir.resolve("late.jsonl");
        TraceCollector live = new TraceCollector();
        try (EventSubscription sub = hub.subscribe(EventFilter.ALL, 1000);
             OutputStream os = Files.newOutputStream(file)) {
            RecordingWriter writer = new RecordingWriter(os, pipeline.decoder().mapper(), true, false);
            writer.writeHeader(T0, "firehose", "test");
            pipeline.addListener(writer);

            pipeline.process(cast(0, "schedule_and_build_instances", "conductor"));
            pipeline.announceNamedLate(true);
            assertEquals("?@127.0.0.1", lane(live, sub), "unlisted yet: only the peer address is known");

            listed.add(new ManagementSnapshot.Connection(API_CONN, "guest", "127.0.0.1", 40000,
                    "nova-api:4242:0f8e7a2c-5b1d-4c3e-9a7f-1234567890ab", "nova-api", 4242, "RabbitMQ", "running", 1));
            pipeline.announceNamedLate(true);
            assertTrue(lane(live, sub).startsWith("api@"), "named after the fact: " + lane(live, sub));
            writer.flush();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"record\":\"sender\"") && l.contains("nova-api")),
                "the recording says who the connection was: " + lines.size() + " lines");
        RequestTrace read = RecordingTraces.read(file).traces().trace("req-1");
        assertTrue(read.fromLane(read.hops().get(0)).startsWith("api@"), "read back named: " + read.lanes());
    }

    private static String lane(TraceCollector traces, EventSubscription sub) {
        List<EngineEvent> batch = new ArrayList<>();
        sub.drainTo(batch, 1000);
        traces.acceptAll(batch);
        RequestTrace t = traces.trace("req-1");
        return t.fromLane(t.hops().get(0));
    }

    private static RawCapture cast(long ms, String method, String topic) {
        String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}, \\\"_context_request_id\\\": \\\"req-1\\\"}\"}";
        return new RawCapture(T0.plusMillis(ms), RawCapture.PUBLISH, "nova", topic, List.of(topic), API_CONN, null,
                null, OsloDecoderTest.json(), body.getBytes(StandardCharsets.UTF_8));
    }
}
