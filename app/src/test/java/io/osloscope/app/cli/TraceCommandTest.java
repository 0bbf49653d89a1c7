package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code osloscope trace} over a firehose recording of a server booted through real nova-api (Debian's nova Zed,
 * {@code assets/recordings/real-nova-boot.jsonl}, tokens redacted): the boot's request id gives nova's chain.
 */
class TraceCommandTest {
    static final Path REAL_BOOT = Path.of("../assets/recordings/real-nova-boot.jsonl");
    static final String BOOT_REQUEST = "req-1e0f4497-1dad-4794-a954-58911b01d375";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJsonTraceOfARealNovaBootFollowsApiConductorSchedulerComputeAndTheFanout() throws Exception {
        assertEquals(0, run("trace", REAL_BOOT.toString(), "--request-id", BOOT_REQUEST, "--json"), err.toString());
        List<String> lines = out().lines().toList();
        assertEquals(1, lines.size(), out());
        JsonNode trace = new ObjectMapper().readTree(lines.get(0));
        assertEquals(BOOT_REQUEST, trace.path("request_id").asText());
        List<String> chain = new ArrayList<>();
        long lastT = -1;
        for (JsonNode h : trace.path("hops")) {
            assertTrue(h.path("t_ms").asLong() >= lastT, "hops in time order");
            lastT = h.path("t_ms").asLong();
            for (String field : List.of("t_ms", "kind", "method", "from_service", "from_host", "to_topic", "to_server",
                    "latency_ms")) {
                assertTrue(h.has(field), field + " in " + h);
            }
            chain.add(h.path("kind").asText() + " " + h.path("method").asText() + " " + h.path("to_topic").asText()
                    + (h.path("to_server").isNull() ? "" : "." + h.path("to_server").asText()));
        }
        assertEquals("cast schedule_and_build_instances conductor", chain.get(0));
        assertEquals("call select_destinations scheduler", chain.get(1));
        assertTrue(chain.get(2).startsWith("cast build_and_run_instance compute."), chain.toString());
        assertTrue(chain.subList(3, chain.size()).contains("call object_action conductor"), chain.toString());
        assertTrue(chain.subList(3, chain.size()).contains("fanout update_instance_info scheduler"), chain.toString());
        JsonNode select = trace.path("hops").get(1);
        assertTrue(select.path("latency_ms").asDouble() > 0, "select_destinations has its latency: " + select);
        assertEquals("replied", select.path("outcome").asText());
        assertTrue(trace.path("hops").get(0).path("latency_ms").isNull(), "a cast has no latency");
    }

    @Test
    void theTextFormShowsEachRequestWithItsHopsAndLatencies() {
        assertEquals(0, run("trace", REAL_BOOT.toString()));
        String text = out();
        assertTrue(text.contains(BOOT_REQUEST), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("select_destinations") && l.contains("-> scheduler")
                && l.contains(" ms replied")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("update_instance_info") && l.contains("fanout")), text);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("request(s) in 59 message(s)"), err.toString());
    }

    @Test
    void anUnknownRequestIdAndAnUnreadableFileAreOneLineEach(@TempDir Path dir) throws Exception {
        assertEquals(1, run("trace", REAL_BOOT.toString(), "--request-id", "req-nope"));
        assertEquals("trace: no message with request id req-nope in " + REAL_BOOT, err.toString().strip());
        err.reset();
        assertEquals(CliCommand.USAGE, run("trace", dir.resolve("missing.jsonl").toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        Path junk = dir.resolve("junk.jsonl");
        Files.writeString(junk, "not json\n{\"record\":\"header\"}\n");
        err.reset();
        assertEquals(0, run("trace", junk.toString()));
        assertTrue(err.toString().contains("skipped 1 line(s)"), err.toString());
    }
}
