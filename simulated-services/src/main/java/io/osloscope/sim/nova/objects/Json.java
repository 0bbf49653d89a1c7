package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The one Jackson mapper of the simulated services, and the date formats nova puts on the wire. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter OBJECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CONTEXT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    public static JsonNode valueOf(Object value) {
        return value instanceof JsonNode j ? j : MAPPER.valueToTree(value);
    }

    /** A DateTime field of a versioned object: {@code 2024-01-02T03:00:00Z}, no fraction. */
    public static String objectTime(Instant t) {
        return OBJECT_TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The request context timestamp, parsed by nova with {@code %Y-%m-%dT%H:%M:%S.%f}. */
    public static String contextTime(Instant t) {
        return CONTEXT_TIME.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** The {@code OS-SRV-USG:launched_at} format of the REST API, e.g. {@code 2024-01-02T03:00:00.000000}. */
    public static String usageTime(String objectTime) {
        if (objectTime == null) {
            return null;
        }
        return objectTime.endsWith("Z") ? objectTime.substring(0, objectTime.length() - 1) + ".000000" : objectTime;
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
