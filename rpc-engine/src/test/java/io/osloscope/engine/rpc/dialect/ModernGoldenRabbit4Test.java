package io.osloscope.engine.rpc.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver in the kolla-2025.1 dialect replays the exchanges captured from oslo.messaging 16.1 (RabbitMQ 4.0.5)
 * and 18.3 (4.3.6) on the real RabbitMQ 4.x and publishes the same messages: every publish's exchange, routing key
 * and AMQP properties (delivery_mode 2, content type and encoding, priority 0, headers {}, expiration = the call's
 * timeout in ms) equal, and every body byte for byte once the ids that differ per run ({@code _msg_id},
 * {@code _unique_id}) are masked; a failure reply compares field by field without the traceback.
 */
@RequiresRabbit4
class ModernGoldenRabbit4Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDS = Pattern.compile("(\\\\\"_(?:msg|unique)_id\\\\\": \\\\\")[0-9a-f]{32}");

    private record Publish(String exchange, String routingKey, Map<String, Object> properties, String body) {
    }

    /** The capture's endpoint: ping answers as the captured server did, note and fan do nothing, boom raises. */
    @io.osloscope.engine.rpc.EndpointTarget(version = "6.0")
    public static final class Captured {
        private final String host;
        private final int pid;

        Captured(String host, int pid) {
            this.host = host;
            this.pid = pid;
        }

        public Map<String, Object> ping(RpcContext ctx, int x) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pong", Map.of("x", x));
            out.put("server", host);
            out.put("pid", pid);
            out.put("request_id", ctx.requestId());
            return out;
        }

        public void note(RpcContext ctx, int x) {
        }

        public void fan(RpcContext ctx, int x) {
        }

        public Object boom(RpcContext ctx, int x) {
            throw new RemoteException("ValueError", "builtins", "boom requested: {'x': " + x + "}", Map.of());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oslo-16.1.0-rabbitmq-4.0.5", "oslo-18.3.0-rabbitmq-4.3.6"})
    void kolla2025PublishesWhatOsloPublished(String capture) throws Exception {
        List<Publish> golden = load(capture);
        JsonNode firstCall = inner(golden.get(0).body());
        Map<String, Object> ctxt = new LinkedHashMap<>();
        firstCall.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("_context_")) {
                ctxt.put(e.getKey().substring("_context_".length()), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        int pid = inner(golden.get(1).body()).at("/result/pid").intValue();
        List<Publish> ours = new ArrayList<>();
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            TransportUrl url = TransportUrl.parse(vhost.transportUrl(null));
            try (Transport servers = Transport.open(url, kolla("nova-compute"));
                 Transport client = Transport.open(url, kolla("nova-api"))) {
                EventSubscription fromServers = servers.events().subscribe(
                        EventFilter.ofTypes(Set.of(BrokerEvents.MessagePublished.class)), 1000);
                EventSubscription fromClient = client.events().subscribe(
                        EventFilter.ofTypes(Set.of(BrokerEvents.MessagePublished.class)), 1000);
                List<RpcServer> started = new ArrayList<>();
                for (String host : List.of("cmp1", "cmp2")) {
                    RpcServer s = RpcServer.create(servers, Target.topic("compute").withServer(host),
                            List.of(new Captured(host, pid)));
                    s.start();
                    started.add(s);
                }
                RpcClient rpc = new RpcClient(client, Target.topic("compute").withVersion("6.0"));
                Duration timeout = Duration.ofMillis(Long.parseLong((String) golden.get(0).properties()
                        .get("expiration")));
                for (Publish p : golden) {
                    if (p.exchange().isEmpty()) {
                        continue; // a reply: the servers send it
                    }
                    JsonNode m = inner(p.body());
                    String method = m.get("method").asText();
                    Map<String, Object> args = JSON.convertValue(m.get("args"), Map.class);
                    var prepared = rpc.prepare().timeout(timeout);
                    if (p.exchange().endsWith("_fanout")) {
                        prepared.fanout(true).cast(ctxt, method, args);
                        continue;
                    }
                    String key = p.routingKey();
                    if (key.contains(".")) {
                        prepared = prepared.server(key.substring(key.indexOf('.') + 1));
                    }
                    if (!m.has("_msg_id")) {
                        prepared.cast(ctxt, method, args);
                    } else if (method.equals("boom")) {
                        var p2 = prepared;
                        assertThrows(RemoteError.class, () -> p2.call(ctxt, method, args));
                    } else {
                        prepared.call(ctxt, method, args);
                    }
                }
                Thread.sleep(500); // the casts' last publishes
                started.forEach(RpcServer::stop);
                List<EngineEvent> events = new ArrayList<>();
                fromClient.drainTo(events, 1000);
                fromServers.drainTo(events, 1000);
                for (EngineEvent e : events) {
                    BrokerEvents.MessagePublished p = (BrokerEvents.MessagePublished) e;
                    ours.add(new Publish(p.exchange(), p.routingKey(), properties(p.message().properties()),
                            new String(p.message().body(), StandardCharsets.UTF_8)));
                }
            }
        }
        List<Publish> remaining = new ArrayList<>(ours);
        for (Publish want : golden) {
            Publish got = remaining.stream().filter(o -> o.exchange().equals(want.exchange())
                            && o.routingKey().startsWith(want.exchange().isEmpty() ? "reply_" : want.routingKey())
                            && sameKind(inner(o.body()), inner(want.body())))
                    .findFirst().orElseThrow(() -> new AssertionError("no publish like " + want + " among " + ours));
            remaining.remove(got);
            assertEquals(want.properties(), got.properties(), want.body());
            assertEquals(want.routingKey(), got.routingKey());
            if (inner(want.body()).path("failure").isTextual()) {
                assertEquals(failureWithoutTraceback(want.body()), failureWithoutTraceback(got.body()));
                assertEquals(masked(want.body()).replaceAll("\"failure\\\\\": .*?, \\\\\"ending", ""),
                        masked(got.body()).replaceAll("\"failure\\\\\": .*?, \\\\\"ending", ""));
            } else {
                assertEquals(masked(want.body()), masked(got.body()), "byte for byte but the ids");
            }
        }
        assertTrue(remaining.isEmpty(), "published more than oslo: " + remaining);
    }

    private static TransportOptions kolla(String processname) {
        return Dialect.KOLLA_2025_1.applyTo(TransportOptions.defaults().withControlExchange("nova"))
                .with("hostname", "vm").with("processname", processname);
    }

    /** Requests of the same method, or replies of the same outcome. */
    private static boolean sameKind(JsonNode a, JsonNode b) {
        return a.path("method").asText("").equals(b.path("method").asText(""))
                && a.has("_msg_id") == b.has("_msg_id") && a.path("failure").isNull() == b.path("failure").isNull()
                && a.path("result").equals(b.path("result"));
    }

    private static String masked(String body) {
        return IDS.matcher(body).replaceAll("$1<id>");
    }

    private static JsonNode failureWithoutTraceback(String body) throws Exception {
        ObjectNode failure = (ObjectNode) JSON.readTree(inner(body).get("failure").asText());
        assertTrue(failure.remove("tb").isArray());
        return failure;
    }

    private static Map<String, Object> properties(MessageProperties p) {
        assertEquals(List.of(), java.util.Arrays.asList(p.correlationId(), p.replyTo(), p.messageId(), p.timestamp(),
                p.type(), p.userId(), p.appId()).stream().filter(java.util.Objects::nonNull).toList(),
                "oslo sets no other property");
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.expiration() != null) {
            out.put("expiration", p.expiration());
        }
        out.put("priority", p.priority());
        out.put("delivery_mode", p.deliveryMode());
        out.put("headers", p.headers());
        out.put("content_encoding", p.contentEncoding());
        out.put("content_type", p.contentType());
        return out;
    }

    private static JsonNode inner(String body) {
        try {
            return JSON.readTree(JSON.readTree(body).get("oslo.message").asText());
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static List<Publish> load(String capture) throws Exception {
        List<Publish> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ModernGoldenRabbit4Test.class
                .getResourceAsStream("/golden/" + capture + "/publishes.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = JSON.readTree(line);
                out.add(new Publish(n.get("exchange").asText(), n.get("routing_key").asText(),
                        JSON.convertValue(n.get("properties"), Map.class), n.get("body").asText()));
            }
        }
        return out;
    }
}
