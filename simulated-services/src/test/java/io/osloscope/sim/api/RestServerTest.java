package io.osloscope.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.CloudFixture;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.TestTransports;
import io.osloscope.sim.nova.objects.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST endpoint over real HTTP: nova's status codes, fault bodies and headers. */
class RestServerTest {
    private static Transport transport;
    private static SimulatedCloud cloud;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        transport = TestTransports.memory();
        cloud = SimulatedCloud.start(transport, 1);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        transport.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.restUrl() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static String bootActive() throws Exception {
        HttpResponse<String> r = send("POST", "/v2.1/servers",
                "{\"server\": {\"name\": \"rest-vm\", \"flavorRef\": \"1\", \"imageRef\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\"}}");
        assertEquals(202, r.statusCode(), r.body());
        String id = json(r).get("server").get("id").asText();
        assertEquals(cloud.restUrl() + "/v2.1/servers/" + id, r.headers().firstValue("Location").orElseThrow()
                .replace("localhost", "127.0.0.1"));
        assertEquals(12, json(r).get("server").get("adminPass").asText().length());
        CloudFixture.awaitStatus(cloud, id, "ACTIVE", Duration.ofSeconds(20));
        return id;
    }

    @Test
    void postedServerBecomesActiveAndStopActionTurnsItShutoff() throws Exception {
        String id = bootActive();
        HttpResponse<String> shown = send("GET", "/v2.1/servers/" + id, null);
        assertEquals(200, shown.statusCode());
        assertTrue(shown.headers().firstValue("x-openstack-request-id").orElseThrow().startsWith("req-"));
        assertEquals("ACTIVE", json(shown).get("server").get("status").asText());
        HttpResponse<String> stop = send("POST", "/v2.1/servers/" + id + "/action", "{\"os-stop\": null}");
        assertEquals(202, stop.statusCode());
        assertEquals("", stop.body());
        CloudFixture.awaitStatus(cloud, id, "SHUTOFF", Duration.ofSeconds(20));
        JsonNode list = json(send("GET", "/v2.1/servers", null));
        assertTrue(list.get("servers").toString().contains(id));
    }

    @Test
    void missingFlavorRefIsA400NamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", "/v2.1/servers", "{\"server\": {\"name\": \"x\", \"imageRef\": \"i\"}}");
        assertEquals(400, r.statusCode());
        assertEquals("application/json; charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode fault = json(r).get("badRequest");
        assertEquals(400, fault.get("code").asInt());
        assertTrue(fault.get("message").asText().startsWith("Invalid input for field/attribute server."),
                fault.toString());
        assertTrue(fault.get("message").asText().endsWith("'flavorRef' is a required property"), fault.toString());
    }

    @Test
    void unknownFlavorAndMalformedBodiesAre400() throws Exception {
        HttpResponse<String> r = send("POST", "/v2.1/servers",
                "{\"server\": {\"name\": \"x\", \"imageRef\": \"i\", \"flavorRef\": \"99\"}}");
        assertEquals(400, r.statusCode());
        assertEquals("Flavor 99 could not be found.", json(r).get("badRequest").get("message").asText());
        assertEquals(400, send("POST", "/v2.1/servers", "{not json").statusCode());
        assertEquals(400, send("POST", "/v2.1/servers", "{\"server\": {\"name\": \"x\", \"flavorRef\": \"1\","
                + " \"imageRef\": \"i\", \"color\": \"red\"}}").statusCode());
    }

    @Test
    void unknownServerIs404ItemNotFound() throws Exception {
        HttpResponse<String> r = send("GET", "/v2.1/servers/4f1e0c1d-0000-4000-8000-000000000000", null);
        assertEquals(404, r.statusCode());
        assertEquals("Instance 4f1e0c1d-0000-4000-8000-000000000000 could not be found.",
                json(r).get("itemNotFound").get("message").asText());
    }

    @Test
    void startingARunningServerIs409WithNovasMessage() throws Exception {
        String id = bootActive();
        HttpResponse<String> r = send("POST", "/v2.1/servers/" + id + "/action", "{\"os-start\": null}");
        assertEquals(409, r.statusCode());
        assertEquals("Cannot 'start' instance " + id + " while it is in vm_state active",
                json(r).get("conflictingRequest").get("message").asText());
    }

    @Test
    void unknownActionsAndBadRebootTypesAre400AndWrongMethodsAre405() throws Exception {
        String id = bootActive();
        HttpResponse<String> r = send("POST", "/v2.1/servers/" + id + "/action", "{\"os-explode\": null}");
        assertEquals(400, r.statusCode());
        assertEquals("There is no such action: os-explode", json(r).get("badRequest").get("message").asText());
        assertEquals(400, send("POST", "/v2.1/servers/" + id + "/action", "{\"reboot\": {\"type\": \"GENTLE\"}}")
                .statusCode());
        assertEquals(405, send("DELETE", "/v2.1/servers", null).statusCode());
    }
}
