package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.sim.SimulatedCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loadtest} against the simulated nova-api's REST endpoint (memory://): what a user reads and gets. */
class LoadtestCommandTest {
    private static final String IMAGE = "155d900f-4e14-4e4c-a73d-069cbf4541e6";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new LoadtestCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static SimulatedCloud cloud(Transport t) {
        return SimulatedCloud.start(t, 3, SimulatedCloud.Options.defaults().withRest("127.0.0.1", 0));
    }

    @Test
    void bootsEveryServerAndReportsTimesToActiveAsJsonAndAChart(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("run.html");
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"));
             SimulatedCloud c = cloud(t)) {
            int exit = run("--api", c.restUrl() + "/v2.1", "--boots", "6", "--concurrency", "3", "--flavor", "1",
                    "--image", IMAGE, "--keep", "--poll", "0.05", "--json", "--chart", chart.toString());
            assertEquals(0, exit, out + "\n" + err);
        }
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(6, r.path("boots").asInt());
        assertEquals(6, r.path("active").asInt());
        assertEquals(0, r.path("errors").asInt());
        double p50 = r.path("p50_s").asDouble();
        double p99 = r.path("p99_s").asDouble();
        assertTrue(p50 > 0 && p50 <= p99 && p99 <= r.path("max_s").asDouble(), r.toString());
        int landed = 0;
        List<String> hosts = new ArrayList<>();
        for (var it = r.path("hosts").fields(); it.hasNext(); ) {
            var e = it.next();
            hosts.add(e.getKey());
            landed += e.getValue().asInt();
        }
        assertEquals(6, landed, "every ACTIVE server has its host: " + hosts);
        String html = Files.readString(chart);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("6 / 6") && html.contains("<svg"), html);
        assertFalse(html.contains("<script"), "self-contained, no script");
    }

    /** The PNG a person opens: an image of the whole run, each ACTIVE boot a dot in the first panel. */
    @Test
    void aPngChartIsAnImageWithEachBootDrawn(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("run.png");
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"));
             SimulatedCloud c = cloud(t)) {
            int exit = run("--api", c.restUrl() + "/v2.1", "--boots", "4", "--concurrency", "2", "--flavor", "1",
                    "--image", IMAGE, "--keep", "--poll", "0.05", "--chart", chart.toString());
            assertEquals(0, exit, out + "\n" + err);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("chart: " + chart), out.toString());
        BufferedImage img = ImageIO.read(chart.toFile());
        assertNotNull(img, "a PNG ImageIO reads");
        assertEquals(1200, img.getWidth());
        assertTrue(img.getHeight() > 900, "four panels: " + img.getHeight());
        int blue = 0;
        for (int y = 150; y < 360; y++) {
            for (int x = 70; x < 950; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (b > 150 && b - r > 60 && b - g > 20) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 4 * 20, "the four boots' dots in the time-to-ACTIVE panel: " + blue + " blue pixels");
    }

    @Test
    void aBootNovaRefusesIsCountedWithNovasMessageAndExitsOne() throws Exception {
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"));
             SimulatedCloud c = cloud(t)) {
            int exit = run("--api", c.restUrl() + "/v2.1", "--boots", "2", "--flavor", "no-such-flavor",
                    "--image", IMAGE, "--keep", "--poll", "0.05", "--json");
            assertEquals(1, exit, out + "\n" + err);
        }
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, r.path("errors").asInt());
        assertEquals(0, r.path("active").asInt());
        assertTrue(r.path("p50_s").isNull());
        String msg = r.path("error_messages").fieldNames().next();
        assertTrue(msg.startsWith("REFUSED: nova refused POST /servers: 400"), msg);
    }

    @Test
    void aBrokerThatCannotBeWatchedIsOneLineAndTheBootsGoOn() throws Exception {
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"));
             SimulatedCloud c = cloud(t)) {
            int exit = run("--api", c.restUrl() + "/v2.1", "--boots", "2", "--flavor", "1", "--image", IMAGE,
                    "--keep", "--poll", "0.05", "--json", "--transport", "rabbit://guest:guest@127.0.0.1:1/v",
                    "--management", "http://127.0.0.1:1/");
            assertEquals(0, exit, out + "\n" + err);
        }
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, r.path("active").asInt());
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("loadtest: cannot watch the broker (") && !lines.get(0).contains("guest:guest"),
                lines.get(0));
        assertTrue(r.path("monitor_problems").get(0).asText().startsWith("cannot watch the broker"), r.toString());
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        assertEquals(2, run("--boots", "3", "--flavor", "1", "--image", IMAGE));
        assertEquals(2, run("--api", "http://127.0.0.1:1/v2.1", "--boots", "3", "--flavor", "1", "--image", IMAGE,
                "--chart", "run.svg"));
        assertEquals(2, run("--api", "http://127.0.0.1:1/v2.1", "--boots", "0", "--flavor", "1", "--image", IMAGE));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, e.lines().count(), e);
        assertTrue(e.contains("--api, --boots, --flavor and --image are required") && e.contains("FILE.png or FILE.html")
                && e.contains("--boots must be at least 1"), e);
    }

    @Test
    void anUnreachableApiIsAConnectionFailure() {
        assertEquals(4, run("--api", "http://127.0.0.1:1/v2.1", "--boots", "2", "--flavor", "1", "--image", IMAGE,
                "--json"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("unreachable"), out.toString());
    }
}
