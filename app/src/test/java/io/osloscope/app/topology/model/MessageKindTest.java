package io.osloscope.app.topology.model;

import io.osloscope.app.topology.FakeNova;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.wire.MessageSummary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MessageKindTest {
    /** The engine's summary of a body as a broker event carries it. */
    private static MessageSummary b(String exchange, String s) {
        return new MessageSnapshot(MessageProperties.EMPTY, s.getBytes(StandardCharsets.UTF_8), exchange, null).summary();
    }

    @Test
    void tellsCallCastFanoutReplyAndFailureApart() {
        assertEquals(MessageKind.CALL, MessageKind.of(b("nova", FakeNova.call("select_destinations", "r", "reply_ab"))));
        assertEquals(MessageKind.CAST, MessageKind.of(b("nova", FakeNova.cast("build_instances", "r"))));
        assertEquals(MessageKind.FANOUT, MessageKind.of(b("compute_fanout", FakeNova.cast("update", "r"))));
        assertEquals(MessageKind.REPLY, MessageKind.of(b("", FakeNova.reply(false))));
        assertEquals(MessageKind.FAILURE, MessageKind.of(b("", FakeNova.reply(true))));
    }

    @Test
    void readsTheMethodFromTheEnvelope() {
        assertEquals("build_and_run_instance", b("nova", FakeNova.cast("build_and_run_instance", "r")).method());
        assertNull(b("", FakeNova.reply(false)).method());
    }

    @Test
    void shortensHexIdsInQueueNames() {
        assertEquals("reply_ef3737…", QueueRole.shortName("reply_ef3737e1588843be84c5be668dc4ec79"));
        assertEquals("compute.host1", QueueRole.shortName("compute.host1"));
    }
}
