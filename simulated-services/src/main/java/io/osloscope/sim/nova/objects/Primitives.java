package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/**
 * oslo.versionedobjects primitives as nova sends them: {@code nova_object.name},
 * {@code nova_object.namespace} (always {@code nova}), {@code nova_object.version},
 * {@code nova_object.data} and, only when fields changed, {@code nova_object.changes}.
 */
public final class Primitives {
    public static final String NAME = "nova_object.name";
    public static final String NAMESPACE = "nova_object.namespace";
    public static final String VERSION = "nova_object.version";
    public static final String DATA = "nova_object.data";
    public static final String CHANGES = "nova_object.changes";

    private Primitives() {
    }

    public static ObjectNode of(String name, String version, ObjectNode data, Collection<String> changes) {
        ObjectNode p = Json.object();
        p.put(NAME, name);
        p.put(NAMESPACE, "nova");
        p.put(VERSION, version);
        p.set(DATA, data);
        if (changes != null && !changes.isEmpty()) {
            ArrayNode c = p.putArray(CHANGES);
            changes.forEach(c::add);
        }
        return p;
    }

    /** A list object ({@code InstanceList}, ...): its data is {@code {"objects": [...]}}. */
    public static ObjectNode list(String name, String version, List<? extends JsonNode> objects) {
        ObjectNode data = Json.object();
        ArrayNode arr = data.putArray("objects");
        objects.forEach(arr::add);
        return of(name, version, data, List.of("objects"));
    }

    public static boolean isPrimitive(JsonNode node) {
        return node != null && node.isObject() && node.has(NAME) && node.has(DATA);
    }

    /**
     * The data of a primitive named {@code expectedName}; a clear error for anything else, and
     * for a namespace other than {@code nova} (what nova's serializer rejects).
     */
    public static ObjectNode data(JsonNode primitive, String expectedName) {
        if (!isPrimitive(primitive)) {
            throw new IllegalArgumentException("expected a " + expectedName + " object primitive, got "
                    + (primitive == null ? "null" : primitive.getNodeType().toString().toLowerCase()));
        }
        String name = primitive.get(NAME).asText();
        if (expectedName != null && !expectedName.equals(name)) {
            throw new IllegalArgumentException("expected a " + expectedName + " object primitive, got " + name);
        }
        String ns = Json.text(primitive, NAMESPACE);
        if (ns != null && !"nova".equals(ns)) {
            throw new IllegalArgumentException("unsupported object namespace " + ns);
        }
        return (ObjectNode) primitive.get(DATA);
    }

    public static String name(JsonNode primitive) {
        return Json.text(primitive, NAME);
    }

    /** The objects of a list primitive. */
    public static List<JsonNode> objects(JsonNode listPrimitive, String expectedName) {
        JsonNode arr = data(listPrimitive, expectedName).get("objects");
        if (arr == null || !arr.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        arr.forEach(out::add);
        return out;
    }
}
