package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.testsupport.RequiresRabbit;
import io.osloscope.sim.RabbitVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Five {@code osloscope serve} processes (conductor, scheduler, two computes, api) on one RabbitMQ
 * vhost form one cloud: a POST to the api process ends with the server ACTIVE; SIGTERM stops each
 * process cleanly.
 */
@RequiresRabbit
class ServeProcessesRabbitTest {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private RabbitVhost vhost;

    private Process serve(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "io.osloscope.app.Launcher", "serve"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("osloscope-serve", ".log");
        logs.add(log);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private static String awaitLog(Path log, String text) throws Exception {
        for (int i = 0; i < 600; i++) {
            String s = Files.readString(log);
            if (s.contains(text)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(log));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Path l : logs) {
            Files.deleteIfExists(l);
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void servedProcessesOnRabbitBootAServerAndStopCleanlyOnSigterm() throws Exception {
        vhost = RabbitVhost.create();
        String url = vhost.transportUrl();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        serve("nova-conductor", "--host", "ctl1", "--transport", url);
        awaitLog(logs.get(0), "serving topic conductor");
        serve("nova-scheduler", "--host", "ctl1", "--transport", url);
        awaitLog(logs.get(1), "serving topic scheduler");
        serve("nova-compute", "--host", "cmp1", "--transport", url);
        serve("nova-compute", "--host", "cmp2", "--transport", url);
        awaitLog(logs.get(2), "serving topic compute");
        awaitLog(logs.get(3), "serving topic compute");
        serve("nova-api", "--host", "ctl1", "--transport", url, "--listen", "127.0.0.1:" + port);
        awaitLog(logs.get(4), "listening on");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v2.1/servers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"server\": {\"name\": \"vm1\", \"flavorRef\": \"1\","
                        + " \"imageRef\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, created.statusCode(), created.body());
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(created.body()).get("server").get("id").asText();
        String status = "";
        String host = "";
        for (int i = 0; i < 300 && !status.equals("ACTIVE"); i++) {
            Thread.sleep(50);
            var server = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v2.1/servers/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("server");
            status = server.get("status").asText();
            host = server.get("OS-EXT-SRV-ATTR:host").asText();
        }
        assertEquals("ACTIVE", status);
        assertTrue(host.equals("cmp1") || host.equals("cmp2"), host);

        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "process " + i + " did not stop on SIGTERM");
            assertTrue(Files.readString(logs.get(i)).contains("stopped"), Files.readString(logs.get(i)));
        }
        String queues = vhost.queuesJson();
        assertTrue(!queues.contains("_fanout_"), "graceful stops delete the fanout queues: " + queues);
        assertTrue(queues.contains("\"compute.cmp1\""), queues);
    }
}
