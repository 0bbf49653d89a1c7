package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.wire.MessageProperties;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the oslo 14.0.3 golden captures copied into test resources under {@code sniff/}. */
public final class Goldens {
    public static final List<String> MESSAGE_FILES = List.of("call-request", "call-request-call-monitor",
            "call-request-topic", "call-request-version-6.1", "cast-request", "fanout-request", "reply",
            "reply-echo", "reply-heartbeat", "reply-after-heartbeats", "failure-reply", "failure-reply-builtin",
            "failure-reply-no-such-method", "failure-reply-unsupported-version");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Goldens() {
    }

    /** One golden message: where it went, its properties and body bytes. */
    public record Golden(String name, String exchange, String routingKey, List<String> routedQueues,
                         MessageProperties properties, byte[] body, JsonNode decoded) {
    }

    public static Golden load(String name) {
        JsonNode root = json("sniff/" + name + ".json");
        JsonNode amqp = root.get("amqp");
        List<String> routed = MAPPER.convertValue(amqp.get("routed_queues"),
                MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        return new Golden(name, amqp.get("exchange").asText(), amqp.get("routing_key").asText(), routed,
                PropertiesJson.fromJson(amqp.get("properties")),
                root.get("body").asText().getBytes(StandardCharsets.UTF_8), root.get("decoded"));
    }

    public static List<Golden> all() {
        return MESSAGE_FILES.stream().map(Goldens::load).toList();
    }

    public static JsonNode json(String resource) {
        try (InputStream in = Goldens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
