package io.osloscope.engine.wire;

import io.osloscope.engine.wire.MessageProperties;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a server accepts and rejects, as oslo's {@code deserialize_msg} (interop case 5). */
class OsloEnvelopeTest {
    private static final MessageProperties JSON = WireCodec.properties(null);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missingContentEncodingIsFine() {
        RpcRequest r = WireCodec.decodeRequest(JSON.withContentEncoding(null),
                utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"ping\\\"}\"}"));
        assertEquals("ping", r.method());
    }

    @Test
    void aBareFormatOneDictIsAcceptedAsIs() {
        RpcRequest r = WireCodec.decodeRequest(JSON, utf8("{\"method\": \"echo\", \"args\": {\"x\": 1}}"));
        assertEquals("echo", r.method());
        assertEquals(1, r.args().get("x").intValue());
    }

    @Test
    void onlyMethodIsRequiredAndTheRestDefaults() {
        RpcRequest r = WireCodec.decodeRequest(JSON,
                utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"m\\\"}\"}"));
        assertTrue(r.args().isEmpty());
        assertNull(r.version());
        assertNull(r.uniqueId());
        assertFalse(r.timeoutPresent());
        assertFalse(r.isCall());
    }

    @Test
    void aNonIntegerTimeoutJustDisablesHeartbeats() {
        RpcRequest r = WireCodec.decodeRequest(JSON, utf8("{\"method\": \"m\", \"_timeout\": \"soon\"}"));
        assertTrue(r.timeoutPresent());
        assertNull(r.callMonitorTimeout());
    }

    @Test
    void envelopeVersionsTwoPointOneAndThreeAreRejected() {
        for (String v : new String[]{"2.1", "3.0", "1.0", "x"}) {
            byte[] body = utf8("{\"oslo.version\": \"" + v + "\", \"oslo.message\": \"{\\\"method\\\": \\\"m\\\"}\"}");
            WireFormatException e = assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON, body));
            assertTrue(e.getMessage().contains(v), e.getMessage());
        }
    }

    @Test
    void anEmbeddedObjectInsteadOfAStringIsRejected() {
        byte[] body = utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": {\"method\": \"m\"}}");
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON, body));
    }

    @Test
    void nonJsonContentTypesAreRejected() {
        byte[] body = utf8("{\"method\": \"m\"}");
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON.withContentType(null), body));
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON.withContentType("text/plain"), body));
    }

    @Test
    void garbageAndRequestsWithoutMethodAreRejected() {
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON, utf8("not json")));
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON, utf8("[1, 2]")));
        assertThrows(WireFormatException.class, () -> WireCodec.decodeRequest(JSON, utf8("{\"args\": {}}")));
    }

    @Test
    void unicodeArgumentsRoundTripThroughTheDoubleEncoding() {
        RpcRequest r = WireCodec.decodeRequest(JSON, utf8("{\"method\": \"m\", \"args\": {\"s\": \"日本\"}}"));
        byte[] encoded = WireCodec.encodeRequest(r);
        for (byte b : encoded) {
            assertTrue(b >= 0, "ensure_ascii output must be pure ASCII");
        }
        assertEquals("日本", WireCodec.decodeRequest(JSON, encoded).args().get("s").textValue());
    }
}
