package io.osloscope.app.topology.model;

import io.osloscope.app.topology.FakeNova;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MessageKindsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tellsCallCastFanoutReplyAndFailureApart() {
        assertEquals(MessageKind.CALL, MessageKinds.classify("nova", "topic", "scheduler",
                b(FakeNova.call("select_destinations", "r", "reply_ab"))));
        assertEquals(MessageKind.CAST, MessageKinds.classify("nova", "topic", "conductor",
                b(FakeNova.cast("build_instances", "r"))));
        assertEquals(MessageKind.FANOUT, MessageKinds.classify("compute_fanout", "fanout", "",
                b(FakeNova.cast("update", "r"))));
        assertEquals(MessageKind.REPLY, MessageKinds.classify("", "direct", "reply_ab", b(FakeNova.reply(false))));
        assertEquals(MessageKind.FAILURE, MessageKinds.classify("", "direct", "reply_ab", b(FakeNova.reply(true))));
    }

    @Test
    void readsTheMethodFromTheEnvelope() {
        assertEquals("build_and_run_instance", MessageKinds.method(b(FakeNova.cast("build_and_run_instance", "r"))));
        assertNull(MessageKinds.method(b(FakeNova.reply(false))));
    }

    @Test
    void shortensHexIdsInQueueNames() {
        assertEquals("reply_ef3737…", QueueRole.shortName("reply_ef3737e1588843be84c5be668dc4ec79"));
        assertEquals("compute.host1", QueueRole.shortName("compute.host1"));
    }
}
