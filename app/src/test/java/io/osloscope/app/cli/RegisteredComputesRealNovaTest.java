package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.app.loadtest.NovaRest;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RealNova;
import io.osloscope.engine.testsupport.RequiresRealNova;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's "done when", on the real nova Zed bed ({@code .ci/nova start}): 50 simulated computes started by
 * {@code serve nova-compute --hosts P[1-50] --register} join the real control plane (service record, compute
 * node, host mapping through the real conductor; resource provider in real placement), the bed's own fake-driver
 * compute is disabled, and {@code loadtest} boots 20 servers through the real nova-api that the real scheduler
 * places: all end ACTIVE on simulated hosts, and {@code os-hypervisors} lists every registered simulated host.
 * One host's name is taken in placement beforehand, so placement refuses that compute (409): one line for it, a
 * summary, what it had created through the conductor is rolled back (it is not a hypervisor), and the other 49
 * go on. Afterwards the servers, services, compute nodes, providers and queues are deleted and
 * the bed's compute is enabled again.
 */
@RequiresRealNova
class RegisteredComputesRealNovaTest {
    private static final String TOKEN = "admin:admin";
    private static final int COMPUTES = 50;
    private static final int BOOTS = 20;

    private final RealNova bed = RealNova.find();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void realNovaBootsServersOntoFiftyRegisteredSimulatedComputes() throws Exception {
        String prefix = "osreg" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String taken = prefix + "7";
        String placement = placementUrl();
        String transport = "rabbit://" + RabbitTestSupport.user() + ":" + RabbitTestSupport.password() + "@"
                + RabbitTestSupport.host() + ":" + RabbitTestSupport.port() + "/" + bed.vhost();
        NovaRest nova = new NovaRest(bed.apiUrl().toString(), TOKEN);
        String squatter = UUID.randomUUID().toString();
        placement("POST", placement + "/resource_providers",
                "{\"uuid\": \"" + squatter + "\", \"name\": \"" + taken + "\"}");

        ServeCommand serve = new ServeCommand();
        ByteArrayOutputStream serveOut = new ByteArrayOutputStream();
        ByteArrayOutputStream serveErr = new ByteArrayOutputStream();
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> serve.run(List.of("nova-compute",
                        "--hosts", prefix + "[1-" + COMPUTES + "]", "--register", "--placement", placement,
                        "--placement-token", TOKEN, "--transport", transport),
                new PrintStream(serveOut, true, StandardCharsets.UTF_8),
                new PrintStream(serveErr, true, StandardCharsets.UTF_8)));
        String bedCompute = null;
        String quotaBefore = null;
        try {
            String started = await(serveOut, "computes serving", 120);
            assertTrue(started.contains((COMPUTES - 1) + " of " + COMPUTES + " computes serving and registered"),
                    started);
            assertTrue(started.contains("1 refused"), started);
            List<String> refusals = serveErr.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("refused")).toList();
            assertEquals(1, refusals.size(), "one line per refused compute: " + refusals);
            assertTrue(refusals.get(0).contains(taken + ": refused: placement: placement refused POST "
                    + "/resource_providers: 409"), refusals.get(0));

            for (NovaRest.ComputeService s : nova.computeServices()) {
                if (s.host().equals(bed.compute()) && s.status().equals("enabled")) {
                    bedCompute = s.id();
                    nova.setServiceEnabled(s.id(), false, "osloscope RegisteredComputesRealNovaTest");
                }
            }

            // nova's default quota is 10 instances a project; the boots need 20 at once (restored below)
            quotaBefore = quota(nova, null);
            quota(nova, "{\"quota_class_set\": {\"instances\": " + (BOOTS + 10) + ", \"cores\": " + (BOOTS + 20)
                    + ", \"ram\": " + (BOOTS * 1024 + 51200) + "}}");
            Path chart = Files.createTempFile("osloscope-loadtest", ".html");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = new LoadtestCommand().run(List.of("--api", bed.apiUrl().toString(), "--token", TOKEN,
                            "--boots", Integer.toString(BOOTS), "--concurrency", "10", "--flavor", bed.flavor(),
                            "--image", bed.image(), "--timeout", "60", "--transport", transport,
                            "--management", bed.managementUrl().toString(), "--json", "--chart", chart.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals(0, exit, out + "\n" + err);
            assertEquals(BOOTS, report.path("boots").asInt());
            assertEquals(BOOTS, report.path("active").asInt(), report.toString());
            assertEquals(0, report.path("errors").asInt());
            assertEquals(BOOTS, report.path("deleted").asInt());
            assertTrue(report.path("p50_s").asDouble() > 0 && report.path("p99_s").asDouble()
                    <= report.path("max_s").asDouble(), report.toString());
            report.path("hosts").fieldNames().forEachRemaining(h ->
                    assertTrue(h.startsWith(prefix) && !h.equals(taken), "landed on " + h));
            assertEquals(BOOTS, sum(report.path("hosts")));
            assertEquals(BOOTS, report.path("rpc_methods").path("build_and_run_instance").path("count").asInt(),
                    report.toString());
            assertTrue(report.path("rpc_methods").path("terminate_instance").path("count").asInt() == BOOTS,
                    report.toString());
            String html = Files.readString(chart);
            assertTrue(html.contains("<svg") && html.contains(BOOTS + " / " + BOOTS), "chart shows the run");
            Files.deleteIfExists(chart);
            System.out.println("RegisteredComputesRealNovaTest: " + started.lines().filter(l -> l.contains("serving"))
                    .findFirst().orElse("") + "; loadtest p50 " + report.path("p50_s") + " s, p99 "
                    + report.path("p99_s") + " s, max " + report.path("max_s") + " s, whole run "
                    + report.path("wall_s") + " s");

            List<String> hypervisors = nova.hypervisors();
            for (int i = 1; i <= COMPUTES; i++) {
                String h = prefix + i;
                assertEquals(!h.equals(taken), hypervisors.contains(h), h + " in os-hypervisors " + hypervisors
                        + " (the refused one rolled back)");
            }
        } finally {
            String restore = quotaBefore;
            cleanUp(serve, served, nova, bedCompute, prefix, placement, squatter, () -> {
                if (restore != null) {
                    quota(nova, restore);
                }
            });
        }
        assertTrue(nova.computeServices().stream().noneMatch(s -> s.host().startsWith(prefix)),
                "services deleted");
        assertTrue(placement("GET", placement + "/resource_providers?name=" + prefix + "1", null)
                .contains("\"resource_providers\": []"), "providers deleted with their services");
    }

