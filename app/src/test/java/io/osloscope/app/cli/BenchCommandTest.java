package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void theIssuesCommandLineIsUnderstood() {
        RpcBench.Config c = BenchCommand.parse(List.of("rpc", "--transport", "memory://", "--mode", "cast",
                "--concurrency", "8", "--duration", "2", "--size", "512", "--json"));
        assertEquals("memory://", c.transportUrl());
        assertEquals(false, c.call());
        assertEquals(8, c.concurrency());
        assertEquals(Duration.ofSeconds(2), c.duration());
        assertEquals(512, c.size());
        assertEquals(RpcBench.Config.DEFAULT_WINDOW, c.window());
        assertEquals(1, BenchCommand.parse(List.of("rpc", "--transport", "memory://", "--mode", "cast", "--window", "1"))
                .window());
    }

    @Test
    void wrongInputIsAUsageErrorSayingWhatIsWrong() {
        assertTrue(assertThrows(UsageException.class, () -> BenchCommand.parse(List.of("disk")))
                .getMessage().contains("bench rpc"));
        assertTrue(assertThrows(UsageException.class, () -> BenchCommand.parse(List.of("rpc", "--transport", "memory://",
                "--mode", "both"))).getMessage().contains("--mode must be call or cast"));
        assertTrue(assertThrows(UsageException.class, () -> BenchCommand.parse(List.of("rpc", "--transport", "memory://",
                "--mode", "call", "--concurrency", "0"))).getMessage().contains("--concurrency must be a positive"));
    }

    @Test
    void aShortCallRunOnMemoryReportsThroughputAndLatencyAsJson() throws Exception {
        for (String mode : List.of("call", "cast")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new BenchCommand().run(List.of("rpc", "--transport", "memory://bench-test-" + mode, "--mode", mode,
                    "--concurrency", "2", "--duration", "0.5", "--warmup", "0.2", "--size", "100", "--json"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals(mode, json.path("mode").asText());
            assertTrue(json.path("messages").asLong() > 0, json.toString());
            assertTrue(json.path("msgs_per_s").asDouble() > 0, json.toString());
            assertTrue(json.path("p50_ms").asDouble() > 0, json.toString());
            assertTrue(json.path("p99_ms").asDouble() >= json.path("p50_ms").asDouble(), json.toString());
            assertEquals(mode.equals("cast"), json.has("window"), json.toString());
        }
    }

    @Test
    void anUnreachableBrokerExitsFour() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BenchCommand().run(List.of("rpc", "--transport", "rabbit://guest:guest@127.0.0.1:1/", "--mode",
                "call", "--duration", "1"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(4, code, err.toString(StandardCharsets.UTF_8));
    }
}
