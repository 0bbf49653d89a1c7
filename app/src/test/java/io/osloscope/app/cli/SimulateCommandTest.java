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
