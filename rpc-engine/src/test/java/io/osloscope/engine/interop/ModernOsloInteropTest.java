package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.rpc.dialect.DialectResolver;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Osloscope and real modern oslo.messaging (16.1 in the trixie chroot; 18.3 with OSLOSCOPE_MODERN_SUITE=sid) on
 * RabbitMQ 4.x, in both directions, per dialect: an Osloscope server resolved with {@code auto} (or the dialect
 * named) starts first on an empty vhost, then a real oslo server of that dialect starts and serves; a call goes
 * each way, and an oslo fanout cast reaches both servers. What each side declares, per dialect, is the same; a
 * restarted server of either side gets the newest stream fanout again; a restarted oslo process reuses its
 * queue-manager reply queue.
 */
@RequiresRabbit4
@ExtendWith(ModernOslo.class)
class ModernOsloInteropTest {
    /** The Java side's endpoint. */
    public static final class Endpoint {
        final List<String> fanouts = new CopyOnWriteArrayList<>();

        public Object echo(RpcContext ctx, Object value) {
            return value;
        }

        public void fan(RpcContext ctx, Object value) {
            fanouts.add(String.valueOf(value));
        }
    }

    private static String query(Dialect d, String processname) {
        Map<String, String> q = new java.util.LinkedHashMap<>(d.options());
        if (d.options().containsKey("use_queue_manager")) {
            q.put("hostname", "vm");
            q.put("processname", processname);
        }
        return q.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "zed"})
    void osloscopeFirstThenRealOsloBothDirections(String asked) throws Exception {
        if (asked.equals("zed")) {
            skipZedOnAStrictBroker(Dialect.ZED);
        }
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            DialectResolver.Resolved r = new DialectResolver().resolve(new DialectResolver.Request(
                    vhost.transportUrl(null), List.of(), asked, null, "nova", Map.of(), List.of("compute")));
            Dialect d = r.dialect();
            if (asked.equals("auto")) {
                assertEquals(Dialect.KOLLA_2025_1, d, "an empty vhost on RabbitMQ 4.x: " + r.reason());
            }
            Endpoint endpoint = new Endpoint();
            try (Transport java = Transport.open(r.url(), r.options())) {
                RpcServer server = RpcServer.create(java, Target.topic("compute").withServer("java1"),
                        List.of(endpoint));
                server.start();
                try (PythonPeer py = PythonPeer.startModern(ModernOslo.suite(), "oslo_server.py", List.of("--url",
                        vhost.transportUrl(query(d, "nova-compute")), "--exchange", "nova", "--topic", "compute",
                        "--server", "py1"))) {
                    py.awaitReady(); // a real oslo server of this dialect starts after Osloscope's
                    JsonNode fromPython = new RpcClient(java, Target.topic("compute")).prepare().server("py1")
                            .timeout(Duration.ofSeconds(30)).call(Map.of(), "echo", Map.of("value", "to-oslo"));
                    assertEquals("to-oslo", fromPython.asText());

                    try (PythonPeer client = PythonPeer.startModern(ModernOslo.suite(), "oslo_client.py", List.of(
                            "--url", vhost.transportUrl(query(d, "nova-api")), "--exchange", "nova", "--topic",
                            "compute"))) {
                        client.send("[{\"op\": \"call\", \"method\": \"echo\", \"args\": {\"value\": \"to-java\"},"
                                + " \"prepare\": {\"server\": \"java1\", \"timeout\": 30}},"
                                + " {\"op\": \"cast\", \"method\": \"fan\", \"args\": {\"value\": \"all\"},"
                                + " \"prepare\": {\"fanout\": true}}]\n");
                        client.closeInput();
                        client.awaitLine("DONE"::equals, Duration.ofSeconds(60));
                        JsonNode call = client.records("RESULT").get(0);
                        assertTrue(call.get("ok").asBoolean(), call.toString());
                        assertEquals("to-java", call.get("result").asText());
                        assertTrue(client.records("RESULT").get(1).get("ok").asBoolean());
                        JsonNode reply = client.records("REPLY_Q").isEmpty() ? null : client.records("REPLY_Q").get(0);
                        if (d.options().containsKey("use_queue_manager")) {
                            assertTrue(String.valueOf(reply).startsWith("\"reply_vm:nova-api:"), String.valueOf(reply));
                        }
                    }
                    py.awaitRecord("RECV", n -> "fan".equals(n.path("method").asText()), Duration.ofSeconds(30));
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (endpoint.fanouts.isEmpty() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertEquals(List.of("all"), endpoint.fanouts, "the fanout reaches the Osloscope server too");
                } finally {
                    server.stop();
                }
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");

    /** Records every echo it serves, in order. */
    public static final class Recorder {
        final List<String> echoed = new CopyOnWriteArrayList<>();

        public Object echo(RpcContext ctx, Object value) {
            echoed.add(String.valueOf(value));
            return value;
        }
    }

    private static void skipZedOnAStrictBroker(Dialect d) {
        if (d == Dialect.ZED) {
            Assumptions.assumeFalse(Rabbit4TestSupport.refusesTransientQueues(),
                    "this RabbitMQ refuses zed's non-durable, non-exclusive queues (541); the CLI tests assert that");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zed", "kolla-2025.1"})
    void osloscopeDeclaresWhatRealOsloDeclares(String id) throws Exception {
        Dialect d = Dialect.byId(id);
        skipZedOnAStrictBroker(d);
        try (OsloStack.Modern oslo = OsloStack.modern(d); OsloStack.Modern ours = OsloStack.modern(d)) {
            // real oslo: a server cmp1 and a client that calls it, casts and fans out, then stays alive
            String osloView;
            try (PythonPeer server = oslo.server("nova", "compute", "cmp1", "1.0", null, null);
                 PythonPeer client = oslo.client("nova", "compute")) {
                client.send("[{\"op\": \"call\", \"method\": \"echo\", \"args\": {\"value\": 1},"
                        + " \"prepare\": {\"server\": \"cmp1\", \"timeout\": 30}},"
                        + " {\"op\": \"cast\", \"method\": \"echo\", \"args\": {\"value\": 2}},"
                        + " {\"op\": \"cast\", \"method\": \"echo\", \"args\": {\"value\": 3},"
                        + " \"prepare\": {\"fanout\": true}}, {\"op\": \"sleep\", \"seconds\": 5}]\n");
                client.closeInput();
                client.awaitLine("SLEEPING"::equals, Duration.ofSeconds(60));
                server.awaitRecords("RECV", r -> true, 3, Duration.ofSeconds(20));
                osloView = topology(oslo);
                client.awaitLine("DONE"::equals, Duration.ofSeconds(30));
            }
            // Osloscope: the same server and client, under the same queue-manager process names
            String ourView;
            Recorder recorder = new Recorder();
            try (Transport serverSide = ours.openJava("nova", "py-cmp1");
                 Transport clientSide = ours.openJava("nova", "py-client")) {
                RpcServer server = RpcServer.create(serverSide, Target.topic("compute").withServer("cmp1"),
                        List.of(recorder));
                server.start();
                RpcClient rpc = new RpcClient(clientSide, Target.topic("compute"));
                assertEquals(1, rpc.prepare().server("cmp1").timeout(Duration.ofSeconds(30))
                        .call(Map.of(), "echo", Map.of("value", 1)).asInt());
                rpc.cast(Map.of(), "echo", Map.of("value", 2));
                rpc.prepare().fanout(true).cast(Map.of(), "echo", Map.of("value", 3));
                awaitSize(recorder.echoed, 3);
                ourView = topology(ours);
                server.stop();
            }
            assertEquals(osloView, ourView, "declared in dialect " + id + " by real oslo (expected) and Osloscope");
            System.out.println("declared in dialect " + id + " by both sides:\n" + ourView);
            if (d == Dialect.ZED) {
                assertTrue(ourView.contains("queue reply_<uuid> classic durable=false auto_delete=false exclusive=false {x-expires=1800000"), ourView);
                assertTrue(ourView.contains("queue compute_fanout_<uuid> classic"), ourView);
            } else {
                assertTrue(ourView.contains("queue reply_vm:py-client:1 quorum durable=true"), ourView);
                assertTrue(ourView.contains("queue compute_fanout stream durable=true"), ourView);
            }
        }
    }

    @Test
    void aRestartedServerGetsTheNewestStreamFanoutAgainAsRealOsloDoes() throws Exception {
        try (OsloStack.Modern stack = OsloStack.modern(Dialect.KOLLA_2025_1);
             Transport caller = stack.openJava("nova", "osloscope-caller")) {
            Recorder first = new Recorder();
            Transport javaSide = stack.openJava("nova", "osloscope-server");
            RpcServer javaServer = RpcServer.create(javaSide, Target.topic("compute").withServer("java1"),
                    List.of(first));
            javaServer.start();
            List<String> osloReplay;
            try (PythonPeer py = stack.server("nova", "compute", "py1", "1.0", null, null)) {
                RpcClient rpc = new RpcClient(caller, Target.topic("compute"));
                for (String value : List.of("f1", "f2")) {
                    rpc.prepare().fanout(true).cast(Map.of(), "echo", Map.of("value", value));
                    py.awaitRecord("RECV", r -> value.equals(r.path("args").path("value").asText()),
                            Duration.ofSeconds(30));
                    awaitSize(first.echoed, first.echoed.size() + (first.echoed.contains(value) ? 0 : 1));
                }
            }
            assertEquals(List.of("f1", "f2"), first.echoed, "the stream fanout reaches the Osloscope server");
            try (PythonPeer restarted = stack.server("nova", "compute", "py1", "1.0", null, null)) {
                Thread.sleep(3000); // whatever the stream replays comes right after attaching
                osloReplay = restarted.records("RECV").stream().map(r -> r.path("args").path("value").asText())
                        .toList();
            }
            assertEquals(List.of("f2"), osloReplay, "real oslo's restarted server reads the stream from 'last'");

            javaServer.stop();
            javaServer.await(Duration.ofSeconds(10));
            javaSide.close();
            Recorder again = new Recorder();
            try (Transport restartedSide = stack.openJava("nova", "osloscope-server")) {
                RpcServer restarted = RpcServer.create(restartedSide, Target.topic("compute").withServer("java1"),
                        List.of(again));
                restarted.start();
                // what the stream replays comes right after attaching; on a busy machine the attach itself can take
                // seconds, so wait for the replay oslo's server got, then as long again for anything beyond it
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (again.echoed.size() < osloReplay.size() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(3000);
                restarted.stop();
            }
            assertEquals(osloReplay, again.echoed, "a restarted Osloscope server replays what oslo's replays");
        }
    }

    @Test
    void aRestartedOsloProcessReusesItsQueueManagerReplyQueue() throws Exception {
        try (OsloStack.Modern stack = OsloStack.modern(Dialect.KOLLA_2025_1);
             Transport javaSide = stack.openJava("nova", "osloscope-server")) {
            RpcServer server = RpcServer.create(javaSide, Target.topic("compute").withServer("java1"),
                    List.of(new Recorder()));
            server.start();
            List<String> replyQueues = new java.util.ArrayList<>();
            for (int run = 0; run < 2; run++) {
                try (PythonPeer client = stack.start("oslo_client.py", "nova-api", List.of("--exchange", "nova",
                        "--topic", "compute"))) {
                    client.send("[{\"op\": \"call\", \"method\": \"echo\", \"args\": {\"value\": " + run
                            + "}, \"prepare\": {\"server\": \"java1\", \"timeout\": 30}}]\n");
                    client.closeInput();
                    client.awaitLine("DONE"::equals, Duration.ofSeconds(60));
                    assertTrue(client.records("RESULT").get(0).get("ok").asBoolean(), client.stderr());
                    replyQueues.add(client.records("REPLY_Q").get(0).asText());
                }
            }
            server.stop();
            assertEquals(List.of("reply_vm:nova-api:1", "reply_vm:nova-api:1"), replyQueues,
                    "oslo restarts its counter in a new process group, so the restarted process takes the same name");
            List<String> onBroker = new java.util.ArrayList<>();
            JSON.readTree(stack.vhost().get("/api/queues/" + stack.vhost().encoded())).forEach(q -> {
                if (q.get("name").asText().startsWith("reply_vm:nova-api:")) {
                    onBroker.add(q.get("name").asText());
                }
            });
            assertEquals(List.of("reply_vm:nova-api:1"), onBroker, "one reply queue for both runs");
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(list.size() >= size, "only " + list);
    }

    /**
     * The vhost's exchanges, queues and bindings as the management API lists them (name, type, flags, arguments),
     * uuid hex replaced by {@code <uuid>}, amq.* and the default exchange left out; one per line, sorted.
     */
    static String topology(OsloStack.Modern stack) throws Exception {
        TreeSet<String> lines = new TreeSet<>();
        String v = "/" + stack.vhost().encoded();
        for (com.fasterxml.jackson.databind.JsonNode x : JSON.readTree(stack.vhost().get("/api/exchanges" + v))) {
            String name = x.get("name").asText();
            if (!name.isEmpty() && !name.startsWith("amq.")) {
                lines.add("exchange " + name + " " + x.get("type").asText() + " durable=" + x.get("durable")
                        + " auto_delete=" + x.get("auto_delete") + " " + sorted(x.get("arguments")));
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode q : JSON.readTree(stack.vhost().get("/api/queues" + v))) {
            lines.add("queue " + q.get("name").asText() + " " + q.get("type").asText() + " durable="
                    + q.get("durable") + " auto_delete=" + q.get("auto_delete") + " exclusive=" + q.get("exclusive")
                    + " " + sorted(q.get("arguments")));
        }
        for (com.fasterxml.jackson.databind.JsonNode b : JSON.readTree(stack.vhost().get("/api/bindings" + v))) {
            lines.add("binding " + b.get("source").asText() + " -> " + b.get("destination_type").asText() + " "
                    + b.get("destination").asText() + " key " + b.get("routing_key").asText() + " "
                    + sorted(b.get("arguments")));
        }
        return UUID_HEX.matcher(String.join("\n", lines)).replaceAll("<uuid>");
    }

    private static String sorted(com.fasterxml.jackson.databind.JsonNode args) {
        return String.valueOf(new java.util.TreeMap<>(JSON.convertValue(args, Map.class)));
    }
}
