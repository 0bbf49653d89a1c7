package io.osloscope.engine.rpc.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --dialect auto} from the management API's answers, read from the real oslo.messaging 16.1 and 18.3
 * captures (kolla-ansible 2025.1's options) and from variations of them that other dialects would leave: what
 * passive declares cannot tell apart (queue manager or not, prefetch) is told apart here.
 */
class ManagementProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode topology(String capture, String file) throws Exception {
        try (InputStream in = ManagementProbeTest.class.getResourceAsStream("/golden/" + capture + "/topology/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static DialectDetector.Shapes shapes(JsonNode exchanges, JsonNode queues, JsonNode consumers) {
        Map<String, QueueDetails> details = QueueDetails.parse(queues, consumers);
        return ManagementProbe.fromTopology("nova", List.of(), ManagementClient.parseExchanges(exchanges),
                ManagementClient.parseQueues(queues), details);
    }

    @Test
    void theRealKolla2025CapturesAreKolla2025WithTheQueueManagerSeen() throws Exception {
        for (String capture : List.of("oslo-16.1.0-rabbitmq-4.0.5", "oslo-18.3.0-rabbitmq-4.3.6")) {
            DialectDetector.Shapes s = shapes(topology(capture, "exchanges.json"),
                    topology(capture, "queues_detailed.json"), topology(capture, "consumers.json"));
            assertEquals(Dialect.KOLLA_2025_1, DialectDetector.match(s), capture + ": " + s);
            assertEquals(Boolean.TRUE, s.queueManager(), capture + ": reply_vm:nova-api:1 is a queue-manager name");
            assertEquals(Boolean.TRUE, s.transientQuorum(), capture + ": the reply queue is quorum");
            assertEquals(1, s.prefetch(), capture);
            assertTrue(String.join(", ", s.seen()).contains("reply_vm:nova-api:1 quorum"), s.seen().toString());
        }
    }

    @Test
    void uuidReplyQueuesMakeItOsaAndPrefetch50MakesItKolla2026() throws Exception {
        String capture = "oslo-16.1.0-rabbitmq-4.0.5";
        ArrayNode queues = (ArrayNode) topology(capture, "queues_detailed.json");
        for (JsonNode q : queues) {
            if (q.get("name").asText().startsWith("reply_")) {
                ((ObjectNode) q).put("name", "reply_0123456789abcdef0123456789abcdef");
            }
        }
        DialectDetector.Shapes osa = shapes(topology(capture, "exchanges.json"), queues,
                topology(capture, "consumers.json"));
        assertEquals(Boolean.FALSE, osa.queueManager());
        assertEquals(Dialect.OSA_2024_1, DialectDetector.match(osa), osa.toString());

        ArrayNode consumers = (ArrayNode) topology(capture, "consumers.json");
        consumers.forEach(c -> ((ObjectNode) c).put("prefetch_count", 50));
        DialectDetector.Shapes kolla2026 = shapes(topology(capture, "exchanges.json"),
                topology(capture, "queues_detailed.json"), consumers);
        assertEquals(Dialect.KOLLA_2026_1, DialectDetector.match(kolla2026), kolla2026.toString());
    }

    @Test
    void classicQueuesOfAnotherTopicAreZedAndAnEmptyVhostIsEmpty() throws Exception {
        JsonNode exchanges = JSON.readTree("[{\"name\":\"nova\",\"type\":\"topic\",\"durable\":false},"
                + "{\"name\":\"conductor_fanout\",\"type\":\"fanout\",\"durable\":false,\"auto_delete\":true}]");
        JsonNode queues = JSON.readTree("[{\"name\":\"conductor\",\"type\":\"classic\",\"durable\":false},"
                + "{\"name\":\"reply_0123456789abcdef0123456789abcdef\",\"type\":\"classic\",\"durable\":false}]");
        DialectDetector.Shapes zed = shapes(exchanges, queues, JSON.readTree("[]"));
        assertEquals(Dialect.ZED, DialectDetector.match(zed), zed.toString());
        assertTrue(zed.seen().contains("queue conductor classic non-durable"), "topics found by their fanout exchange: "
                + zed.seen());
        DialectDetector.Shapes empty = shapes(JSON.readTree("[]"), JSON.readTree("[]"), JSON.readTree("[]"));
        assertTrue(empty.empty());
        assertNull(DialectDetector.match(empty));
    }

    @Test
    void theApiIsLookedForAtPort15672OrBesideAnotherAmqpPort() {
        assertEquals(List.of(URI.create("http://ctl:15672/")),
                ManagementProbe.candidates(TransportUrl.parse("rabbit://u:p@ctl:5672/"), null));
        assertEquals(List.of(URI.create("http://127.0.0.1:15673/"), URI.create("http://127.0.0.1:15672/")),
                ManagementProbe.candidates(TransportUrl.parse("rabbit://u:p@127.0.0.1:5673/"), null));
        assertEquals(List.of(URI.create("https://ctl:15671/")),
                ManagementProbe.candidates(TransportUrl.parse("rabbits://u:p@ctl/"), null));
        assertEquals(List.of(URI.create("http://m:8080/")),
                ManagementProbe.candidates(TransportUrl.parse("rabbit://u:p@ctl:5673/"), URI.create("http://m:8080/")));
    }
}
