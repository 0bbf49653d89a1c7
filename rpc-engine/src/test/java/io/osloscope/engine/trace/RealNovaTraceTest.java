package io.osloscope.engine.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RealNova;
import io.osloscope.engine.testsupport.RequiresRealNova;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server booted through real nova-api (the {@code .ci/nova} bed) while the sniffer records its vhost with the
 * firehose; the recording is then traced as {@code osloscope trace} does. The boot's request id must give nova's
 * chain: the cast to the conductor, select_destinations to the scheduler (answered, with its latency),
 * build_and_run_instance to compute.&lt;host&gt;, the compute's object_action calls to the conductor, and the
 * scheduler fanout, in that order.
 */
@RequiresRealNova
class RealNovaTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin:admin";
    private static final String ANY = "(any server)";

    private final RealNova nova = RealNova.find();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String server;
    private Sniffer sniffer;

    @AfterEach
    void cleanUp() throws Exception {
        if (sniffer != null) {
            sniffer.close();
        }
        if (server != null) {
            request("DELETE", "/servers/" + server, null);
            awaitStatus(server, "GONE", Duration.ofSeconds(60));
        }
    }

    @Test
    void aRealNovaBootIsTracedByItsRequestIdFromApiToComputeAndTheSchedulerFanout() throws Exception {
        RabbitSettings settings = new RabbitSettings(List.of(new RabbitSettings.HostPort(RabbitTestSupport.host(),
                RabbitTestSupport.port())), RabbitTestSupport.user(), RabbitTestSupport.password(), nova.vhost(), 30, null);
        sniffer = new Sniffer(SnifferOptions.of(settings, CaptureMode.FIREHOSE).withFirehoseConsent(true)
                .withManagement(nova.managementUrl()), new EventHub());
        Path recording = Files.createTempFile("osloscope-real-nova-boot", ".jsonl");
        try (OutputStream os = Files.newOutputStream(recording)) {
            RecordingWriter writer = new RecordingWriter(os, sniffer.pipeline().decoder().mapper(), true, false);
            writer.writeHeader(Instant.now(), "firehose", "real nova " + nova.vhost());
            sniffer.addListener(writer);
            sniffer.start();

            String name = "osloscope-trace-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> boot = request("POST", "/servers", Map.of("server", Map.of("name", name,
                    "flavorRef", nova.flavor(), "imageRef", nova.image(), "networks", "none")));
            assertEquals(202, boot.statusCode(), boot.body());
            server = JSON.readTree(boot.body()).path("server").path("id").asText();
            String requestId = boot.headers().firstValue("x-compute-request-id").orElseThrow();
            awaitStatus(server, "ACTIVE", Duration.ofSeconds(120));
            // the compute's last saves and its fanout follow ACTIVE by a moment; wait for quiet, then stop
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int quiet = 0;
            while (quiet < 3 && System.nanoTime() < until) {
                quiet = sniffer.calls().pendingCalls().isEmpty() ? quiet + 1 : 0;
                Thread.sleep(500);
            }
            sniffer.stop();
            writer.flush();

            RecordingTraces.Result r = RecordingTraces.read(recording);
            RequestTrace trace = r.traces().trace(requestId);
            assertNotNull(trace, "a trace for " + requestId + " among " + r.traces().size());
            List<String> seen = trace.hops().stream().map(h -> h.kind() + " " + h.method() + " -> " + h.toTopic()
                    + (h.toServer() == null ? "" : "." + h.toServer()) + " " + h.outcome()).toList();
            int schedule = index(trace, "cast", "schedule_and_build_instances", "conductor", null, seen);
            int select = index(trace, "call", "select_destinations", "scheduler", null, seen);
            // NOTE(bed): the scheduler picks any compute registered on the bed's vhost, not always nova.compute()
            int build = index(trace, "cast", "build_and_run_instance", "compute", ANY, seen);
            String compute = trace.hops().get(build).toServer();
            int save = index(trace, "call", "object_action", "conductor", null, seen, build);
            int fanout = index(trace, "fanout", null, "scheduler", null, seen, build);
            assertTrue(schedule < select && select < build && build < save && build < fanout, "in order: " + seen);
            TraceHop selectHop = trace.hops().get(select);
            assertEquals("replied", selectHop.outcome(), seen.toString());
            assertTrue(selectHop.latencyMs() != null && selectHop.latencyMs() > 0, "select_destinations latency");
            assertEquals("replied", trace.hops().get(save).outcome());
            assertTrue(trace.lanes().contains("compute@" + compute), "lanes " + trace.lanes());
            // the recording names its senders (the management API's connections), so the lanes are processes; the
            // api's connection may be newer than the management API's listing when it publishes (it opens it for
            // this boot): then the sniffer asks the API again and records the sender once listed, and the reader
            // names the api's messages with it
            assertTrue(trace.fromLane(trace.hops().get(schedule)).startsWith("api@"), "lanes " + trace.lanes());
            assertTrue(trace.fromLane(trace.hops().get(select)).startsWith("conductor@"), "lanes " + trace.lanes());
            String saved = System.getProperty("osloscope.trace.keep");
            if (saved != null) {
                Files.copy(recording, Path.of(saved), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.printf("real nova boot %s: %d hops, %d traces in %d messages%n", requestId, trace.hops().size(),
                    r.traces().size(), r.messages());
        } finally {
            Files.deleteIfExists(recording);
        }
    }

    private static int index(RequestTrace t, String kind, String method, String topic, String server, List<String> seen) {
        return index(t, kind, method, topic, server, seen, -1);
    }

    /** The first hop after {@code after} with that kind, method (null: any), topic and server. */
    private static int index(RequestTrace t, String kind, String method, String topic, String server, List<String> seen,
                             int after) {
        for (int i = after + 1; i < t.hops().size(); i++) {
            TraceHop h = t.hops().get(i);
            if (kind.equals(h.kind()) && (method == null || method.equals(h.method())) && topic.equals(h.toTopic())
                    && (ANY.equals(server) ? h.toServer() != null : java.util.Objects.equals(server, h.toServer()))) {
                return i;
            }
        }
        fail(kind + " " + method + " -> " + topic + (server == null ? "" : "." + server) + " after hop " + after
                + " not in " + seen);
        return -1;
    }

    private HttpResponse<String> request(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(nova.apiUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", TOKEN).header("OpenStack-API-Version", "compute 2.79")
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String id, String status, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        String last = "?";
        while (System.nanoTime() < until) {
            HttpResponse<String> r = request("GET", "/servers/" + id, null);
            if (r.statusCode() == 404) {
                last = "GONE";
            } else {
                JsonNode s = JSON.readTree(r.body()).path("server");
                last = s.path("status").asText() + "/" + s.path("OS-EXT-STS:task_state").asText("-");
            }
            if (last.equals(status) || last.equals(status + "/-") || last.equals(status + "/null")) {
                return;
            }
            Thread.sleep(250);
        }
        fail("server " + id + " still " + last + " after " + within + ", wanted " + status);
    }
}
