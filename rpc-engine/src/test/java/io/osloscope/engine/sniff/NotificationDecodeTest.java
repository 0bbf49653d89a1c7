package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Sender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Notifications as real oslo.messaging 14.0.3 writes them (golden/oslo-14.0.3-notifications): listed by event type. */
class NotificationDecodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MessageProperties PROPS = MessageProperties.EMPTY.withContentType("application/json");

    private static List<RawCapture> published() throws IOException {
        List<RawCapture> out = new ArrayList<>();
        try (InputStream in = NotificationDecodeTest.class.getClassLoader()
                .getResourceAsStream("golden/oslo-14.0.3-notifications/notifications.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode o = JSON.readTree(line);
                out.add(new RawCapture(Instant.parse("2026-12-07T19:00:00Z"), RawCapture.TAP, o.get("exchange").asText(),
                        o.get("routing_key").asText(), null, null, null, null, PROPS,
                        o.get("body").asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Test
    void legacyAndVersionedNotificationsShowEventTypePublisherPriorityAndPayload() throws IOException {
        OsloDecoder decoder = new OsloDecoder();
        List<MessageSummary> s = new ArrayList<>();
        for (RawCapture c : published()) {
            MessageSummary fast = decoder.summarize(c.properties(), c.body(), c.exchange(), c.routingKey());
            assertEquals(decoder.decode(c.properties(), c.body(), c.exchange(), c.routingKey()).summary(), fast,
                    "the ingest path and the full decoder agree");
            assertEquals(MessageKind.NOTIFICATION, fast.kind());
            s.add(fast);
        }
        assertEquals("compute.instance.create.end", s.get(0).displayMethod());
        assertEquals("compute.cmp1", s.get(0).notification().publisherId());
        assertEquals("INFO", s.get(0).notification().priority());
        assertEquals("instance_id=3d48d8c7-b686-45be-b5b4-a429ec46b433 state=active host=cmp1",
                s.get(0).notification().payloadSummary());
        assertEquals("instance.create.end", s.get(1).displayMethod());
        assertEquals("InstanceCreatePayload uuid=3d48d8c7-b686-45be-b5b4-a429ec46b433 state=active host=cmp1",
                s.get(1).notification().payloadSummary());
        assertEquals("ERROR", s.get(2).notification().priority());
        assertEquals("instance.power_off.error", s.get(2).displayMethod());
    }

    @Test
    void aNotificationNamesItsPublisherEvenInTapModeAndItsRecordSaysWhatHappened() throws IOException {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(10), new EventHub(),
                Clock.systemUTC(), 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.addListener(new RecordingWriter(out, JSON, true, true));
        List<SniffedMessage> seen = new ArrayList<>();
        for (RawCapture c : published()) {
            seen.add(p.process(c));
        }
        assertEquals(new Sender("compute", "cmp1", null), seen.get(0).from(), "legacy publisher_id service.host");
        assertEquals("nova-compute@cmp1", seen.get(1).from().label(), "versioned publisher_id binary:host");
        JsonNode record = JSON.readTree(out.toString(StandardCharsets.UTF_8).split("\n")[1]);
        assertEquals("instance.create.end", record.get("event_type").asText());
        assertEquals("nova-compute:cmp1", record.get("publisher_id").asText());
        assertEquals("INFO", record.get("priority").asText());
        assertEquals("InstanceCreatePayload uuid=3d48d8c7-b686-45be-b5b4-a429ec46b433 state=active host=cmp1",
                record.get("payload_summary").asText());
        assertEquals("nova-compute", record.get("from_service").asText());
    }
}
