package io.osloscope.sim;

import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A throw-away RabbitMQ virtual host per test (created through the management API, deleted with
 * everything in it afterwards), so the simulated cloud can use nova's real queue names
 * ({@code compute}, {@code conductor}, {@code compute.compute1}, ...) without meeting anyone else's.
 */
public final class RabbitVhost implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String name;

    private RabbitVhost(String name) {
        this.name = name;
    }

    public static RabbitVhost create() {
        RabbitVhost v = new RabbitVhost("osloscope-sim-" + UUID.randomUUID().toString().substring(0, 8));
        v.send("PUT", "/api/vhosts/" + v.encoded(), "{}");
        v.send("PUT", "/api/permissions/" + v.encoded() + "/" + RabbitTestSupport.user(),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return v;
    }

    public String name() {
        return name;
    }

    /** {@code rabbit://user:pass@host:port/<vhost>}. */
    public String transportUrl() {
        return "rabbit://" + RabbitTestSupport.user() + ":" + RabbitTestSupport.password() + "@"
                + RabbitTestSupport.host() + ":" + RabbitTestSupport.port() + "/" + name;
    }

    /** How many queues the vhost holds now. */
    public int queueCount() {
        String body = send("GET", "/api/queues/" + encoded() + "?columns=name", null);
        return body.isBlank() || body.equals("[]") ? 0 : body.split("\"name\"").length - 1;
    }

    public String queuesJson() {
        return send("GET", "/api/queues/" + encoded() + "?columns=name,messages,consumers", null);
    }

    private String encoded() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private String send(String method, String path, String body) {
        String auth = Base64.getEncoder().encodeToString((RabbitTestSupport.user() + ":"
                + RabbitTestSupport.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + RabbitTestSupport.host() + ":"
                + RabbitTestSupport.managementPort() + path)).header("Authorization", "Basic " + auth)
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300 && !(method.equals("DELETE") && r.statusCode() == 404)) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        send("DELETE", "/api/vhosts/" + encoded(), null);
    }
}
