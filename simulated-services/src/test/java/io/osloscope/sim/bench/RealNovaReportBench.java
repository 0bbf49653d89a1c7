package io.osloscope.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.ComputeFleet;
import io.osloscope.sim.nova.ComputeRegistration;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.placement.PlacementClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * report_state steadiness against a real nova (a main, not a test): N simulated computes register with the real
 * conductor and placement of the nova bed (service record, compute node, host mapping, resource provider), then
 * for {@code --watch} seconds the bench prints how many report_state updates the real conductor accepted in each
 * 10-second window. Afterwards it stops them, deletes their services through nova-api (which takes their compute
 * nodes, host mappings and resource providers with them), any provider left, and their {@code compute.<host>}
 * queues. Keep N small (100): the real conductor and placement register about two computes a second.
 *
 * <pre>
 * java -cp ... io.osloscope.sim.bench.RealNovaReportBench --computes 100 --watch 60 \
 *     --transport rabbit://guest:guest@127.0.0.1:5672/osloscope-nova --api http://127.0.0.1:18774/v2.1 \
 *     --placement http://127.0.0.1:18778 --management http://127.0.0.1:15672
 * </pre>
 */
public final class RealNovaReportBench {
    private static final String TOKEN = "admin:admin";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private RealNovaReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int computes = 100;
        int watch = 60;
        int interval = 10;
        int shared = 10;
        String transport = "rabbit://guest:guest@127.0.0.1:5672/osloscope-nova";
        String api = "http://127.0.0.1:18774/v2.1";
        String placement = "http://127.0.0.1:18778";
        String management = "http://127.0.0.1:15672";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--computes" -> computes = Integer.parseInt(args[++i]);
                case "--watch" -> watch = Integer.parseInt(args[++i]);
                case "--report-interval" -> interval = Integer.parseInt(args[++i]);
                case "--shared-connections" -> shared = Integer.parseInt(args[++i]);
                case "--transport" -> transport = args[++i];
                case "--api" -> api = args[++i];
                case "--placement" -> placement = args[++i];
                case "--management" -> management = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String prefix = "osrep" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> hosts = ComputeFleet.expandHosts(prefix + "[1-" + computes + "]");
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ComputeRegistration.Options reg = ComputeRegistration.Options.defaults(new PlacementClient(placement, TOKEN),
                true).withIntervals(Duration.ofSeconds(interval), Duration.ofSeconds(60));
        ComputeFleet fleet = null;
        try (Transport t = Transport.open(transport, "nova")) {
            long cpu0 = ScaleBench.processCpuNanos();
            long t0 = System.nanoTime();
            fleet = ComputeFleet.start(t, hosts, reg, 16, shared, Duration.ofSeconds(60), problems::add);
            System.out.printf("registered         %d of %d computes (%s*) in %d ms, %.1f s CPU in this JVM, load %.1f%n",
                    fleet.services().size(), computes, prefix, (System.nanoTime() - t0) / 1_000_000,
                    (ScaleBench.processCpuNanos() - cpu0) / 1e9, ScaleBench.loadAverage());
            problems.stream().limit(5).forEach(p -> System.out.println("problem: " + p));
            int n = fleet.services().size();
            System.out.printf("report_state       expected %.0f per 10 s window (%d computes every %d s)%n",
                    n * 10.0 / interval, n, interval);
            long last = fleet.reportsAccepted();
            long start = System.nanoTime();
            List<Long> counts = new ArrayList<>();
            for (int w = 1; w * 10 <= watch; w++) {
                long sleep = (start + w * 10_000_000_000L - System.nanoTime()) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
                long now = fleet.reportsAccepted();
                counts.add(now - last);
                System.out.printf("  window %2d  %5d accepted by the real conductor (load %.1f)%n", w, now - last,
                        ScaleBench.loadAverage());
                last = now;
            }
            System.out.printf("report_state       %d windows: min %d, max %d%n", counts.size(),
                    counts.stream().mapToLong(Long::longValue).min().orElse(0),
                    counts.stream().mapToLong(Long::longValue).max().orElse(0));
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            cleanUp(api, placement, management, transport, prefix, hosts);
        }
    }

    /** Deletes the services (nova takes node, mapping and provider along), leftover providers and queues. */
    private static void cleanUp(String api, String placement, String management, String transport, String prefix,
                                List<String> hosts) {
        int services = 0;
        int providers = 0;
        int queues = 0;
        try {
            JsonNode list = Json.MAPPER.readTree(nova("GET", api + "/os-services?binary=nova-compute"));
            for (JsonNode s : list.path("services")) {
                if (s.path("host").asText().startsWith(prefix)) {
                    nova("DELETE", api + "/os-services/" + s.path("id").asText());
                    services++;
                }
            }
            JsonNode rps = Json.MAPPER.readTree(placement("GET", placement + "/resource_providers"));
            for (JsonNode rp : rps.path("resource_providers")) {
                if (rp.path("name").asText().startsWith(prefix)) {
                    placement("DELETE", placement + "/resource_providers/" + rp.path("uuid").asText());
                    providers++;
                }
            }
        } catch (Exception e) {
            System.out.println("clean-up through nova/placement failed: " + e.getMessage());
        }
        String vhost = URLEncoder.encode(transport.substring(transport.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        for (String h : hosts) {
            try {
                send(HttpRequest.newBuilder(URI.create(management + "/api/queues/" + vhost + "/"
                                + URLEncoder.encode("compute." + h, StandardCharsets.UTF_8)))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "guest:guest".getBytes(StandardCharsets.UTF_8))).DELETE());
                queues++;
            } catch (Exception e) {
                // never declared (a refused compute): nothing to delete
            }
        }
        System.out.printf("cleaned up         %d services, %d leftover providers, %d queues%n", services, providers,
                queues);
    }

    private static String nova(String method, String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", TOKEN)
                .header("OpenStack-API-Version", "compute 2.79").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static String placement(String method, String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", TOKEN)
                .header("OpenStack-API-Version", "placement 1.14").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static String send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + " " + r.body().lines().findFirst().orElse(""));
        }
        return r.body();
    }
}
