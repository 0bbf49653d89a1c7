package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.interop.ModernOslo;
import io.osloscope.engine.interop.RealKollaVhost;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a new user meets on a kolla-ansible 2025.1-style cloud on RabbitMQ 4.x (a vhost that real oslo.messaging 16.1
 * populated in that dialect, {@link RealKollaVhost}): {@code sniff}, {@code call}, {@code cast --fanout} and
 * {@code serve nova-compute} work without any {@code --dialect} or {@code --management}, each RPC command saying on
 * stderr that it found kolla-2025.1 through the management API.
 */
@RequiresRabbit4
@ExtendWith(ModernOslo.class)
class NoDialectFlagKollaRabbit4Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FOUND = "osloscope: dialect kolla-2025.1 (auto from management API http://"
            + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.managementPort() + "/: found exchange nova durable";
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopProcesses() throws IOException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Path l : logs) {
            Files.deleteIfExists(l);
        }
    }

    @Test
    void sniffCallCastFanoutAndServeWorkWithoutADialectFlag() throws Exception {
        try (RealKollaVhost cloud = RealKollaVhost.start()) {
            String url = cloud.transportUrl();
            CompletableFuture<Run> sniff = CompletableFuture.supplyAsync(() -> run("sniff", "--transport", url,
                    "--count", "2", "--duration", "60"));
            awaitSnifferBound(cloud);

            Run call = run("call", "--transport", url, "--exchange", "nova", "--topic", "compute", "--server", "cmp1",
                    "--timeout", "30", "echo", "{\"value\": \"hi\"}");
            assertEquals(0, call.code(), call.err());
            assertEquals("\"hi\"", call.out().strip(), "the real oslo server's answer");
            assertTrue(call.err().startsWith(FOUND), call.err());

            Run fanout = run("cast", "--fanout", "--transport", url, "--exchange", "nova", "--topic", "compute", "echo",
                    "{\"value\": \"to-all\"}");
            assertEquals(0, fanout.code(), fanout.err());
            assertTrue(fanout.err().startsWith(FOUND), fanout.err());
            awaitReceived(cloud, "to-all");

            Run sniffed = sniff.get(90, TimeUnit.SECONDS);
            assertEquals(0, sniffed.code(), sniffed.err());
            List<String> kinds = new ArrayList<>();
            for (String line : sniffed.out().strip().split("\n")) {
                JsonNode r = JSON.readTree(line);
                if (r.path("record").asText().equals("losses")) {
                    // the recording ends by saying what was lost: nothing here
                    assertEquals(0, r.path("broker_dropped").asLong() + r.path("buffer_dropped").asLong(), line);
                    continue;
                }
                assertEquals("echo", r.path("method").asText(), line);
                kinds.add(r.path("kind").asText());
            }
            assertEquals(List.of("call", "fanout"), kinds, sniffed.out());

            serve("nova-conductor", "--host", "ctl1", "--transport", url);
            awaitLog(logs.get(0), "serving topic conductor");
            serve("nova-compute", "--host", "cmp2", "--transport", url);
            String log = awaitLog(logs.get(1), "serving topic compute");
            assertTrue(log.startsWith(FOUND), log);
            JsonNode queue = JSON.readTree(cloud.vhost().get("/api/queues/" + cloud.vhost().encoded() + "/compute.cmp2"));
            assertEquals("quorum", queue.path("type").asText(), "served in the cloud's own shapes: " + queue);
        }
    }

    private static void awaitSnifferBound(RealKollaVhost cloud) throws Exception {
        for (int i = 0; i < 600; i++) {
            for (JsonNode b : JSON.readTree(cloud.vhost().get("/api/bindings/" + cloud.vhost().encoded()))) {
                if (b.path("source").asText().equals("compute_fanout")
                        && b.path("destination").asText().startsWith("amq.gen-")) { // the tap's server-named queue
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sniffer's tap queue was never bound to compute_fanout");
    }

    private static void awaitReceived(RealKollaVhost cloud, String value) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (cloud.serverRecords("RECV").stream().anyMatch(r -> value.equals(r.path("args").path("value").asText()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the real oslo server never received " + value);
    }

    private void serve(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "io.osloscope.app.Launcher", "serve"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("osloscope-serve", ".log");
        logs.add(log);
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private static String awaitLog(Path log, String text) throws Exception {
        for (int i = 0; i < 1800; i++) {
            String s = Files.readString(log);
            if (s.contains(text)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(log));
    }
}
