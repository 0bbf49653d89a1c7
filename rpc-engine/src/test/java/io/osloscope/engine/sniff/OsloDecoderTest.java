package io.osloscope.engine.sniff;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.sniff.Goldens.Golden;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Secrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsloDecoderTest {
    private final OsloDecoder decoder = new OsloDecoder();

    private DecodedMessage decode(String golden) {
        Golden g = Goldens.load(golden);
        return decoder.decode(g.properties(), g.body(), g.exchange(), g.routingKey());
    }

    @Test
    void aCallRequestIsDecodedWithMethodIdsVersionTimeoutAndContext() {
        DecodedMessage m = decode("call-request");
        assertEquals(MessageKind.CALL, m.kind());
        assertEquals("call", m.wireKind());
        assertNull(m.problem());
        assertEquals("2.0", m.envelopeVersion());
        assertEquals("start_instance", m.method());
        assertEquals("ae9fbc42e76a48c8aeab046c5c379ace", m.msgId());
        assertEquals("reply_c9573bd7e4a34bac874acbbb90f4a9e0", m.replyQ());
        assertEquals("6.0", m.version());
        assertEquals("d28153a70293442eac1c9890aedc8461", m.uniqueId());
        assertEquals(30000L, m.timeoutMillis());
        assertNull(m.callMonitorTimeout());
        assertEquals("req-3f1c2b7a-9d4e-4b8a-a1c6-0e2d5f7b9c11", m.requestId());
        assertEquals("Instance", m.args().get("instance").get("nova_object.name").asText());
        assertEquals(2223, m.size());
    }

    @Test
    void castFanoutAndCallMonitorRequestsAreToldApart() {
        assertEquals(MessageKind.CAST, decode("cast-request").kind());
        assertEquals(MessageKind.FANOUT, decode("fanout-request").kind());
        DecodedMessage monitored = decode("call-request-call-monitor");
        assertEquals(MessageKind.CALL, monitored.kind());
        assertEquals("2", monitored.callMonitorTimeout());
        assertEquals("6.1", decode("call-request-version-6.1").version());
    }

    @Test
    void repliesHeartbeatsAndFailuresAreClassified() {
        DecodedMessage reply = decode("reply");
        assertEquals(MessageKind.REPLY, reply.kind());
        assertEquals("ae9fbc42e76a48c8aeab046c5c379ace", reply.msgId());
        assertEquals(Boolean.TRUE, reply.ending());
        assertEquals("compute-1", reply.result().get("host").asText());
        assertEquals(MessageKind.HEARTBEAT, decode("reply-heartbeat").kind());
        assertEquals(MessageKind.REPLY, decode("reply-after-heartbeats").kind());

        DecodedMessage failure = decode("failure-reply");
        assertEquals(MessageKind.FAILURE_REPLY, failure.kind());
        assertEquals("reply", failure.wireKind());
        assertEquals("InstanceNotFound", failure.failure().className());
        assertEquals("peer_exceptions", failure.failure().module());
        assertTrue(failure.failure().message().contains("could not be found"));
        assertEquals(4, failure.failure().tb().size());
        assertEquals("builtins.ValueError", decode("failure-reply-builtin").failure().qualifiedName());
        assertEquals("NoSuchMethod", decode("failure-reply-no-such-method").failure().className());
        assertEquals("UnsupportedVersion", decode("failure-reply-unsupported-version").failure().className());
    }

    @Test
    void theAuthTokenIsMaskedUnlessTheUserAsksForIt() {
        String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"m\\\", \\\"args\\\": "
                + "{\\\"admin_password\\\": \\\"hunter2\\\"}, \\\"_context_auth_token\\\": \\\"gAAAAsecret\\\"}\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        DecodedMessage masked = decoder.decode(json(), bytes, "nova", "compute");
        assertEquals(Secrets.MASK, masked.context().get("auth_token").asText());
        assertEquals(Secrets.MASK, masked.args().get("admin_password").asText());
        DecodedMessage clear = decoder.revealingSecrets().decode(json(), bytes, "nova", "compute");
        assertEquals("gAAAAsecret", clear.context().get("auth_token").asText());
        assertEquals("hunter2", clear.args().get("admin_password").asText());
    }

    @Test
    void bareDictsAndNotificationsAreDecoded() {
        DecodedMessage bare = decoder.decode(json(), bytes("{\"method\": \"ping\", \"args\": {}}"), "nova", "t");
        assertEquals(MessageKind.CAST, bare.kind());
        assertEquals("1.0", bare.envelopeVersion());
        String inner = "{\\\"message_id\\\": \\\"5f3c-1\\\", \\\"publisher_id\\\": \\\"compute.host1\\\", "
                + "\\\"event_type\\\": \\\"compute.instance.create.end\\\", \\\"priority\\\": \\\"INFO\\\", "
                + "\\\"payload\\\": {\\\"x\\\": 1}, \\\"timestamp\\\": \\\"2026-11-25 08:31:50.562006\\\"}";
        DecodedMessage n = decoder.decode(json(), bytes("{\"oslo.version\": \"2.0\", \"oslo.message\": \"" + inner
                + "\"}"), "nova", "notifications.info");
        assertEquals(MessageKind.NOTIFICATION, n.kind());
        assertEquals("compute.instance.create.end", n.eventType());
        assertEquals("compute.host1", n.publisherId());
        assertEquals("INFO", n.priority());
    }

    @Test
    void nonJsonBinaryAndOddEnvelopesAreShownRawWithTheReason() {
        DecodedMessage text = decoder.decode(MessageProperties.EMPTY.withContentType("text/plain"),
                bytes("hello there"), "x", "y");
        assertEquals(MessageKind.OTHER, text.kind());
        assertTrue(text.problem().startsWith("not JSON"), text.problem());
        assertEquals("hello there", text.rawText());

        DecodedMessage binary = decoder.decode(json(), new byte[]{0, 1, 2, (byte) 0xff}, "x", "y");
        assertEquals("binary body (4 bytes)", binary.problem());
        assertEquals("00 01 02 ff", binary.rawText());

        DecodedMessage v3 = decoder.decode(json(), bytes("{\"oslo.version\": \"3.0\", \"oslo.message\": "
                + "\"{\\\"method\\\": \\\"m\\\"}\"}"), "nova", "t");
        assertEquals(MessageKind.CAST, v3.kind());
        assertTrue(v3.problem().contains("envelope version 3.0"), v3.problem());

        DecodedMessage embedded = decoder.decode(json(), bytes("{\"oslo.version\": \"2.0\", \"oslo.message\": "
                + "{\"method\": \"m\", \"_msg_id\": \"abc\"}}"), "nova", "t");
        assertEquals(MessageKind.CALL, embedded.kind());
        assertTrue(embedded.problem().contains("not a string"));

        assertEquals("JSON array, not an object", decoder.decode(json(), bytes("[1,2]"), "", "").problem());
        assertEquals("empty body", decoder.decode(null, null, null, null).problem());
        DecodedMessage noOslo = decoder.decode(json(), bytes("{\"hello\": 1}"), "", "");
        assertEquals(MessageKind.OTHER, noOslo.kind());
    }

    @Test
    void anOversizedBodyIsNotParsedButShownTruncatedWithItsSize() {
        OsloDecoder small = new OsloDecoder(1000, 100, false);
        Golden g = Goldens.load("call-request");
        DecodedMessage m = small.decode(g.properties(), g.body(), g.exchange(), g.routingKey());
        assertEquals(MessageKind.OTHER, m.kind());
        assertTrue(m.truncated());
        assertEquals(2223, m.size());
        assertTrue(m.problem().contains("2223 bytes"), m.problem());
        assertTrue(m.rawText().length() <= 101);
    }

    @Test
    void aGzipCompressedBodyIsInflated() throws Exception {
        Golden g = Goldens.load("reply");
        var bos = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(g.body());
        }
        DecodedMessage m = decoder.decode(g.properties().withHeaders(Map.of("compression", "application/x-gzip")),
                bos.toByteArray(), "", g.routingKey());
        assertEquals(MessageKind.REPLY, m.kind());
        assertNotNull(m.result());
        assertFalse(m.truncated());
    }

    @Test
    void unwrapGivesTheWholeInnerMessageInWireOrderWithSecretsMasked() {
        Golden g = Goldens.load("call-request");
        var m = decoder.unwrap(g.properties(), g.body());
        assertNotNull(m);
        assertEquals("method", m.fieldNames().next(), "keys keep the sender's order");
        assertEquals("Instance", m.get("args").get("instance").get("nova_object.name").asText());
        assertEquals(30, m.size());

        byte[] body = bytes("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"ping\\\", "
                + "\\\"args\\\": {\\\"admin_password\\\": \\\"pw\\\"}, \\\"_context_auth_token\\\": \\\"gAAAAsecret\\\"}\"}");
        var masked = decoder.unwrap(json(), body);
        assertEquals(Secrets.MASK, masked.get("_context_auth_token").asText());
        assertEquals(Secrets.MASK, masked.get("args").get("admin_password").asText());
        assertEquals("gAAAAsecret", decoder.revealingSecrets().unwrap(json(), body).get("_context_auth_token").asText());
        assertEquals("ping", decoder.unwrap(json(), bytes("{\"method\": \"ping\", \"args\": {}}")).get("method").asText());
    }

    @Test
    void unwrapRefusesWhatIsNotAJsonObjectOrIsTooLarge() {
        assertNull(decoder.unwrap(json(), bytes("hello")));
        assertNull(decoder.unwrap(json(), bytes("[1, 2]")));
        assertNull(decoder.unwrap(json(), bytes("{\"oslo.version\": \"2.0\", \"oslo.message\": \"[]\"}")));
        assertNull(decoder.unwrap(json(), null));
        Golden g = Goldens.load("call-request");
        assertNull(new OsloDecoder(100, 100, false).unwrap(g.properties(), g.body()));
    }

    static MessageProperties json() {
        return MessageProperties.EMPTY.withContentType("application/json").withContentEncoding("utf-8");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
