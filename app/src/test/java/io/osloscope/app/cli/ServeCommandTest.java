package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four serve commands in one JVM on one named embedded broker form a cloud that boots a server over REST. */
class ServeCommandTest {
    private final List<ServeCommand> commands = new ArrayList<>();
    private final List<CompletableFuture<Integer>> exits = new ArrayList<>();

    private ByteArrayOutputStream serve(String... args) {
        ServeCommand c = new ServeCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        commands.add(c);
        exits.add(CompletableFuture.supplyAsync(() -> c.run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8))));
        return out;
    }

    static String awaitLine(ByteArrayOutputStream out, String contains) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String s = out.toString(StandardCharsets.UTF_8);
            if (s.contains(contains)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + contains + "' in: " + out.toString(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopAll() {
        commands.forEach(ServeCommand::requestStop);
    }

    @Test
    void servedServicesBootAServerPostedToTheRestEndpoint() throws Exception {
        String url = "memory://serve-" + UUID.randomUUID();
        awaitLine(serve("nova-conductor", "--host", "ctl1", "--transport", url), "serving topic conductor");
        awaitLine(serve("nova-scheduler", "--host", "ctl1", "--transport", url), "serving topic scheduler");
        awaitLine(serve("nova-compute", "--host", "cmp1", "--transport", url), "serving topic compute");
        String apiOut = awaitLine(serve("nova-api", "--host", "ctl1", "--transport", url,
                "--listen", "127.0.0.1:0"), "listening on");
        Matcher m = Pattern.compile("listening on (http://[^ ]+)/v2.1").matcher(apiOut);
        assertTrue(m.find(), apiOut);
        String base = m.group(1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v2.1/servers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"server\": {\"name\": \"vm1\", \"flavorRef\": \"1\","
                        + " \"imageRef\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, created.statusCode(), created.body());
        ObjectMapper json = new ObjectMapper();
        String id = json.readTree(created.body()).get("server").get("id").asText();
        String status = "";
        for (int i = 0; i < 200 && !status.equals("ACTIVE"); i++) {
            HttpResponse<String> shown = http.send(HttpRequest.newBuilder(URI.create(base + "/v2.1/servers/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode server = json.readTree(shown.body()).get("server");
            status = server.get("status").asText();
            Thread.sleep(50);
        }
        assertEquals("ACTIVE", status);
        commands.forEach(ServeCommand::requestStop);
        for (CompletableFuture<Integer> exit : exits) {
            assertEquals(0, exit.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnknownServiceIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ServeCommand().run(List.of("nova-network", "--host", "h", "--transport", "memory://"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown nova binary 'nova-network'"));
    }
}
