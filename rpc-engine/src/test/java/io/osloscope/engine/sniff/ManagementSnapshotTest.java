package io.osloscope.engine.sniff;

import com.sun.net.httpserver.HttpServer;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The management API's answers become the broker-neutral {@link TopologySnapshot}; checked against a stub server. */
class ManagementSnapshotTest {
    private static final Map<String, String> ANSWERS = Map.of(
            "/api/exchanges/", """
                    [{"name":"","type":"direct","durable":true,"auto_delete":false,"internal":false},
                     {"name":"amq.rabbitmq.trace","type":"topic","durable":true,"auto_delete":false,"internal":true},
                     {"name":"nova","type":"topic","durable":false,"auto_delete":false,"internal":false},
                     {"name":"delayed","type":"x-delayed-message","durable":true,"auto_delete":false,"internal":false}]""",
            "/api/queues/", """
                    [{"name":"compute.h1","messages":7,"messages_ready":5,"messages_unacknowledged":2,"consumers":1,
                      "durable":true,"auto_delete":false,"exclusive":false,"type":"quorum",
                      "arguments":{"x-queue-type":"quorum"},"idle_since":null,
                      "message_stats":{"publish_details":{"rate":1.5},"deliver_get_details":{"rate":0.5}}},
                     {"name":"reply_ab","messages":0,"messages_ready":0,"messages_unacknowledged":0,"consumers":0,
                      "durable":false,"auto_delete":false,"exclusive":false,"type":"classic",
                      "arguments":{"x-expires":1800000},"idle_since":"2025-01-01 10:00:00"}]""",
            "/api/bindings/", """
                    [{"source":"","destination":"compute.h1","destination_type":"queue","routing_key":"compute.h1","arguments":{}},
                     {"source":"nova","destination":"compute.h1","destination_type":"queue","routing_key":"compute.h1","arguments":{}},
                     {"source":"nova","destination":"other","destination_type":"exchange","routing_key":"#","arguments":{}}]""",
            "/api/vhosts/", "[]");
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readyAndUnackedTypesAndBindingsMapOntoTheNeutralSnapshot() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = ANSWERS.entrySet().stream().filter(a -> path.startsWith(a.getKey())).findFirst()
                    .map(Map.Entry::getValue).orElse("[]");
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        ManagementSnapshot s = new ManagementClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "ops", "pw", Duration.ofSeconds(5), null).snapshot("/");
        TopologySnapshot t = s.topology();

        assertEquals(List.of("", "nova"), t.exchanges().stream().map(TopologySnapshot.ExchangeView::name).toList(),
                "internal and plugin exchanges are left out");
        assertTrue(t.exchanges().get(0).builtIn());
        assertFalse(t.exchanges().get(1).builtIn());
        assertEquals(ExchangeType.TOPIC, t.exchanges().get(1).type());

        TopologySnapshot.QueueView q = t.queue("compute.h1").orElseThrow();
        assertEquals(5, q.ready());
        assertEquals(2, q.unacked());
        assertEquals(7, q.messages());
        assertEquals(QueueType.QUORUM, q.type());
        assertEquals(QueueType.CLASSIC, t.queue("reply_ab").orElseThrow().type());
        assertEquals(1800000, ((Number) t.queue("reply_ab").orElseThrow().arguments().get("x-expires")).longValue());

        assertEquals(List.of(new BindingView("nova", "compute.h1", "compute.h1", Map.of())), t.bindings(),
                "the default exchange's implicit bindings and exchange-to-exchange bindings are left out");

        assertEquals(1.5, s.stats("compute.h1").publishRate());
        assertEquals(0.5, s.stats("compute.h1").deliverRate());
        assertNull(s.stats("compute.h1").idleSince());
        assertEquals("2025-01-01 10:00:00", s.stats("reply_ab").idleSince());
    }
}
