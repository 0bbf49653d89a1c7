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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Osloscope and real modern oslo.messaging (16.1 in the trixie chroot; 18.3 with OSLOSCOPE_MODERN_SUITE=sid) on
 * RabbitMQ 4.x, in both directions, per dialect: an Osloscope server resolved with {@code auto} (or the dialect
 * named) starts first on an empty vhost, then a real oslo server of that dialect starts and serves; a call goes
 * each way, and an oslo fanout cast reaches both servers.
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
}
