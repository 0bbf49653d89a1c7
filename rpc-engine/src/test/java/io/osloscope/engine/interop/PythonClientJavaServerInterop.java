package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.interop.JavaProbeEndpoints.Seen;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real oslo.messaging client ({@code oslo_client.py}) calls and casts two Java
 * {@link RpcServer}s on one topic. The Python client runs every operation once, up front; each
 * test then checks what Python got back (value, or exception class and message) and what the
 * Java endpoint received. One body for every {@link OsloStack}: a subclass says which.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PythonClientJavaServerInterop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String tag = OsloPeers.tag();
    private final String exchange = "osit_ex_" + tag;
    private final String topic = "osit_pc_" + tag;
    private final String marker = UUID.randomUUID().toString();
    private OsloStack stack;
    private final Queue<Seen> seen = JavaProbeEndpoints.newLog();
    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    private final List<RpcServer> servers = new ArrayList<>();
    private Transport transport;
    private String pythonReplyQueue;

    /** The stack this suite runs on; called once, before anything starts. */
    abstract OsloStack newStack();

    /** The Python client's reply queue, once it ran. */
    String pythonReplyQueue() {
        return pythonReplyQueue;
    }

    @BeforeAll
    void runThePythonClientAgainstTwoJavaServers() {
        stack = newStack();
        transport = stack.openJava(exchange);
        for (String server : List.of("java-a", "java-b")) {
            RpcServer s = RpcServer.create(transport, Target.topic(topic).withServer(server),
                    List.of(new JavaProbeEndpoints.Probe(server, seen), new JavaProbeEndpoints.NamespacedProbe(server, seen)));
            s.start();
            servers.add(s);
        }
        Map<String, ObjectNode> ops = new LinkedHashMap<>();
        ops.put("echo", call("echo", Map.of("value", Map.of("marker", marker, "text", "caf\u00e9", "n", List.of(1, 2))))
                .set("ctxt", JSON.valueToTree(Map.of("user_id", "u-1", "project_id", "p-1", "request_id", "req-" + marker,
                        "roles", List.of("member")))));
        ops.put("types", call("types", Map.of()));
        ops.put("server", call("echo", Map.of("value", "to-b-" + marker)).set("prepare", prep("server", "java-b")));
        ops.put("cast", cast("echo", Map.of("value", "cast-" + marker)));
        ops.put("cast-server", cast("echo", Map.of("value", "cast-a-" + marker)).set("prepare", prep("server", "java-a")));
        ops.put("fanout", cast("echo", Map.of("value", "fanout-" + marker)).set("prepare", JSON.valueToTree(Map.of("fanout", true))));
        ops.put("builtin", call("fail_builtin", Map.of("message", "bad input 42")));
        ops.put("custom", call("fail_custom", Map.of("code", 7, "reason", "disk full")));
        ops.put("no-such", call("no_such_method", Map.of()));
        ops.put("private", call("_secret", Map.of()));
        ops.put("version-2.0", call("echo", Map.of("value", 1)).set("prepare", prep("version", "2.0")));
        ops.put("version-1.2", call("echo", Map.of("value", "v12-" + marker)).set("prepare", prep("version", "1.2")));
        ops.put("namespace", call("whoami", Map.of()).set("prepare",
                JSON.valueToTree(Map.of("namespace", "ns_extra", "version", "2.1", "server", "java-a"))));
        ops.put("heartbeats", call("slow", Map.of("seconds", 4)).set("prepare",
                JSON.valueToTree(Map.of("call_monitor_timeout", 2, "timeout", 30))));
        ops.put("timeout", call("slow", Map.of("seconds", 3)).set("prepare", JSON.valueToTree(Map.of("timeout", 1))));

        ArrayNode script = JSON.createArrayNode();
        ops.values().forEach(script::add);
        try (PythonPeer client = stack.client(exchange, topic)) {
            client.send(script.toString());
            client.closeInput();
            client.awaitLine("DONE"::equals, Duration.ofSeconds(120));
            List<JsonNode> lines = client.records("RESULT");
            List<String> names = new ArrayList<>(ops.keySet());
            assertEquals(names.size(), lines.size(), "one RESULT per operation; stderr:\n" + client.stderr());
            for (int i = 0; i < names.size(); i++) {
                results.put(names.get(i), lines.get(i));
            }
            pythonReplyQueue = client.records("REPLY_Q").get(0).asText(null);
            assertEquals(0, client.awaitExit(Duration.ofSeconds(30)), client.stderr());
        }
    }

    @AfterAll
    void stopJavaServersAndDeleteWhatThisRunDeclared() {
        try {
            servers.forEach(RpcServer::stop);
            servers.forEach(s -> s.await(Duration.ofSeconds(30)));
            if (transport != null) {
                transport.close();
            }
        } finally {
            if (stack != null) {
                stack.cleanUp(exchange, topic, pythonReplyQueue == null ? List.of() : List.of(pythonReplyQueue));
                stack.close();
            }
        }
    }

    @Test
    void pythonGetsTheEchoedValueAndJavaSeesArgsAndTheFlattenedContext() {
        assertOk("echo", JSON.valueToTree(Map.of("marker", marker, "text", "caf\u00e9", "n", List.of(1, 2))));
        Seen s = awaitSeen(x -> x.method().equals("echo") && marker.equals(x.args().path("value").path("marker").asText()));
        assertEquals("u-1", s.ctxt().get("user_id"));
        assertEquals("p-1", s.ctxt().get("project_id"));
        assertEquals("req-" + marker, s.ctxt().get("request_id"));
        assertEquals(List.of("member"), s.ctxt().get("roles"));
        assertTrue(s.ctxt().containsKey("client_timeout"), "the server adds client_timeout, as oslo's unpack_context does");
        assertNotNull(s.msgId(), "a call carries _msg_id");
        assertEquals("1.0", s.version(), "no version on the wire means 1.0, as in oslo's dispatcher");
        assertNull(s.namespace());
    }

    @Test
    void pythonDecodesAResultMixingEveryJsonType() throws Exception {
        assertOk("types", JSON.readTree("{\"int\": 42, \"float\": 2.5, \"string\": \"caf\\u00e9\", \"bool\": true,"
                + " \"null\": null, \"list\": [1, \"two\", null], \"object\": {\"nested\": {\"k\": [false]}}}"));
    }

    @Test
    void aCallToOneServerIsAnsweredByThatJavaServer() {
        assertOk("server", JSON.valueToTree("to-b-" + marker));
        Seen s = awaitSeen(x -> ("to-b-" + marker).equals(x.args().path("value").asText()));
        assertEquals("java-b", s.server());
    }

    @Test
    void castsReachOneServerTheNamedServerOrEveryServer() {
        assertTrue(results.get("cast").path("ok").asBoolean());
        Seen topicCast = awaitSeen(x -> ("cast-" + marker).equals(x.args().path("value").asText()));
        assertNull(topicCast.msgId(), "a cast carries no _msg_id");
        assertEquals("java-a", awaitSeen(x -> ("cast-a-" + marker).equals(x.args().path("value").asText())).server());
        awaitSeen(x -> ("fanout-" + marker).equals(x.args().path("value").asText()) && x.server().equals("java-a"));
        awaitSeen(x -> ("fanout-" + marker).equals(x.args().path("value").asText()) && x.server().equals("java-b"));
        assertEquals(1, seen.stream().filter(x -> ("cast-" + marker).equals(x.args().path("value").asText())).count(),
                "a topic cast runs on one server only");
    }

    @Test
    void aBuiltinExceptionFromJavaIsRaisedAsThatBuiltinInPython() {
        JsonNode r = results.get("builtin");
        assertFalse(r.path("ok").asBoolean(true));
        assertEquals("ValueError", r.path("class").asText(), r.toString());
        assertEquals("builtins", r.path("module").asText());
        assertTrue(r.path("message").asText().startsWith("bad input 42"), r.toString());
    }

    @Test
    void aCustomExceptionFromJavaIsRebuiltAsTheRemoteSubclassWithItsKwargs() {
        JsonNode r = results.get("custom");
        assertEquals("PeerError_Remote", r.path("class").asText(), r.toString());
        assertTrue(r.path("remote").asBoolean());
        assertEquals("peer_errors_Remote", r.path("module").asText());
        assertEquals(7, r.path("kwargs").path("code").asInt());
        assertEquals("disk full", r.path("kwargs").path("reason").asText());
    }

    @Test
    void unknownAndPrivateMethodsFailWithNoSuchMethodInOslosWords() {
        JsonNode r = results.get("no-such");
        assertEquals("RemoteError", r.path("class").asText(), r.toString());
        assertEquals("NoSuchMethod", r.path("exc_type").asText());
        assertEquals("Endpoint does not support RPC method no_such_method", r.path("value").asText());
        JsonNode p = results.get("private");
        assertEquals("NoSuchMethod", p.path("exc_type").asText(), p.toString());
        assertTrue(seen.stream().noneMatch(x -> x.method().equals("_secret")), "the private method never ran");
    }

    @Test
    void aNewerMajorVersionFailsWithUnsupportedVersionAndAnOlderMinorIsServed() {
        JsonNode r = results.get("version-2.0");
        assertEquals("UnsupportedVersion", r.path("exc_type").asText(), r.toString());
        assertEquals("Endpoint does not support RPC version 2.0. Attempted method: echo", r.path("value").asText());
        assertOk("version-1.2", JSON.valueToTree("v12-" + marker));
        assertEquals("1.2", awaitSeen(x -> ("v12-" + marker).equals(x.args().path("value").asText())).version());
    }

    @Test
    void aNamespacedCallReachesTheNamespacedJavaEndpoint() {
        assertOk("namespace", JSON.valueToTree("ns:ns_extra"));
        Seen s = awaitSeen(x -> x.endpoint().equals("ns_extra"));
        assertEquals("java-a", s.server());
        assertEquals("ns_extra", s.namespace());
        assertEquals("2.1", s.version());
    }

    @Test
    void aSlowJavaMethodKeepsThePythonCallAliveWithHeartbeats() {
        // the 2 s call-monitor timeout would end this 4 s call if Java sent no heartbeats
        assertOk("heartbeats", JSON.valueToTree("slept 4"));
        Seen s = awaitSeen(x -> x.method().equals("slow") && Integer.valueOf(2).equals(asInt(x.ctxt().get("client_timeout"))));
        assertNotNull(s.msgId());
    }

    @Test
    void aJavaMethodSlowerThanTheTimeoutEndsInMessagingTimeoutInPython() {
        JsonNode r = results.get("timeout");
        assertEquals("MessagingTimeout", r.path("class").asText(), r.toString());
        assertTrue(r.path("message").asText().startsWith("Timed out waiting for a reply to message ID"));
    }

    private void assertOk(String op, JsonNode expected) {
        JsonNode r = results.get(op);
        assertTrue(r.path("ok").asBoolean(), op + " failed in Python: " + r);
        assertEquals(expected, r.path("result"), op);
    }

    private Seen awaitSeen(Predicate<Seen> test) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Seen s : seen) {
                if (test.test(s)) {
                    return s;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no Java endpoint received it; seen: " + seen);
    }

    private static Integer asInt(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static ObjectNode call(String method, Map<String, ?> args) {
        ObjectNode op = JSON.createObjectNode().put("op", "call").put("method", method);
        op.set("args", JSON.valueToTree(args));
        return op;
    }

    private static ObjectNode cast(String method, Map<String, ?> args) {
        return call(method, args).put("op", "cast");
    }

    private static JsonNode prep(String key, String value) {
        return JSON.createObjectNode().put(key, value);
    }
}
