package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new SimulateCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void bootScenarioPrintsAJsonSummaryWithEveryServerActive() throws Exception {
        int code = run("--transport", "memory://simulate-" + UUID.randomUUID(), "--computes", "2",
                "--scenario", "boot", "--count", "4", "--duration", "30", "--json");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode s = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("ok", s.get("outcome").asText());
        assertEquals(4, s.get("instances").get("ACTIVE").asInt());
        assertTrue(s.get("messages").get("call").asInt() > 0);
        assertTrue(s.get("messages").get("cast").asInt() > 0);
    }

    @Test
    void fanoutScenarioPrintsAReadableSummaryWithoutJson() {
        int code = run("--transport", "memory://simulate-" + UUID.randomUUID(), "--computes", "4",
                "--scenario", "fanout", "--count", "2", "--shared-connections", "2");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("scenario fanout"), text);
        assertTrue(text.contains("\"computes_reached\":4"), text);
    }

    /**
     * Upstream RabbitMQ 4.3 refuses oslo 14.0.3's transient non-exclusive queues with 541 and closes the connection;
     * the memory broker at 4.3 does the same, so the zed dialect's first service (nova-conductor, its topic queue)
     * fails: one line naming the queue, the 541 and a dialect that avoids it, exit 5.
     */
    @Test
    void zedOnRabbit43FailsWithOneLineAndExit5() {
        int code = run("--transport", "memory://simulate-" + UUID.randomUUID() + "?rabbitmq=4.3", "--dialect", "zed",
                "--computes", "1", "--scenario", "boot", "--count", "1", "--duration", "20");
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(5, code, text);
        assertEquals(1, text.strip().lines().count(), "one line: " + text);
        assertTrue(text.startsWith("osloscope simulate: broker refused a declare (541): cannot declare topic queue"
                + " 'conductor' (declared non-durable classic)"), text);
        assertTrue(text.contains("transient_nonexcl_queues") && text.contains("kolla-2025.1"), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** kolla-2025.1 (quorum topic queues, stream fanout) runs the same cloud on 4.3, and its queues are quorum. */
    @Test
    void kolla2025RunsOnRabbit43WithQuorumQueuesAndStreamFanout() throws Exception {
        String url = "memory://simulate-" + UUID.randomUUID() + "?rabbitmq=4.3";
        int code = run("--transport", url, "--dialect", "kolla-2025.1", "--computes", "2",
                "--scenario", "fanout", "--count", "2", "--duration", "30", "--json");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode s = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("ok", s.get("outcome").asText());
        assertEquals(url.substring(0, url.indexOf('?')) + "?rabbitmq=4.3", s.get("transport").asText());
        try (io.osloscope.engine.rpc.Transport t = io.osloscope.engine.rpc.Transport.open(url)) {
            var topology = t.broker().capability(io.osloscope.engine.broker.TopologySource.class).orElseThrow()
                    .topology();
            java.util.Map<String, io.osloscope.engine.broker.QueueType> types = new java.util.TreeMap<>();
            topology.queues().forEach(q -> types.put(q.name(), q.type()));
            assertEquals(io.osloscope.engine.broker.QueueType.QUORUM, types.get("conductor"), types.toString());
            assertEquals(io.osloscope.engine.broker.QueueType.QUORUM, types.get("compute.compute1"), types.toString());
            assertEquals(io.osloscope.engine.broker.QueueType.STREAM, types.get("compute_fanout"), types.toString());
        }
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        assertEquals(2, run("--scenario", "explode"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown scenario 'explode'"));
    }

    @Test
    void aNonNumericComputeCountIsAUsageError() {
        assertEquals(2, run("--scenario", "boot", "--computes", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--computes must be a whole number"));
    }

    @Test
    void anUnreachableBrokerIsAConnectionFailure() {
        assertEquals(4, run("--scenario", "boot", "--transport", "rabbit://guest:guest@127.0.0.1:1/"));
    }
}
