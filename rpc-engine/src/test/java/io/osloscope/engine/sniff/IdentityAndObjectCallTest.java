package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.SenderDirectory;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.ObjectCall;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real nova's conductor object calls decoded (golden/nova-zed-real) and every sniffed publish named by its sender,
 * with the firehose (golden oslo 16.1) and in tap mode; both carried through a recording and back.
 */
class IdentityAndObjectCallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "3d48d8c7-b686-45be-b5b4-a429ec46b433";

    private static List<RawCapture> novaObjectCalls() throws IOException {
        List<RawCapture> out = new ArrayList<>();
        RecordingReader reader = new RecordingReader(JSON);
        try (InputStream in = IdentityAndObjectCallTest.class.getClassLoader()
                .getResourceAsStream("golden/nova-zed-real/object-calls.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (reader.parse(line) instanceof RecordingReader.Message m) {
                    out.add(m.capture());
                }
            }
        }
        return out;
    }

    private static MessageSummary summaryOf(List<RawCapture> captures, String cls, String method) {
        OsloDecoder decoder = new OsloDecoder();
        for (RawCapture c : captures) {
            MessageSummary fast = decoder.summarize(c.properties(), c.body(), c.exchange(), c.routingKey());
            MessageSummary full = decoder.decode(c.properties(), c.body(), c.exchange(), c.routingKey()).summary();
            assertEquals(full, fast, "the ingest path and the full decoder agree on " + c.routingKey());
            if (cls.equals(fast.objectClass()) && method.equals(fast.objectMethod())) {
                return fast;
            }
        }
        throw new AssertionError("no " + cls + "." + method + " in the capture");
    }

    @Test
    void realNovaObjectCallsShowAsClassAndMethodWithTheObjectsUuidAndChangedFields() throws IOException {
        List<RawCapture> captures = novaObjectCalls();
        MessageSummary save = summaryOf(captures, "Instance", "save");
        assertEquals("object_action", save.method());
        assertEquals("Instance.save", save.displayMethod());
        assertEquals(INSTANCE, save.objectUuid());
        assertEquals(List.of("task_state", "tags", "ec2_ids", "vm_state"), save.changedFields());

        MessageSummary service = summaryOf(captures, "Service", "get_by_compute_host");
        assertEquals("object_class_action_versions", service.method());
        assertEquals("Service.get_by_compute_host", service.displayMethod());
        assertNull(service.objectUuid(), "its argument is a host, not a uuid");
        assertEquals(List.of(), service.changedFields());

        assertEquals(INSTANCE, summaryOf(captures, "InstanceActionEvent", "event_start").objectUuid(),
                "a class call's first argument");
        assertEquals(INSTANCE, summaryOf(captures, "Instance", "get_by_uuid").objectUuid(), "a class call's uuid keyword");
        assertFalse(summaryOf(captures, "ComputeNode", "save").changedFields().isEmpty());

        OsloDecoder decoder = new OsloDecoder();
        for (RawCapture c : captures) {
            MessageSummary s = decoder.summarize(c.properties(), c.body(), c.exchange(), c.routingKey());
            if (!ObjectCall.isObjectMethod(s.method())) {
                assertNull(s.objectCall(), s.method() + " carries no object call");
                assertEquals(s.method(), s.displayMethod());
            }
        }
    }

    @Test
    void anObjectCallWhoseArgsComeBeforeItsMethodIsStillDecoded() {
        String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"args\\\": {\\\"objinst\\\": "
                + "{\\\"nova_object.name\\\": \\\"Instance\\\", \\\"nova_object.data\\\": {\\\"uuid\\\": \\\"" + INSTANCE
                + "\\\"}, \\\"nova_object.changes\\\": [\\\"vm_state\\\"]}, \\\"objmethod\\\": \\\"save\\\"}, "
                + "\\\"method\\\": \\\"object_action\\\", \\\"_msg_id\\\": \\\"m1\\\", \\\"_reply_q\\\": \\\"reply_x\\\"}\"}";
        var props = io.osloscope.engine.wire.MessageProperties.EMPTY.withContentType("application/json");
        MessageSummary s = new OsloDecoder().summarize(props, body.getBytes(StandardCharsets.UTF_8), "nova", "conductor");
        assertEquals("Instance.save", s.displayMethod());
        assertEquals(List.of("vm_state"), s.changedFields());
    }

    @Test
    void firehosePublishesAndRepliesNameTheProcessThatSentThem(@TempDir Path dir) throws IOException {
        String capture = ModernGolden.OSLO16;
        SenderDirectory senders = new SenderDirectory(new SenderDirectory.Source() {
            @Override
            public List<ManagementSnapshot.Connection> connections() {
                return ManagementClient.parseConnections(ModernGolden.topology(capture, "connections"));
            }

            @Override
            public Map<String, List<String>> consumedQueues() {
                return ManagementClient.parseConsumedQueues(ModernGolden.topology(capture, "consumers"));
            }
        }, Clock.systemUTC(), java.time.Duration.ofSeconds(1));
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100), new EventHub(),
                Clock.systemUTC(), 100);
        p.setSenderDirectory(senders);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordingWriter writer = new RecordingWriter(out, JSON, true, false);
        p.addListener(writer);
        List<SniffedMessage> seen = new ArrayList<>();
        for (RawCapture c : ModernGolden.firehose(capture)) {
            SniffedMessage m = p.process(c);
            if (m != null) {
                seen.add(m);
            }
        }
        writer.close();
        List<SniffedMessage> replies = seen.stream().filter(m -> m.raw().isPublish() && m.kind().isReply()).toList();
        assertFalse(replies.isEmpty());
        for (SniffedMessage r : replies) {
            assertEquals(new Sender("oslo_server.py", "cmp1", 18037), r.from(), "the cmp1 server answered");
        }
        // the client had left before the API was read: its address is what is known
        SniffedMessage call = seen.stream().filter(m -> m.kind() == MessageKind.CALL).findFirst().orElseThrow();
        assertEquals("127.0.0.1", call.from().label());
        assertTrue(seen.stream().filter(m -> !m.raw().isPublish()).allMatch(m -> m.from() == null),
                "a delivery is no publish: it names no sender");

        // the recording carries the senders, and a replay of it gives them back without the management API
        Path file = dir.resolve("rec.jsonl");
        Files.write(file, out.toByteArray());
        List<JsonNode> lines = Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        JsonNode reply = lines.stream().filter(o -> "reply".equals(o.path("kind").asText())
                && "publish".equals(o.path("direction").asText())).findFirst().orElseThrow();
        assertEquals("oslo_server.py", reply.path("from_service").asText());
        assertEquals("cmp1", reply.path("from_host").asText());
        assertEquals(18037, reply.path("from_pid").asInt());
        SniffPipeline replay = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100),
                new EventHub(), Clock.systemUTC(), 100);
        List<SniffedMessage> replayed = new ArrayList<>();
        replay.addListener((m, d) -> replayed.add(m));
        new RecordingReader(JSON).replay(file, replay);
        assertTrue(replayed.stream().filter(m -> m.raw().isPublish() && m.kind().isReply())
                .allMatch(m -> "oslo_server.py@cmp1".equals(m.from().label())));
    }

    @Test
    void inTapModeACallIsNamedByItsQueueManagerReplyQueueAndACastIsSaidToBeUnknown() {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100), new EventHub(),
                Clock.systemUTC(), 100);
        List<SniffedMessage> seen = new ArrayList<>();
        for (RawCapture c : ModernGolden.firehose(ModernGolden.OSLO16)) {
            if (c.isPublish() && !c.exchange().isEmpty()) {
                // what the tap queue gets: the publish, without the firehose's connection header
                seen.add(p.process(new RawCapture(c.at(), RawCapture.TAP, c.exchange(), c.routingKey(), null, null,
                        null, null, c.properties(), c.body())));
            }
        }
        SniffedMessage call = seen.stream().filter(m -> m != null && m.kind() == MessageKind.CALL).findFirst().orElseThrow();
        assertEquals("nova-api@vm", call.from().label(), "reply_vm:nova-api:1 names host and process");
        SniffedMessage cast = seen.stream().filter(m -> m != null && m.kind() == MessageKind.CAST).findFirst().orElseThrow();
        assertFalse(cast.from().known());
        assertEquals("sender unknown in tap mode", cast.from().label());
    }
}
