package io.osloscope.sim.nova.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.objects.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * The part of placement's REST API that nova-compute's report client ({@code scheduler/client/report.py})
 * uses for one compute node: create the root resource provider (uuid = the compute node's uuid, name = its
 * hypervisor hostname), set its inventories and traits, read its allocations, delete a consumer's
 * allocations. Every request carries {@code X-Auth-Token} (noauth2's {@code admin:admin} or a keystone token)
 * and {@code OpenStack-API-Version: placement 1.39}, the newest microversion Zed's report client asks for.
 * The token is never part of a message. Thread-safe; one client serves many computes.
 */
public final class PlacementClient {
    public static final String MICROVERSION = "placement 1.39";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;
    /** Requests in flight at once: a fleet of computes in one process must not swamp a small placement. */
    private final Semaphore inFlight = new Semaphore(4);

    public PlacementClient(String baseUrl, String token) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("placement URL must be http:// or https://, got '" + baseUrl + "'");
        }
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Where placement is, for messages. */
    public String describe() {
        return base.toString();
    }

    /** The provider's generation, or -1 when placement has no provider with this uuid. */
    public long providerGeneration(String uuid) {
        Response r = send("GET", "/resource_providers/" + uuid, null);
        if (r.status == 404) {
            return -1;
        }
        r.expect(200);
        return r.body.path("generation").asLong();
    }

    /** {@code POST /resource_providers} (a root provider); returns its generation. */
    public long createProvider(String uuid, String name) {
        ObjectNode body = Json.object();
        body.put("uuid", uuid);
        body.put("name", name);
        Response r = send("POST", "/resource_providers", body);
        if (r.status == 409) {
            long gen = providerGeneration(uuid); // a retried POST that had gone through: the provider is ours
            if (gen >= 0) {
                return gen;
            }
        }
        r.expect(200);
        return r.body.path("generation").asLong();
    }

    /**
     * {@code PUT /resource_providers/{uuid}/inventories} with the resource classes given (each a map of
     * total, reserved, min_unit, max_unit, step_size, allocation_ratio); returns the new generation. A
     * generation conflict (another writer) is retried once with the generation placement has now.
     */
    public long putInventories(String uuid, long generation, Map<String, Map<String, Object>> inventories) {
        ObjectNode body = Json.object();
        body.set("inventories", Json.valueOf(inventories));
        return putWithGeneration(uuid, "/inventories", generation, body);
    }

    /** {@code PUT /resource_providers/{uuid}/traits}; returns the new generation. */
    public long putTraits(String uuid, long generation, Collection<String> traits) {
        ObjectNode body = Json.object();
        body.set("traits", Json.valueOf(traits));
        return putWithGeneration(uuid, "/traits", generation, body);
    }

    /** {@code GET /resource_providers/{uuid}/allocations}: consumer uuid → its resources here. */
    public JsonNode providerAllocations(String uuid) {
        Response r = send("GET", "/resource_providers/" + uuid + "/allocations", null);
        r.expect(200);
        return r.body.path("allocations");
    }

    /** {@code DELETE /allocations/{consumer}} (what nova does on delete with force); a missing one is fine. */
    public void deleteAllocations(String consumerUuid) {
        Response r = send("DELETE", "/allocations/" + consumerUuid, null);
        if (r.status != 404) {
            r.expect(204);
        }
    }

    /** {@code DELETE /resource_providers/{uuid}}; a missing one is fine. */
    public void deleteProvider(String uuid) {
        Response r = send("DELETE", "/resource_providers/" + uuid, null);
        if (r.status != 404) {
            r.expect(204);
        }
    }

    private long putWithGeneration(String uuid, String what, long generation, ObjectNode body) {
        String path = "/resource_providers/" + uuid + what;
        body.put("resource_provider_generation", generation);
        Response r = send("PUT", path, body);
        if (r.status == 409 && r.text.contains("placement.concurrent_update")) {
            body.put("resource_provider_generation", providerGeneration(uuid));
            r = send("PUT", path, body);
        }
        r.expect(200);
        return r.body.path("resource_provider_generation").asLong();
    }

    private Response send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("OpenStack-API-Version", MICROVERSION);
        if (token != null && !token.isEmpty()) {
            b.header("X-Auth-Token", token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        IOException last = null;
        try {
            inFlight.acquire();
            try {
                // a connection refused or reset (a busy single-threaded placement) is tried again, as a client
                // with connect retries does; an answer, whatever its status, is not
                for (int attempt = 0; attempt < 4; attempt++) {
                    if (attempt > 0) {
                        Thread.sleep(200L << attempt);
                    }
                    try {
                        HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
                        return new Response(method, path, resp.statusCode(), resp.body());
                    } catch (IOException e) {
                        last = e;
                    }
                }
            } finally {
                inFlight.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlacementException("interrupted during " + method + " " + path, 0);
        }
        throw new PlacementException("placement " + base + " unreachable for " + method + " " + path + " (4 tries): "
                + (last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage()), 0);
    }

    private static final class Response {
        final String method;
        final String path;
        final int status;
        final String text;
        final JsonNode body;

        Response(String method, String path, int status, String text) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.text = text == null ? "" : text;
            JsonNode parsed;
            try {
                parsed = this.text.isEmpty() ? Json.object() : Json.MAPPER.readTree(this.text);
            } catch (IOException e) {
                parsed = Json.object();
            }
            this.body = parsed == null ? Json.object() : parsed;
        }

        void expect(int ok) {
            if (status != ok) {
                throw new PlacementException("placement refused " + method + " " + path + ": " + status + " "
                        + detail(), status);
            }
        }

        /** Placement's error text ({@code errors[0].title: detail}), on one line. */
        private String detail() {
            JsonNode err = body.path("errors").path(0);
            String d = err.isMissingNode() ? text : err.path("title").asText() + ": " + err.path("detail").asText();
            d = d.replaceAll("\\s+", " ").trim();
            return d.length() > 300 ? d.substring(0, 300) + "..." : d;
        }
    }
}
