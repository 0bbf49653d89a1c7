package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The RabbitMQ management HTTP API (vhost {@code /}), read to see what each side declared and used
 * to delete what a test created. Only ever deletes the names it is given.
 */
final class RabbitManagement {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VHOST = "%2F";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    RabbitManagement() {
        this.base = "http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/api";
        String credentials = RabbitTestSupport.user() + ":" + RabbitTestSupport.password();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    List<JsonNode> queues() {
        return list(get("/queues/" + VHOST).orElseThrow());
    }

    List<JsonNode> queues(Predicate<String> name) {
        return queues().stream().filter(q -> name.test(q.path("name").asText())).toList();
    }

    Optional<JsonNode> queue(String name) {
        return get("/queues/" + VHOST + "/" + encode(name));
    }

    Optional<JsonNode> exchange(String name) {
        return get("/exchanges/" + VHOST + "/" + encode(name));
    }

    /** Bindings whose destination is {@code queue} (the default-exchange one included). */
    List<JsonNode> bindingsTo(String queue) {
        return get("/queues/" + VHOST + "/" + encode(queue) + "/bindings").map(RabbitManagement::list).orElse(List.of());
    }

    /** Consumers on the given queue. */
    List<JsonNode> consumersOf(String queue) {
        return list(get("/consumers/" + VHOST).orElseThrow()).stream()
                .filter(c -> queue.equals(c.path("queue").path("name").asText())).toList();
    }

    /** Deletes the queue if it exists. */
    void deleteQueue(String name) {
        delete("/queues/" + VHOST + "/" + encode(name));
    }

    /** Deletes the exchange if it exists. */
    void deleteExchange(String name) {
        delete("/exchanges/" + VHOST + "/" + encode(name));
    }

    /** Deletes every queue whose name passes {@code test}; returns the names deleted. */
    List<String> deleteQueues(Predicate<String> test) {
        List<String> deleted = new ArrayList<>();
        for (JsonNode q : queues(test)) {
            deleteQueue(q.path("name").asText());
            deleted.add(q.path("name").asText());
        }
        return deleted;
    }

    private Optional<JsonNode> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("management API at " + base + " unreachable (enable rabbitmq_management)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
