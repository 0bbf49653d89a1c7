package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.record.RecordingWriter;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RealNova;
import io.osloscope.engine.testsupport.RequiresRealNova;
import io.osloscope.engine.wire.MessageKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real nova (Debian's nova Zed, started by {@code .ci/nova start}) boots a server and takes it through its
 * lifecycle over the REST API while the sniffer captures the bed's vhost with the firehose. The assertions
 * are what a user looks for in the stream: each call paired with its reply, the boot's cast to the
 * conductor, its select_destinations call to the scheduler and its build_and_run_instance cast to
 * {@code compute.<host>}, the compute's object_action calls, the scheduler fanout, one request id over all
 * of them, and no auth token in what the sniffer writes out.
 */
@RequiresRealNova
class RealNovaSniffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** noauth2's token ("user:project"); nova puts it in every message's context as _context_auth_token. */
    private static final String TOKEN = "admin:admin";

    private final RealNova nova = RealNova.find();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> serversToDelete = new ArrayList<>();
    private Sniffer sniffer;

    @AfterEach
    void cleanUp() throws Exception {
        if (sniffer != null) {
            sniffer.close();
        }
        for (String id : serversToDelete) {
            try {
                if (request("DELETE", "/servers/" + id, null).statusCode() == 204) {
                    awaitStatus(id, "GONE", Duration.ofSeconds(60));
                }
            } catch (Exception e) {
                System.err.println("could not delete server " + id + ": " + e.getMessage());
            }
        }
    }

    @Test
    void bootAndLifecycleOfARealNovaServerAreCapturedPairedAndTiedTogetherByTheRequestId() throws Exception {
        ManagementClient mgmt = new ManagementClient(nova.managementUrl(), RabbitTestSupport.user(),
                RabbitTestSupport.password(), Duration.ofSeconds(10), null);
        boolean tracingBefore = mgmt.vhost(nova.vhost()).tracing();
        RabbitSettings settings = new RabbitSettings(List.of(new RabbitSettings.HostPort(RabbitTestSupport.host(),
                RabbitTestSupport.port())), RabbitTestSupport.user(), RabbitTestSupport.password(), nova.vhost(), 30, null);
        sniffer = new Sniffer(SnifferOptions.of(settings, CaptureMode.FIREHOSE).withFirehoseConsent(true)
                .withManagement(nova.managementUrl()), new EventHub());
        ByteArrayOutputStream redactedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        RecordingWriter redacted = new RecordingWriter(redactedOut, sniffer.pipeline().decoder().mapper(), true, false);
        RecordingWriter plain = new RecordingWriter(plainOut, sniffer.pipeline().decoder().mapper(), false, false);
        List<SniffedMessage> seen = new CopyOnWriteArrayList<>();
        sniffer.addListener(redacted);
        sniffer.addListener(plain);
        sniffer.addListener((m, d) -> seen.add(m));
        sniffer.start();
        assertTrue(mgmt.vhost(nova.vhost()).tracing(), "firehose on for " + nova.vhost());

        // Boot, then console output, reboot, stop, start and delete, each awaited as a user would.
        String name = "osloscope-rn-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> boot = request("POST", "/servers", Map.of("server", Map.of("name", name,
                "flavorRef", nova.flavor(), "imageRef", nova.image(), "networks", "none")));
        assertEquals(202, boot.statusCode(), boot.body());
        String id = JSON.readTree(boot.body()).path("server").path("id").asText();
        serversToDelete.add(id);
        String bootRequestId = boot.headers().firstValue("x-compute-request-id").orElseThrow();
        awaitStatus(id, "ACTIVE", Duration.ofSeconds(120));

        HttpResponse<String> console = request("POST", "/servers/" + id + "/action",
                Map.of("os-getConsoleOutput", Map.of("length", 5)));
        assertEquals(200, console.statusCode(), console.body());
        action(id, Map.of("reboot", Map.of("type", "SOFT")), "ACTIVE");
        action(id, singleton("os-stop"), "SHUTOFF");
        action(id, singleton("os-start"), "ACTIVE");
        assertEquals(204, request("DELETE", "/servers/" + id, null).statusCode());
        awaitStatus(id, "GONE", Duration.ofSeconds(120));
        serversToDelete.remove(id);

        // Let calls in flight (the compute's periodic tasks too) get their replies, then stop capturing.
        // A call still in the sniffer's inbox is not pending yet, so wait for two quiet checks and only hold
        // calls sent 2 s before that to having a reply.
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int quietChecks = 0;
        while (quietChecks < 2 && System.nanoTime() < until) {
            quietChecks = sniffer.calls().pendingCalls().isEmpty() ? quietChecks + 1 : 0;
            Thread.sleep(500);
        }
        Instant quiet = Instant.now().minusSeconds(2);
        sniffer.stop();
        assertEquals(tracingBefore, mgmt.vhost(nova.vhost()).tracing(), "tracing is back as it was");

        List<SniffedMessage> published = seen.stream().filter(m -> m.raw().isPublish()).toList();
        String compute = "compute." + nova.compute();

        // Every call is paired with its reply (calls sent after the capture went quiet may still be open).
        Set<String> paired = published.stream().filter(m -> m.kind().isReply() && m.pairing() == Outcome.PAIRED)
                .map(SniffedMessage::msgId).collect(Collectors.toSet());
        List<SniffedMessage> calls = published.stream().filter(m -> m.kind() == MessageKind.CALL).toList();
        List<String> unpaired = calls.stream().filter(c -> !paired.contains(c.msgId()) && c.raw().at().isBefore(quiet))
                .map(c -> c.method() + "@" + c.raw().routingKey() + " " + c.msgId()).toList();
        assertTrue(calls.size() >= 10, "calls captured: " + calls.size());
        assertEquals(List.of(), unpaired, "calls without a paired reply");

        // The boot: api -> conductor (cast), conductor -> scheduler (call), conductor -> compute (cast).
        SniffedMessage schedule = one(published, bootRequestId, MessageKind.CAST, "nova", "conductor",
                "schedule_and_build_instances");
        assertEquals("compute_task", namespace(schedule));
        SniffedMessage select = one(published, bootRequestId, MessageKind.CALL, "nova", "scheduler", "select_destinations");
        assertTrue(paired.contains(select.msgId()), "select_destinations got its reply");
        SniffedMessage build = one(published, bootRequestId, MessageKind.CAST, "nova", compute, "build_and_run_instance");
        assertTrue(schedule.raw().at().compareTo(select.raw().at()) <= 0
                && select.raw().at().compareTo(build.raw().at()) <= 0, "cast, call and cast in that order");

        // The compute has no database: it saves the instance through object_action calls to the conductor.
        List<SniffedMessage> objectActions = published.stream().filter(m -> m.kind() == MessageKind.CALL
                && "conductor".equals(m.raw().routingKey()) && "object_action".equals(m.method())).toList();
        assertTrue(objectActions.stream().anyMatch(m -> bootRequestId.equals(m.requestId())
                && "Instance".equals(args(m).path("objinst").path("nova_object.name").asText())
                && "save".equals(args(m).path("objmethod").asText())), "Instance.save of the boot: " + objectActions);
        assertTrue(objectActions.stream().allMatch(m -> paired.contains(m.msgId()) || !m.raw().at().isBefore(quiet)),
                "object_action calls all answered");

        // Every publish names its sender: the process (its pid in the group .ci/nova started for that service) and
        // its host; replies name the server that answered.
        List<String> unnamed = published.stream().filter(m -> m.from() == null || m.from().pid() == null
                || m.from().host() == null).map(m -> m.kind().wireName() + " " + m.displayMethod() + " from "
                + (m.from() == null ? "?" : m.from().label()) + " via " + m.raw().connection()).toList();
        assertEquals(List.of(), unnamed, "publishes without a named sender");
        boolean consoleScriptNames = mgmt.connections(nova.vhost()).stream()
                .noneMatch(c -> c.connectionName() != null && c.connectionName().startsWith("-c:"));
        assertSender(schedule, consoleScriptNames ? "nova-api" : null, "127.0.0.1", "api");
        assertSender(select, "nova-conductor", nova.controller(), "conductor");
        assertSender(build, "nova-conductor", nova.controller(), "conductor");
        SniffedMessage selectReply = published.stream().filter(m -> m.kind().isReply() && m.pairing() == Outcome.PAIRED
                && select.msgId().equals(m.msgId())).findFirst().orElseThrow();
        assertSender(selectReply, "nova-scheduler", nova.controller(), "scheduler");
        assertEquals("nova-scheduler@" + nova.controller(), selectReply.from().label(), "the reply names its server");

        // The compute's conductor calls read as the object and method they carry, with the instance's uuid.
        List<SniffedMessage> saves = objectActions.stream().filter(m -> bootRequestId.equals(m.requestId())
                && "Instance.save".equals(m.displayMethod())).toList();
        assertFalse(saves.isEmpty(), "Instance.save among " + objectActions.stream().map(SniffedMessage::displayMethod).toList());
        for (SniffedMessage save : saves) {
            assertEquals(id, save.objectCall().objectUuid());
            assertFalse(save.objectCall().changedFields().isEmpty(), "a save says what changed");
            assertSender(save, "nova-compute", nova.compute(), "compute");
        }
        assertTrue(published.stream().anyMatch(m -> "object_class_action_versions".equals(m.method())
                && m.objectCall() != null && m.objectCall().objectClass() != null
                && m.objectCall().objectMethod() != null), "a class call (e.g. Service.get_by_compute_host) decoded");
        assertTrue(published.stream().filter(m -> m.kind() == MessageKind.FANOUT).allMatch(m ->
                "nova-compute".equals(m.from().service())), "the scheduler fanouts come from the compute");
        assertTrue(plainOut.toString(StandardCharsets.UTF_8).contains("\"object_class\":\"Instance\""),
                "records carry object_class");

        // The lifecycle's casts and the console call reach the compute's own queue.
        for (String method : List.of("reboot_instance", "stop_instance", "start_instance", "terminate_instance")) {
            assertTrue(published.stream().anyMatch(m -> m.kind() == MessageKind.CAST && compute.equals(m.raw().routingKey())
                    && method.equals(m.method())), method + " cast to " + compute);
        }
        assertTrue(published.stream().anyMatch(m -> m.kind() == MessageKind.CALL && compute.equals(m.raw().routingKey())
                && "get_console_output".equals(m.method()) && paired.contains(m.msgId())), "get_console_output answered");

        // The compute tells every scheduler about its instances through the scheduler fanout.
        assertTrue(published.stream().anyMatch(m -> m.kind() == MessageKind.FANOUT
                && "scheduler_fanout".equals(m.raw().exchange()) && Set.of("update_instance_info", "delete_instance_info",
                "sync_instance_info").contains(m.method())), "a fanout on scheduler_fanout");

        // One request id ties the boot together across api, conductor, scheduler and compute.
        Set<String> bootTraffic = published.stream().filter(m -> bootRequestId.equals(m.requestId()))
                .map(m -> m.kind().wireName() + " " + m.raw().routingKey() + " " + m.method()).collect(Collectors.toSet());
        assertTrue(bootTraffic.size() >= 4, "the boot's request id is on: " + bootTraffic);

        // The token is on the wire (as with keystone), but never in what the sniffer writes out.
        Set<String> tokens = new HashSet<>();
        for (SniffedMessage m : published) {
            JsonNode token = oslo(m).path("_context_auth_token");
            if (token.isTextual() && !token.asText().isEmpty()) {
                tokens.add(token.asText());
            }
        }
        assertEquals(Set.of(TOKEN), tokens, "nova sends the request's token in its RPC context");
        redacted.close();
        plain.close();
        List<String> redactedLines = redactedOut.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> plainLines = plainOut.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(seen.size(), redactedLines.size());
        for (String line : redactedLines) {
            JsonNode o = JSON.readTree(line);
            String body = o.path("body_b64").isTextual()
                    ? new String(Base64.getDecoder().decode(o.path("body_b64").asText()), StandardCharsets.UTF_8) : "";
            for (String token : tokens) {
                assertFalse(line.contains(token) || body.contains(token), "a redacted record holds the token: " + line);
            }
        }
        for (String line : plainLines) {
            String decoded = JSON.readTree(line).path("decoded").toString();
            for (String token : tokens) {
                assertFalse(decoded.contains(token), "a record's decoded view holds the token");
            }
        }
        System.out.printf("real nova: %d messages (%d published), %d calls paired, boot %s on %d message kinds%n",
                seen.size(), published.size(), paired.size(), bootRequestId, bootTraffic.size());
    }

    /**
     * The message came from {@code service} (null: a bed whose services are not named by their console script) on
     * {@code host}, from a process of the group {@code .ci/nova} started as {@code group}.
     */
    private static void assertSender(SniffedMessage m, String service, String host, String group) throws Exception {
        String what = m.kind().wireName() + " " + m.displayMethod() + " from " + m.from();
        if (service != null) {
            assertEquals(service, m.from().service(), what);
        }
        assertEquals(host, m.from().host(), what);
        java.nio.file.Path pgidFile = RealNova.stateDir().resolve("pgid").resolve(group);
        if (java.nio.file.Files.isReadable(pgidFile)) {
            String pgid = java.nio.file.Files.readString(pgidFile).trim().split("\\s+")[0];
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", m.from().pid().toString(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(pgid, fields[2], what + ": pid " + m.from().pid() + " in the " + group + " process group");
        }
    }

    private static Map<String, Object> singleton(String action) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(action, null);
        return m;
    }

    private void action(String id, Map<String, Object> body, String status) throws Exception {
        HttpResponse<String> r = request("POST", "/servers/" + id + "/action", body);
        assertEquals(202, r.statusCode(), r.body());
        awaitStatus(id, status, Duration.ofSeconds(120));
    }

    private static SniffedMessage one(List<SniffedMessage> published, String requestId, MessageKind kind, String exchange,
                                      String routingKey, String method) {
        Predicate<SniffedMessage> p = m -> m.kind() == kind && exchange.equals(m.raw().exchange())
                && routingKey.equals(m.raw().routingKey()) && method.equals(m.method()) && requestId.equals(m.requestId());
        List<SniffedMessage> found = published.stream().filter(p).toList();
        assertEquals(1, found.size(), kind + " " + method + " to " + exchange + "/" + routingKey + " with " + requestId);
        return found.get(0);
    }

    /** The oslo message inside the 2.0 envelope. */
    private static JsonNode oslo(SniffedMessage m) {
        try {
            JsonNode envelope = JSON.readTree(m.raw().body());
            JsonNode inner = envelope.path("oslo.message");
            return inner.isTextual() ? JSON.readTree(inner.asText()) : envelope;
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode args(SniffedMessage m) {
        return oslo(m).path("args");
    }

    private static String namespace(SniffedMessage m) {
        return oslo(m).path("namespace").asText(null);
    }

    private HttpResponse<String> request(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(nova.apiUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", TOKEN).header("OpenStack-API-Version", "compute 2.79")
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the server has {@code status} and no task state ("GONE" once it is deleted). */
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
                if ("ERROR".equals(s.path("status").asText())) {
                    fail("server " + id + " went to ERROR: " + s.path("fault"));
                }
            }
            if (last.equals(status) || last.equals(status + "/-") || last.equals(status + "/null")) {
                return;
            }
            Thread.sleep(250);
        }
        fail("server " + id + " still " + last + " after " + within + ", wanted " + status);
    }
}
