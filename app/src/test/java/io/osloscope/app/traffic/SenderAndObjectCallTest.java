package io.osloscope.app.traffic;

import io.osloscope.app.sequence.SequenceDiagram;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Sender;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the user sees of the engine's sender names and object calls: the stream's From and Method columns and
 * filters, and the Flow tab's lanes, named the same way for sniffed and simulated traffic.
 */
class SenderAndObjectCallTest {
    private static final Instant T0 = Instant.parse("2026-12-07T19:00:00Z");
    private static final MessageProperties JSON = MessageProperties.EMPTY.withContentType("application/json");
    private static final Sender COMPUTE = new Sender("nova-compute", "rn-compute1", 22050);
    private static final Sender CONDUCTOR = new Sender("nova-conductor", "rn-controller", 22217);
    private static final Sender SCHEDULER = new Sender("nova-scheduler", "rn-controller", 22224);

    private static byte[] envelope(String inner) {
        String escaped = inner.replace("\\", "\\\\").replace("\"", "\\\"");
        return ("{\"oslo.version\": \"2.0\", \"oslo.message\": \"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] SAVE = envelope("{\"method\": \"object_action\", \"args\": {\"objinst\": "
            + "{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.7\","
            + " \"nova_object.data\": {\"uuid\": \"3d48d8c7-b686-45be-b5b4-a429ec46b433\", \"vm_state\": \"active\"},"
            + " \"nova_object.changes\": [\"vm_state\", \"task_state\"]}, \"objmethod\": \"save\", \"args\": [],"
            + " \"kwargs\": {}}, \"version\": \"3.0\", \"_msg_id\": \"m-save\", \"_reply_q\": \"reply_abc\","
            + " \"_context_request_id\": \"req-1\"}");
    private static final byte[] SELECT = envelope("{\"method\": \"select_destinations\", \"args\": {},"
            + " \"version\": \"4.5\", \"_msg_id\": \"m-sel\", \"_reply_q\": \"reply_def\", \"_context_request_id\": \"req-1\"}");
    private static final byte[] SELECT_REPLY = envelope("{\"result\": [], \"failure\": null, \"ending\": true,"
            + " \"_msg_id\": \"m-sel\"}");
    private static final byte[] CAST = envelope("{\"method\": \"stop_instance\", \"args\": {}, \"version\": \"6.0\"}");

    /** A publish as the sniff pipeline hands it on: read once, its sender named. */
    private static MessageCaptured captured(long seq, String exchange, String key, byte[] body, Sender from) {
        var summary = new OsloDecoder().summarize(JSON, body, exchange, key).withFrom(from);
        return new MessageCaptured(seq, T0.plusMillis(seq), "publish", exchange, key, List.of(key),
                "127.0.0.1:4" + seq + " -> 127.0.0.1:5672", MessageSnapshot.read(JSON, body, exchange, summary));
    }

    @Test
    void theStreamShowsWhoSentItAndTheObjectCallAndFiltersByEither() {
        TrafficAssembler assembler = new TrafficAssembler();
        List<TrafficRow> rows = assembler.assemble(List.of(
                captured(1, "nova", "conductor", SAVE, COMPUTE),
                captured(2, "nova", "compute.rn-compute1", CAST, Sender.unknown("sender unknown in tap mode")))).rows();
        TrafficRow save = rows.get(0);
        assertEquals("nova-compute@rn-compute1", save.from(), "not the peer address");
        assertEquals("Instance.save", save.method());
        assertEquals("object_action", save.rpcMethod());
        assertEquals("sender unknown in tap mode", rows.get(1).from());

        for (String m : List.of("Instance.save", "instance", "save", "object_action")) {
            assertTrue(new TrafficFilter(null, m, null, null, null).predicate().test(save), "method filter " + m);
        }
        assertFalse(new TrafficFilter(null, "Service", null, null, null).predicate().test(save));
        assertTrue(new TrafficFilter(null, null, "rn-compute1", null, null).predicate().test(save),
                "the host filter matches the sender's host");
    }

    @Test
    void aSniffedCallAndItsReplyAreDrawnBetweenNamedLanesNotCallerAndServer() {
        List<EngineEvent> flow = List.of(
                captured(1, "nova", "scheduler", SELECT, CONDUCTOR),
                captured(2, "", "reply_def", SELECT_REPLY, SCHEDULER));
        SequenceDiagram d = SequenceDiagram.of(flow);
        assertEquals(List.of("nova-conductor@rn-controller", "nova-scheduler@rn-controller"), d.lanes());
        SequenceDiagram.Step reply = d.steps().get(1);
        assertEquals("nova-scheduler@rn-controller", reply.from(), "the server that answered");
        assertEquals(List.of("nova-conductor@rn-controller"), reply.to());
        assertEquals("reply select_destinations", reply.label());
    }

    @Test
    void simulatedTrafficNamesItsLanesTheSameWay() {
        // the in-memory broker puts the simulated node's identity on its snapshots
        MessagePublished sim = new MessagePublished(1, T0, 1, "nova-compute:4711:0cd90ebb-9e8a-41d6-b97f-4a437bf99ccc",
                "nova", "conductor", false, new MessageSnapshot(JSON, SAVE, "nova",
                "nova-compute:4711:0cd90ebb-9e8a-41d6-b97f-4a437bf99ccc", COMPUTE));
        SequenceDiagram d = SequenceDiagram.of(List.of(sim));
        assertEquals("nova-compute@rn-compute1", d.steps().get(0).from());
        assertEquals("call Instance.save", d.steps().get(0).label());
        TrafficRow row = new TrafficAssembler().assemble(List.of(sim)).rows().get(0);
        assertEquals("nova-compute@rn-compute1", row.from());
    }
}
