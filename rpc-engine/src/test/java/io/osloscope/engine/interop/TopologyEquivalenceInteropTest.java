package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Java engine declares on RabbitMQ equals what oslo.messaging 14.0.3 declares, read back
 * from the management API: exchanges, queues, bindings, their flags and arguments, and how the
 * consumers ack. Names are compared after replacing the topic, the exchange and uuid hex with
 * placeholders. Also: Java and Python servers share one topic in either start order (no 406).
 */
@RequiresRabbit
@RequiresPythonOslo
class TopologyEquivalenceInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String tag = OsloPeers.tag();
    private final RabbitManagement management = new RabbitManagement();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> replyQueues = new ArrayList<>();

    @AfterEach
    void stopPeersAndDeleteWhatThisTestDeclared() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        management.deleteQueues(name -> name.contains(tag));
        replyQueues.forEach(management::deleteQueue);
        for (String suffix : List.of("jv", "py", "same")) {
            management.deleteExchange("osit_ex" + suffix + "_" + tag);
        }
        for (String topic : List.of(topic("jv"), topic("py"), topic("same"))) {
            management.deleteExchange(topic + "_fanout");
        }
    }

    @Test
    void aJavaServerDeclaresExactlyWhatAnOsloServerDeclares() {
        startJavaServer(exchange("jv"), topic("jv"), "host-1");
        startPythonServer(exchange("py"), topic("py"), "host-1");

        Map<String, Object> java = awaitTopology(exchange("jv"), topic("jv"));
        Map<String, Object> oslo = awaitTopology(exchange("py"), topic("py"));

        assertEquals(pretty(oslo), pretty(java));
        assertEquals(2, ((TreeSet<?>) java.get("exchanges")).size(), "control exchange and <topic>_fanout");
        assertEquals(3, ((TreeSet<?>) java.get("queues")).size(), "<topic>, <topic>.<server>, <topic>_fanout_<uuid>");
        assertEquals(6, ((TreeSet<?>) java.get("bindings")).size(), "three explicit bindings plus three default-exchange ones");
        System.out.println("declared by both sides:\n" + pretty(java));
    }

    @Test
    void aJavaClientsReplyQueueIsDeclaredLikeAnOsloClientsReplyQueue() {
        PythonPeer server = startPythonServer(exchange("py"), topic("py"), "host-1");
        Transport transport = open(exchange("py"));
        RpcClient client = new RpcClient(transport, Target.topic(topic("py")));
        assertEquals("default", client.call(Map.of(), "whoami", Map.of()).asText());
        String javaReplyQueue = server.awaitRecord("RECV", r -> r.path("method").asText().equals("whoami"), WAIT)
                .path("reply_q").asText();
        replyQueues.add(javaReplyQueue);

        String osloReplyQueue;
        try (PythonPeer pyClient = OsloPeers.client(exchange("py"), topic("py"))) {
            pyClient.send("[{\"op\": \"call\", \"method\": \"whoami\"}]");
            pyClient.closeInput();
            pyClient.awaitLine("DONE"::equals, Duration.ofSeconds(60));
            assertTrue(pyClient.records("RESULT").get(0).path("ok").asBoolean(), pyClient.stderr());
            osloReplyQueue = pyClient.records("REPLY_Q").get(0).asText();
            replyQueues.add(osloReplyQueue);
        }

        assertTrue(javaReplyQueue.matches("reply_[0-9a-f]{32}"), javaReplyQueue);
        assertEquals(pretty(replyQueueShape(osloReplyQueue)), pretty(replyQueueShape(javaReplyQueue)));
    }

    @Test
    void anOsloServerJoinsATopicAJavaServerAlreadyServesWithoutA406() {
        String exchange = exchange("same");
        String topic = topic("same");
        startJavaServer(exchange, topic, "java-1");
        PythonPeer python = startPythonServer(exchange, topic, "py-1");
        assertBothServe(exchange, topic, python);
    }

    @Test
    void aJavaServerJoinsATopicAnOsloServerAlreadyServesWithoutA406() {
        String exchange = exchange("same");
        String topic = topic("same");
        PythonPeer python = startPythonServer(exchange, topic, "py-1");
        startJavaServer(exchange, topic, "java-1");
        assertBothServe(exchange, topic, python);
    }

    private void assertBothServe(String exchange, String topic, PythonPeer python) {
        RpcClient client = new RpcClient(open(exchange), Target.topic(topic));
        assertEquals("default", client.prepare().server("java-1").call(Map.of(), "whoami", Map.of()).asText());
        assertEquals("default", client.prepare().server("py-1").call(Map.of(), "whoami", Map.of()).asText());
        for (int i = 0; i < 4; i++) {
            assertEquals("x" + i, client.call(Map.of(), "echo", Map.of("value", "x" + i)).asText(),
                    "the shared topic queue answers whoever consumes it");
        }
        assertFalse(python.stderr().contains("PRECONDITION_FAILED"), python.stderr());
        python.records("RECV").forEach(r -> replyQueues.add(r.path("reply_q").asText()));
    }

    private String exchange(String which) {
        return "osit_ex" + which + "_" + tag;
    }

    private String topic(String which) {
        return "osit_tp" + which + "_" + tag;
    }

    private Transport open(String exchange) {
        Transport transport = Transport.open(RabbitTestSupport.transportUrl(), exchange);
        toClose.add(transport);
        return transport;
    }

    private void startJavaServer(String exchange, String topic, String server) {
        Transport transport = open(exchange);
        RpcServer rpcServer = RpcServer.create(transport, Target.topic(topic).withServer(server),
                List.of(new JavaProbeEndpoints.Probe(server, JavaProbeEndpoints.newLog())));
        rpcServer.start();
        toClose.add(() -> {
            rpcServer.stop();
            rpcServer.await(Duration.ofSeconds(30));
        });
    }

    private PythonPeer startPythonServer(String exchange, String topic, String server) {
        PythonPeer peer = OsloPeers.server(exchange, topic, server, "1.3", null, null);
        toClose.add(peer);
        return peer;
    }

    /**
     * The exchanges, queues, bindings and consumers a server for {@code topic} on {@code exchange}
     * left on the broker, normalized. Waits until the three queues of a server exist.
     */
    private Map<String, Object> awaitTopology(String exchange, String topic) {
        Predicate<String> ours = n -> n.equals(topic) || n.startsWith(topic + ".") || n.startsWith(topic + "_fanout_");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (management.queues(ours).size() < 3 || consumerCount(ours) < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server for " + topic + " did not declare and consume 3 queues: "
                        + management.queues(ours));
            }
            sleep(100);
        }
        TreeSet<String> exchanges = new TreeSet<>();
        for (String name : List.of(exchange, topic + "_fanout")) {
            JsonNode e = management.exchange(name).orElseThrow(() -> new AssertionError("no exchange " + name));
            exchanges.add(normalize(pick(e, "name", "type", "durable", "auto_delete", "internal", "arguments"), exchange, topic));
        }
        TreeSet<String> queues = new TreeSet<>();
        TreeSet<String> bindings = new TreeSet<>();
        TreeSet<String> consumers = new TreeSet<>();
        for (JsonNode q : management.queues(ours)) {
            String name = q.path("name").asText();
            queues.add(normalize(pick(q, "name", "durable", "auto_delete", "exclusive", "arguments"), exchange, topic));
            for (JsonNode b : management.bindingsTo(name)) {
                bindings.add(normalize(pick(b, "source", "destination", "destination_type", "routing_key", "arguments"),
                        exchange, topic));
            }
            for (JsonNode c : management.consumersOf(name)) {
                // prefetch is a consumer's tuning, not a declaration; ack mode and exclusivity are contract
                ObjectNode shape = pick(c, "ack_required", "exclusive", "arguments");
                shape.put("queue", name);
                consumers.add(normalize(shape, exchange, topic));
            }
        }
        return Map.of("exchanges", exchanges, "queues", queues, "bindings", bindings, "consumers", consumers);
    }

    private Map<String, Object> replyQueueShape(String queue) {
        JsonNode q = management.queue(queue).orElseThrow(() -> new AssertionError("no reply queue " + queue));
        TreeSet<String> bindings = new TreeSet<>();
        for (JsonNode b : management.bindingsTo(queue)) {
            bindings.add(normalize(pick(b, "source", "destination", "routing_key", "arguments"), null, null));
        }
        return Map.of("queue", normalize(pick(q, "name", "durable", "auto_delete", "exclusive", "arguments"), null, null),
                "bindings", bindings);
    }

    private long consumerCount(Predicate<String> ours) {
        return management.queues(ours).stream().mapToLong(q -> management.consumersOf(q.path("name").asText()).size()).sum();
    }

    private static ObjectNode pick(JsonNode node, String... fields) {
        ObjectNode out = JSON.createObjectNode();
        for (String f : fields) {
            out.set(f, node.path(f).deepCopy());
        }
        return out;
    }

    private static String normalize(JsonNode node, String exchange, String topic) {
        try {
            String text = JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
            if (exchange != null) {
                text = text.replace(exchange, "<exchange>").replace(topic, "<topic>");
            }
            return UUID_HEX.matcher(text).replaceAll("<uuid>");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pretty(Map<String, Object> shape) {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(shape).forEach((k, v) -> out.append(k).append(":\n")
                .append(v instanceof Iterable<?> it ? join(it) : "  " + v + "\n"));
        return out.toString();
    }

    private static String join(Iterable<?> items) {
        StringBuilder out = new StringBuilder();
        items.forEach(i -> out.append("  ").append(i).append('\n'));
        return out.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
