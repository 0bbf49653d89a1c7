package io.osloscope.engine.testsupport;


import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * A throwaway vhost on the RabbitMQ 4.x test broker (management API on its port), so a test can use oslo's real
 * names (exchange nova, topic compute) without meeting other tests; deleting it removes everything declared there.
 */
public final class Rabbit4Vhost implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String name;

    private Rabbit4Vhost(String name) {
        this.name = name;
    }

    public static Rabbit4Vhost create() {
        Rabbit4Vhost v = new Rabbit4Vhost("osloscope-dialect-" + UUID.randomUUID().toString().substring(0, 8));
        v.send("PUT", "/api/vhosts/" + v.encoded(), "{}");
        v.send("PUT", "/api/permissions/" + v.encoded() + "/" + Rabbit4TestSupport.user(),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return v;
    }

    public String name() {
        return name;
    }

    public String encoded() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** {@code rabbit://guest:guest@host:port/<vhost>} plus {@code query} (without '?'), if any. */
    public String transportUrl(String query) {
        return "rabbit://" + Rabbit4TestSupport.user() + ":" + Rabbit4TestSupport.password() + "@"
                + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.port() + "/" + encoded()
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    public String get(String path) {
        return send("GET", path, null);
    }

    private String send(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + Rabbit4TestSupport.host() + ":"
                            + Rabbit4TestSupport.managementPort() + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((Rabbit4TestSupport.user()
                            + ":" + Rabbit4TestSupport.password()).getBytes(StandardCharsets.UTF_8)))
                    .header("content-type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
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
