package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Any nova versioned object held as its primitive with ovo-style change tracking: the fields set,
 * and which of them changed since the last {@link #resetChanges()}. What a compute without database
 * access sends to the conductor ({@code Service}, {@code ComputeNode}, {@code HostMapping}) and
 * updates from the conductor's reply. Not thread-safe.
 */
public final class VersionedObject {
    private final String name;
    private final String version;
    private final ObjectNode data;
    private final Set<String> changes = new LinkedHashSet<>();

    private VersionedObject(String name, String version, ObjectNode data) {
        this.name = name;
        this.version = version;
        this.data = data;
    }

    /** A new object with no field set (like {@code objects.Service(context)}). */
    public static VersionedObject create(String name, String version) {
        return new VersionedObject(name, version, Json.object());
    }

    /** The object a primitive describes, its changes kept. */
    public static VersionedObject fromPrimitive(JsonNode primitive) {
        String n = Primitives.name(primitive);
        VersionedObject o = new VersionedObject(n, Json.text(primitive, Primitives.VERSION),
                Primitives.data(primitive, n).deepCopy());
        JsonNode c = primitive.get(Primitives.CHANGES);
        if (c != null && c.isArray()) {
            c.forEach(x -> o.changes.add(x.asText()));
        }
        return o;
    }

    /** Sets a field and marks it changed. */
    public VersionedObject set(String field, Object value) {
        data.set(field, Json.valueOf(value));
        changes.add(field);
        return this;
    }

    public JsonNode get(String field) {
        return data.get(field);
    }

    public String text(String field) {
        return Json.text(data, field);
    }

    public long number(String field) {
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? 0 : v.asLong();
    }

    public String name() {
        return name;
    }

    public Set<String> changes() {
        return Set.copyOf(changes);
    }

    public void resetChanges() {
        changes.clear();
    }

    /** The wire form, {@code nova_object.changes} only when something changed. */
    public ObjectNode toPrimitive() {
        return Primitives.of(name, version, data.deepCopy(), changes);
    }

    /**
     * Applies the first half of an {@code object_action} reply ({@code [updates, result]}) as ovo's
     * remotable wrapper does: the updated fields are loaded, and the object has no changes left.
     */
    public void applyActionReply(JsonNode reply) {
        changes.clear();
        if (reply != null && reply.isArray() && reply.size() > 0 && reply.get(0).isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> reply.get(0).fields()) {
                if (!e.getKey().equals("obj_what_changed")) {
                    data.set(e.getKey(), e.getValue());
                }
            }
        }
    }
}
