package io.osloscope.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The few nova REST calls a load test makes ({@code /v2.1}, microversion 2.79, {@code X-Auth-Token}): boot,
 * show, delete a server; list hypervisors and compute services; disable, enable and delete a compute service.
 * A refusal is a {@link NovaRestException} with nova's own fault message on one line; the token never is.
 */
public final class NovaRest {
    public static final String MICROVERSION = "compute 2.79";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    public NovaRest(String apiUrl, String token) {
        String b = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        URI u = URI.create(b);
        if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("the nova API URL must be http:// or https://, got '" + apiUrl + "'");
        }
        this.base = b;
        this.token = token;
    }

    /** A compute service as {@code GET /os-services} lists it. */
    public record ComputeService(String id, String host, String status, String state) {
    }

    /** {@code POST /servers}; returns the new server's id. */
    public String boot(String name, String flavor, String image, String networks, String availabilityZone) {
        ObjectNode server = MAPPER.createObjectNode();
        server.put("name", name);
        server.put("flavorRef", flavor);
        server.put("imageRef", image);
        server.put("networks", networks);
        if (availabilityZone != null) {
            server.put("availability_zone", availabilityZone);
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.set("server", server);
        return send("POST", "/servers", body, 202).path("server").path("id").asText();
    }

    /** {@code GET /servers/{id}}: the server, or null once it is gone (404). */
    public JsonNode server(String id) {
        Reply r = request("GET", "/servers/" + id, null);
        if (r.status == 404) {
            return null;
        }
        return r.expect(200).path("server");
    }

    /** {@code DELETE /servers/{id}}; a server already gone is fine. */
    public void delete(String id) {
        Reply r = request("DELETE", "/servers/" + id, null);
        if (r.status != 404) {
            r.expect(204);
        }
    }

    /** Hypervisor hostnames from {@code GET /os-hypervisors}. */
    public List<String> hypervisors() {
        List<String> out = new ArrayList<>();
        send("GET", "/os-hypervisors", null, 200).path("hypervisors")
                .forEach(h -> out.add(h.path("hypervisor_hostname").asText()));
        return out;
    }

    /** {@code GET /os-services?binary=nova-compute}. */
    public List<ComputeService> computeServices() {
        List<ComputeService> out = new ArrayList<>();
        send("GET", "/os-services?binary=nova-compute", null, 200).path("services").forEach(s -> out.add(
                new ComputeService(s.path("id").asText(), s.path("host").asText(), s.path("status").asText(),
                        s.path("state").asText())));
        return out;
    }

    /** {@code PUT /os-services/{id}} with status enabled or disabled (and a reason when disabling). */
    public void setServiceEnabled(String id, boolean enabled, String reason) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("status", enabled ? "enabled" : "disabled");
        if (!enabled && reason != null) {
            body.put("disabled_reason", reason);
        }
        send("PUT", "/os-services/" + id, body, 200);
    }

    /** {@code DELETE /os-services/{id}}: the service, its compute nodes, host mapping and resource providers. */
    public void deleteService(String id) {
        Reply r = request("DELETE", "/os-services/" + id, null);
        if (r.status != 404) {
            r.expect(204);
        }
    }

    private JsonNode send(String method, String path, JsonNode body, int ok) {
        return request(method, path, body).expect(ok);
    }

    private Reply request(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("OpenStack-API-Version", MICROVERSION)
                .header("X-OpenStack-Nova-API-Version", "2.79");
        if (token != null && !token.isEmpty()) {
            b.header("X-Auth-Token", token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, resp.statusCode(), resp.body());
        } catch (IOException e) {
            throw new NovaRestException("nova API " + base + " unreachable for " + method + " " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaRestException("interrupted during " + method + " " + path, 0);
        }
    }

    private record Reply(String what, int status, String text) {
        JsonNode expect(int ok) {
            JsonNode json;
            try {
                json = text == null || text.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
            } catch (IOException e) {
                json = MAPPER.createObjectNode();
            }
            if (status != ok) {
                String msg = json.isObject() && json.size() == 1 ? json.elements().next().path("message").asText("")
                        : "";
                if (msg.isEmpty()) {
                    msg = text == null ? "" : text;
                }
                msg = msg.replaceAll("\\s+", " ").trim();
                throw new NovaRestException("nova refused " + what + ": " + status + " "
                        + (msg.length() > 300 ? msg.substring(0, 300) + "..." : msg), status);
            }
            return json;
        }
    }

    /** nova refused a request or could not be reached: one line. */
    public static final class NovaRestException extends RuntimeException {
        private final int status;

        public NovaRestException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
