package io.osloscope.sim.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.osloscope.sim.nova.objects.Json;

import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.RestEvents;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nova-api's REST endpoint on the JDK's {@link HttpServer}: {@code POST /v2.1/servers},
 * {@code GET /v2.1/servers[/detail]}, {@code GET /v2.1/servers/{id}} and
 * {@code POST /v2.1/servers/{id}/action}. Errors are nova-style JSON faults. Each request runs
 * with a fresh request context ({@code req-<uuid>}, returned in {@code x-openstack-request-id}).
 */
public final class RestServer implements AutoCloseable {
    private static final Pattern SERVER = Pattern.compile("^/v2\\.1(?:/[0-9a-f]{32})?/servers/([^/]+)$");
    private static final Pattern ACTION = Pattern.compile("^/v2\\.1(?:/[0-9a-f]{32})?/servers/([^/]+)/action$");
    private static final Pattern SERVERS = Pattern.compile("^/v2\\.1(?:/[0-9a-f]{32})?/servers/?$");
    private static final Pattern DETAIL = Pattern.compile("^/v2\\.1(?:/[0-9a-f]{32})?/servers/detail$");

    private final NovaApi api;
    private final HttpServer server;
    private final ExecutorService executor;

    private RestServer(NovaApi api, HttpServer server, ExecutorService executor) {
        this.api = api;
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
    public static RestServer start(NovaApi api, String host, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
            ExecutorService ex = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "nova-api-rest");
                t.setDaemon(true);
                return t;
            });
            RestServer rs = new RestServer(api, http, ex);
            http.createContext("/", rs::handle);
            http.setExecutor(ex);
            http.start();
            return rs;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    /** {@code http://host:port}. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, Object> ctxt = NovaApi.requestContext();
        String requestId = (String) ctxt.get("request_id");
        long t0 = System.nanoTime();
        int[] status = {500};
        try {
            route(ex, ctxt, requestId, status);
        } finally {
            published(ex, status[0], System.nanoTime() - t0, requestId);
        }
    }

    /**
     * Tells whoever observes the api's transport that a request was answered ({@link RestEvents.RestExchanged}):
     * the app draws it as the client → nova-api edge and lane, linked by the request id to the RPC it caused.
     */
    private void published(HttpExchange ex, int status, long nanos, String requestId) {
        EventHub hub = api.node().transport().events();
        if (!hub.hasSubscribers()) {
            return;
        }
        String client = ex.getRemoteAddress() == null ? "client" : ex.getRemoteAddress().getAddress().getHostAddress();
        hub.publish(new RestEvents.RestExchanged(hub.nextSeq(), Instant.now(), api.node().binary(), client,
                ex.getRequestMethod(), ex.getRequestURI().getPath(), status, Duration.ofNanos(nanos), requestId));
    }

    private void route(HttpExchange ex, Map<String, Object> ctxt, String requestId, int[] status) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String base = baseUrl(ex);
            Matcher m;
            if (path.equals("/v2.1") || path.equals("/v2.1/")) {
                requireMethod(method, "GET");
                ObjectNode v = Json.object();
                ObjectNode version = v.putObject("version");
                version.put("id", "v2.1");
                version.put("status", "CURRENT");
                version.put("version", "2.93");
                version.put("min_version", "2.1");
                respond(ex, status, 200, v, requestId);
            } else if (DETAIL.matcher(path).matches()) {
                requireMethod(method, "GET");
                respond(ex, status, 200, api.listServers(base, true, ctxt), requestId);
            } else if (SERVERS.matcher(path).matches()) {
                if (method.equals("POST")) {
                    ObjectNode created = api.createServer(readJson(ex), base, ctxt);
                    JsonNode server = created.get("server");
                    if (server != null) {
                        ex.getResponseHeaders().add("Location", base + "/v2.1/servers/" + server.get("id").asText());
                    }
                    respond(ex, status, 202, created, requestId);
                } else {
                    requireMethod(method, "GET");
                    respond(ex, status, 200, api.listServers(base, false, ctxt), requestId);
                }
            } else if ((m = ACTION.matcher(path)).matches()) {
                requireMethod(method, "POST");
                ObjectNode out = api.action(m.group(1), readJson(ex), ctxt);
                respond(ex, status, out == null ? 202 : 200, out, requestId);
            } else if ((m = SERVER.matcher(path)).matches()) {
                requireMethod(method, "GET");
                respond(ex, status, 200, api.showServer(m.group(1), base, ctxt), requestId);
            } else {
                throw ApiFault.notFound("The resource could not be found.");
            }
        } catch (ApiFault f) {
            respond(ex, status, f.code(), f.body(), requestId);
        } catch (RuntimeException e) {
            respond(ex, status, 500, ApiFault.computeFault("Unexpected API Error. " + e.getClass().getSimpleName()
                    + ": " + e.getMessage()).body(), requestId);
        } finally {
            ex.close();
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new ApiFault(405, "badMethod", "The method specified is not allowed for this resource.");
        }
    }

    private static String baseUrl(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = ex.getLocalAddress().getHostString() + ":" + ex.getLocalAddress().getPort();
        }
        return "http://" + host;
    }

    private static JsonNode readJson(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            if (raw.length == 0) {
                throw ApiFault.badRequest("Malformed request body");
            }
            return Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw ApiFault.badRequest("Malformed request body");
        }
    }

    private static void respond(HttpExchange ex, int[] status, int code, JsonNode body, String requestId) throws IOException {
        status[0] = code;
        ex.getResponseHeaders().add("x-openstack-request-id", requestId);
        ex.getResponseHeaders().add("x-compute-request-id", requestId);
        if (body == null) {
            ex.sendResponseHeaders(code, -1);
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", code >= 400 ? "application/json; charset=UTF-8"
                : "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
