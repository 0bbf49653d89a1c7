package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java {@link RpcClient} calls and casts answered by two real oslo.messaging servers
 * ({@code oslo_server.py}) on one topic. Each test checks the Java result and what the Python
 * dispatcher was handed: method, args, version, namespace, whether a reply was wanted, context.
 * One body for every {@link OsloStack}: a subclass says which (oslo 14.0.3 on the host's broker,
 * modern oslo on RabbitMQ 4.x in a dialect).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavaClientPythonServerInterop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String tag = OsloPeers.tag();
    private final String exchange = "osit_ex_" + tag;
    private final String topic = "osit_jc_" + tag;
    private final Set<String> replyQueues = ConcurrentHashMap.newKeySet();
    private OsloStack stack;
    private PythonPeer serverA;
    private PythonPeer serverB;
    private Transport transport;
    private RpcClient client;

    /** The stack this suite runs on; called once, before anything starts. */
    abstract OsloStack newStack();

    @BeforeAll
    void startPythonServersAndJavaClient() {
        stack = newStack();
        serverA = stack.server(exchange, topic, "py-a", "1.3", "ns_extra", "2.1");
        serverB = stack.server(exchange, topic, "py-b", "1.3", null, null);
        transport = stack.openJava(exchange);
        client = new RpcClient(transport, Target.topic(topic));
    }

    @AfterAll
    void stopEverythingAndDeleteWhatThisRunDeclared() {
        try {
            if (transport != null) {
                transport.close();
            }
        } finally {
            for (PythonPeer peer : new PythonPeer[] {serverA, serverB}) {
                if (peer != null) {
                    peer.close();
                    peer.records("RECV").forEach(r -> replyQueues.add(r.path("reply_q").asText("")));
                }
            }
            if (stack != null) {
                stack.cleanUp(exchange, topic, replyQueues);
                stack.close();
            }
        }
    }

    @Test
    void callToTheTopicReturnsTheValueAndPythonSeesMethodArgsAndContext() {
        String marker = UUID.randomUUID().toString();
        Map<String, Object> ctxt = new LinkedHashMap<>();
        ctxt.put("user_id", "u-1");
        ctxt.put("project_id", "p-1");
        ctxt.put("request_id", "req-" + marker);
        ctxt.put("roles", List.of("member", "reader"));
        ctxt.put("is_admin", false);
        Map<String, Object> value = Map.of("marker", marker, "text", "caf\u00e9", "n", List.of(1, 2));

        JsonNode result = client.call(ctxt, "echo", Map.of("value", value));

        assertEquals(JSON.valueToTree(value), result);
        JsonNode seen = received(r -> r.path("args").path("value").path("marker").asText().equals(marker));
        assertEquals("echo", seen.path("method").asText());
        assertEquals(JSON.valueToTree(Map.of("value", value)), seen.path("args"));
        assertTrue(seen.path("reply_wanted").asBoolean(), "a call asks for a reply");
        assertTrue(seen.path("version").isNull(), "no version key when the target has none, as oslo does");
        assertTrue(seen.path("namespace").isNull());
        JsonNode seenCtxt = seen.path("ctxt");
        assertEquals("u-1", seenCtxt.path("user_id").asText());
        assertEquals("p-1", seenCtxt.path("project_id").asText());
        assertEquals("req-" + marker, seenCtxt.path("request_id").asText());
        assertEquals(JSON.valueToTree(List.of("member", "reader")), seenCtxt.path("roles"));
        assertFalse(seenCtxt.path("is_admin").asBoolean(true));
        assertTrue(seenCtxt.has("client_timeout") && seenCtxt.path("client_timeout").isNull(),
                "no call-monitor timeout was asked for, so _timeout went out as null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "false", "0", "-17", "9007199254740993", "2.5", "\"text\"",
            "\"\\u00e9\\u4e2d\"", "[]", "[1, \"a\", null, [true]]", "{}", "{\"a\": {\"b\": [1.5, null]}}"})
    void everyJsonTypeComesBackFromPythonUnchanged(String json) throws Exception {
        JsonNode value = JSON.readTree(json);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("value", value);
        assertEquals(value, client.call(Map.of(), "echo", args));
    }

    @Test
    void aResultMixingEveryJsonTypeIsDecoded() throws Exception {
        JsonNode expected = JSON.readTree("{\"int\": 42, \"float\": 2.5, \"string\": \"caf\\u00e9\", \"bool\": true,"
                + " \"null\": null, \"list\": [1, \"two\", null], \"object\": {\"nested\": {\"k\": [false]}}}");
        assertEquals(expected, client.call(Map.of(), "types", Map.of()));
    }

    @Test
    void callToOneServerIsAnsweredByThatServerOnly() {
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 4; i++) {
            assertEquals(marker, client.prepare().server("py-b").call(Map.of(), "echo", Map.of("value", marker)).asText());
        }
        assertEquals(4, serverB.awaitRecords("RECV", r -> marker.equals(r.path("args").path("value").asText()), 4, WAIT)
                .size());
        assertTrue(serverA.records("RECV").stream().noneMatch(r -> marker.equals(r.path("args").path("value").asText())));
    }

    @Test
    void castToTheTopicRunsTheMethodWithoutAskingForAReply() {
        String marker = UUID.randomUUID().toString();
        client.cast(Map.of("request_id", "req-" + marker), "echo", Map.of("value", marker));
        JsonNode seen = received(r -> marker.equals(r.path("args").path("value").asText()));
        assertFalse(seen.path("reply_wanted").asBoolean(true), "a cast must not carry _msg_id/_reply_q");
        assertEquals("req-" + marker, seen.path("ctxt").path("request_id").asText());
    }

    @Test
    void castToOneServerReachesThatServer() {
        String marker = UUID.randomUUID().toString();
        client.prepare().server("py-a").cast(Map.of(), "echo", Map.of("value", marker));
        JsonNode seen = serverA.awaitRecord("RECV", r -> marker.equals(r.path("args").path("value").asText()), WAIT);
        assertEquals("py-a", seen.path("server").asText());
    }

    @Test
    void fanoutCastReachesEveryServerOfTheTopic() {
        String marker = UUID.randomUUID().toString();
        client.prepare().fanout(true).cast(Map.of(), "echo", Map.of("value", marker));
        for (PythonPeer server : List.of(serverA, serverB)) {
            JsonNode seen = server.awaitRecord("RECV", r -> marker.equals(r.path("args").path("value").asText()), WAIT);
            assertFalse(seen.path("reply_wanted").asBoolean(true));
        }
    }

    @Test
    void aBuiltinPythonExceptionArrivesWithItsClassModuleAndMessage() {
        RemoteError e = assertThrows(RemoteError.class,
                () -> client.call(Map.of(), "fail_builtin", Map.of("message", "bad input 42")));
        assertEquals("ValueError", e.excType());
        assertEquals("builtins", e.module());
        assertEquals("bad input 42", e.value());
        assertTrue(String.join("", e.traceback()).contains("ValueError: bad input 42"), e.traceback().toString());
    }

    @Test
    void aCustomPythonExceptionArrivesWithItsKwargs() {
        RemoteError e = assertThrows(RemoteError.class,
                () -> client.call(Map.of(), "fail_custom", Map.of("code", 7, "reason", "disk full")));
        assertEquals("PeerError", e.excType());
        assertEquals("peer_errors", e.module());
        assertEquals(7, ((Number) e.kwargs().get("code")).intValue());
        assertEquals("disk full", e.kwargs().get("reason"));
    }

    @Test
    void anUnknownMethodFailsWithOslosNoSuchMethod() {
        RemoteError e = assertThrows(RemoteError.class, () -> client.call(Map.of(), "no_such_method", Map.of()));
        assertEquals("NoSuchMethod", e.excType());
        assertEquals("oslo_messaging.rpc.dispatcher", e.module());
        assertEquals("Endpoint does not support RPC method no_such_method", e.value());
    }

    @Test
    void aNewerMajorVersionFailsWithOslosUnsupportedVersion() {
        RemoteError e = assertThrows(RemoteError.class,
                () -> client.prepare().version("2.0").call(Map.of(), "echo", Map.of("value", 1)));
        assertEquals("UnsupportedVersion", e.excType());
        assertEquals("Endpoint does not support RPC version 2.0. Attempted method: echo", e.value());
    }

    @Test
    void anOlderMinorVersionIsServedAndPythonSeesTheVersionSent() {
        String marker = UUID.randomUUID().toString();
        assertEquals(marker, client.prepare().version("1.2").call(Map.of(), "echo", Map.of("value", marker)).asText());
        assertEquals("1.2", received(r -> marker.equals(r.path("args").path("value").asText())).path("version").asText());
    }

    @Test
    void aNamespacedCallReachesTheNamespacedEndpoint() {
        JsonNode who = client.prepare().server("py-a").namespace("ns_extra").version("2.1")
                .call(Map.of(), "whoami", Map.of());
        assertEquals("ns:ns_extra", who.asText());
        JsonNode seen = serverA.awaitRecord("RECV", r -> "whoami".equals(r.path("method").asText())
                && "ns_extra".equals(r.path("namespace").asText()), WAIT);
        assertEquals("2.1", seen.path("version").asText());
        assertEquals("default", client.prepare().server("py-a").call(Map.of(), "whoami", Map.of()).asText(),
                "without a namespace only the null-namespace endpoint answers");
    }

    @Test
    void aCallThatOutlivesItsTimeoutFailsWithMessagingTimeout() {
        long start = System.nanoTime();
        assertThrows(MessagingTimeoutException.class, () -> client.prepare().timeout(Duration.ofSeconds(1))
                .call(Map.of(), "slow", Map.of("seconds", 3)));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 900 && waitedMs < 2900, "gave up after " + waitedMs + " ms, not after about 1 s");
    }

    @Test
    void aSlowCallSurvivesOnPythonsCallMonitorHeartbeats() {
        // without heartbeats the 2 s call-monitor timeout would end this 4 s call
        JsonNode result = client.prepare().timeout(Duration.ofSeconds(20)).callMonitorTimeout(Duration.ofSeconds(2))
                .call(Map.of(), "slow", Map.of("seconds", 4));
        assertEquals("slept 4", result.asText());
        JsonNode seen = received(r -> "slow".equals(r.path("method").asText()) && r.path("client_timeout").asInt() == 2);
        assertEquals(2, seen.path("ctxt").path("client_timeout").asInt());
    }

    /** The first request either server recorded that passes {@code test}. */
    private JsonNode received(Predicate<JsonNode> test) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (PythonPeer server : List.of(serverA, serverB)) {
                for (JsonNode r : server.records("RECV")) {
                    if (test.test(r)) {
                        return r;
                    }
                }
            }
            sleep(50);
        }
        throw new AssertionError("neither Python server recorded the request; stderr A:\n" + serverA.stderr()
                + "\nstderr B:\n" + serverB.stderr());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