    /** Stops the computes and deletes what they registered; never throws, so a failure above stays visible. */
    private void cleanUp(ServeCommand serve, CompletableFuture<Integer> served, NovaRest nova, String bedCompute,
                         String prefix, String placement, String squatter, Runnable restoreQuota) {
        List<String> problems = new ArrayList<>();
        Runnable[] steps = {
            () -> {
                serve.requestStop();
                try {
                    served.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            },
            () -> {
                if (bedCompute != null) {
                    nova.setServiceEnabled(bedCompute, true, null);
                }
            },
            restoreQuota,
            () -> nova.computeServices().stream().filter(s -> s.host().startsWith(prefix))
                    .forEach(s -> nova.deleteService(s.id())),
            () -> call(() -> placement("DELETE", placement + "/resource_providers/" + squatter, null)),
            () -> {
                for (int i = 1; i <= COMPUTES; i++) {
                    int n = i;
                    call(() -> {
                        deleteQueue("compute." + prefix + n);
                        return null;
                    });
                }
            },
        };
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                problems.add(e.toString());
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("RegisteredComputesRealNovaTest clean-up: " + problems);
        }
    }

    private static void call(java.util.concurrent.Callable<?> c) {
        try {
            c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * With a body: {@code PUT /os-quota-class-sets/default} (per-project quotas would need keystone). Without: the
     * current instances, cores and ram defaults as the body that puts them back.
     */
    private String quota(NovaRest nova, String body) {
        String url = bed.apiUrl() + "/os-quota-class-sets/default";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", TOKEN)
                .header("OpenStack-API-Version", NovaRest.MICROVERSION).header("Content-Type", "application/json");
        b = body == null ? b.GET() : b.PUT(HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "os-quota-class-sets: " + r.body());
            JsonNode q = new ObjectMapper().readTree(r.body()).path("quota_class_set");
            return "{\"quota_class_set\": {\"instances\": " + q.path("instances").asInt() + ", \"cores\": "
                    + q.path("cores").asInt() + ", \"ram\": " + q.path("ram").asInt() + "}}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int sum(JsonNode counts) {
        int n = 0;
        for (JsonNode v : counts) {
            n += v.asInt();
        }
        return n;
    }

    private static String await(ByteArrayOutputStream out, String contains, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            String s = out.toString(StandardCharsets.UTF_8);
            if (s.contains(contains)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + contains + "' in " + seconds + " s: " + out.toString(StandardCharsets.UTF_8));
    }

    /** The bed's placement: OSLOSCOPE_NOVA_PLACEMENT_URL, else port 18778 on the API's host (.ci/nova's default). */
    private String placementUrl() throws IOException {
        String v = System.getenv("OSLOSCOPE_NOVA_PLACEMENT_URL");
        Path env = RealNova.stateDir().resolve("env");
        if ((v == null || v.isBlank()) && Files.isReadable(env)) {
            v = Files.readAllLines(env).stream().filter(l -> l.startsWith("OSLOSCOPE_NOVA_PLACEMENT_URL="))
                    .map(l -> l.substring(l.indexOf('=') + 1).trim()).findFirst().orElse(null);
        }
        return v == null || v.isBlank() ? "http://" + bed.apiUrl().getHost() + ":18778" : v;
    }

    private String placement(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", TOKEN)
                .header("OpenStack-API-Version", "placement 1.39")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Deletes a queue the computes left (nova leaves topic queues on a graceful stop) through the management API. */
    private void deleteQueue(String name) throws Exception {
        String auth = Base64.getEncoder().encodeToString((RabbitTestSupport.user() + ":" + RabbitTestSupport.password())
                .getBytes(StandardCharsets.UTF_8));
        String base = bed.managementUrl().toString();
        URI u = URI.create((base.endsWith("/") ? base : base + "/") + "api/queues/"
                + URLEncoder.encode(bed.vhost(), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
        http.send(HttpRequest.newBuilder(u).header("Authorization", "Basic " + auth).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
