package io.osloscope.engine.rpc.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.DeclareRefusedException;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the real RabbitMQ 4.x: the driver in the kolla-2025.1 dialect declares exactly what real oslo.messaging 16.1
 * declared in the same exchange (the captured topology summary), and an Osloscope server in the zed dialect on
 * that vhost is refused with an explanation, not a connection failure.
 */
@RequiresRabbit4
class ModernTopologyRabbit4Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TransportOptions kolla(String processname) {
        return Dialect.KOLLA_2025_1.applyTo(TransportOptions.defaults().withControlExchange("nova"))
                .with("hostname", "vm").with("processname", processname);
    }

    /** The oslo-16.1 capture's servers (compute cmp1, cmp2) and client (ping, note, fan), replayed by Osloscope. */
    private static void runCapturedExchange(Rabbit4Vhost vhost, List<String> fanoutSeenBy) throws Exception {
        TransportUrl url = TransportUrl.parse(vhost.transportUrl(null));
        try (Transport servers = Transport.open(url, kolla("nova-compute"));
             Transport client = Transport.open(url, kolla("nova-api"))) {
            List<RpcServer> started = new ArrayList<>();
            for (String host : List.of("cmp1", "cmp2")) {
                RpcServer s = RpcServer.create(servers, Target.topic("compute").withServer(host),
                        List.of(new Probe(host, fanoutSeenBy)));
                s.start();
                started.add(s);
            }
            RpcClient rpc = new RpcClient(client, Target.topic("compute"));
            JsonNode pong = rpc.prepare().server("cmp1").timeout(Duration.ofSeconds(20)).call(Map.of(), "ping",
                    Map.of("x", 1));
            assertEquals("cmp1", pong.asText());
            rpc.prepare().server("cmp2").cast(Map.of(), "note", Map.of("y", 2));
            rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("z", 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (fanoutSeenBy.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (RpcServer s : started) {
                s.stop();
            }
        }
    }

    /** Endpoint of the capture: ping returns the host, fan notes who got it. */
    public static final class Probe {
        private final String host;
        private final List<String> fanoutSeenBy;

        Probe(String host, List<String> fanoutSeenBy) {
            this.host = host;
            this.fanoutSeenBy = fanoutSeenBy;
        }

        public String ping(io.osloscope.engine.rpc.RpcContext ctx, int x) {
            return host;
        }

        public void note(io.osloscope.engine.rpc.RpcContext ctx, int y) {
        }

        public void fan(io.osloscope.engine.rpc.RpcContext ctx, int z) {
            fanoutSeenBy.add(host);
        }
    }

    @Test
    void kolla2025DeclaresWhatOslo16Declared() throws Exception {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            List<String> fanoutSeenBy = new CopyOnWriteArrayList<>();
            runCapturedExchange(vhost, fanoutSeenBy);
            assertEquals(List.of("cmp1", "cmp2"), fanoutSeenBy.stream().sorted().toList(),
                    "the stream fanout reaches every server");
            JsonNode golden = golden("oslo-16.1.0-rabbitmq-4.0.5");
            assertEquals(shapes(golden.get("exchanges"), false), shapes(JSON.readTree(vhost.get("/api/exchanges/"
                    + vhost.encoded())), false));
            assertEquals(shapes(golden.get("queues"), true), shapes(JSON.readTree(vhost.get("/api/queues/"
                    + vhost.encoded())), true));
        }
    }

    @Test
    void aZedServerOnAKollaVhostIsRefusedWithTheMatchingDialect() throws Exception {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            runCapturedExchange(vhost, new CopyOnWriteArrayList<>());
            TransportUrl url = TransportUrl.parse(vhost.transportUrl(null));
            try (Transport zed = Transport.open(url, TransportOptions.defaults().withControlExchange("nova"))) {
                RpcServer s = RpcServer.create(zed, Target.topic("compute").withServer("cmp9"), List.of(new Object()));
                DeclareRefusedException e = assertThrows(DeclareRefusedException.class, s::start);
                assertEquals(406, e.replyCode());
                assertEquals("nova", e.name(), "14.0.3's shapes fail at the first declare, the control exchange");
                assertTrue(e.getMessage().contains("durable = true") && e.getMessage().contains("durable = false"),
                        e.getMessage());
                assertTrue(e.matchingDialect() != null, e.getMessage());
            }
            DialectDetector.Shapes found;
            try (var b = io.osloscope.engine.rpc.Brokers.rabbit(url, TransportOptions.defaults());
                 var c = b.connect(io.osloscope.engine.broker.ConnectionOptions.named("probe"))) {
                found = DialectDetector.probe(c, "nova", List.of("compute"));
            }
            assertEquals(Dialect.KOLLA_2025_1, DialectDetector.match(found), found.toString());
        }
    }

    static JsonNode golden(String capture) throws Exception {
        try (InputStream in = ModernTopologyRabbit4Test.class.getResourceAsStream("/golden/" + capture
                + "/topology-summary.json")) {
            return JSON.readTree(in);
        }
    }

    /**
     * name -> type, durable, auto_delete, arguments of every oslo entity (amq.* and the capture's firehose tap left
     * out); queue-manager counters ({@code :1}) are kept.
     */
    static Map<String, String> shapes(JsonNode list, boolean queues) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode e : list) {
            String name = e.get("name").asText();
            if (name.isEmpty() || name.startsWith("amq.")) {
                continue;
            }
            ObjectNode args = e.get("arguments").deepCopy();
            out.put(name, e.get("type").asText() + " durable=" + e.get("durable").asBoolean() + " auto_delete="
                    + e.get("auto_delete").asBoolean() + (queues ? " exclusive=" + e.get("exclusive").asBoolean() : "")
                    + " " + new TreeMap<>(JSON.convertValue(args, Map.class)));
        }
        return out;
    }
}
