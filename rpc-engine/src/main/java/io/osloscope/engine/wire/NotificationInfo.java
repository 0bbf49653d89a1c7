package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What an oslo notification says in a listing: {@code event_type} ({@code instance.create.end}), {@code publisher_id}
 * ({@code nova-compute:cmp1} for nova's versioned notifications, {@code compute.cmp1} for its legacy ones),
 * {@code priority} ({@code INFO}, {@code ERROR}, ...) and one line of the payload: a versioned payload's class
 * ({@code <ns>.name}, e.g. {@code InstanceCreatePayload}) and the fields operators look for first
 * ({@code uuid}, {@code instance_id}, {@code volume_id}, {@code state}, {@code host}, ...), a legacy payload's same
 * fields; a payload wrapping one resource (neutron's {@code {"port": {...}}}) its name and that resource's fields.
 */
public record NotificationInfo(String eventType, String publisherId, String priority, String payloadSummary) {
    private static final String[] KEY_FIELDS = {"uuid", "instance_id", "instance_uuid", "volume_id", "snapshot_id",
            "backup_id", "id", "name", "network_id", "router_id", "port_id", "state", "status", "host"};

    /** One line of a notification payload; null when there is none. */
    public static String summarize(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            return payload.isValueNode() ? payload.asText() : payload.getNodeType().name().toLowerCase();
        }
        List<String> parts = new ArrayList<>();
        JsonNode fields = payload;
        var names = payload.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (k.endsWith("_object.name") && payload.get(k).isTextual()) {
                parts.add(payload.get(k).asText());
                JsonNode data = payload.get(k.substring(0, k.length() - ".name".length()) + ".data");
                fields = data != null && data.isObject() ? data : fields;
                break;
            }
        }
        keyFields(fields, parts);
        if (parts.isEmpty() && payload.size() == 1) {
            // neutron wraps its resource: {"port": {"id": ..., "status": ...}} reads "port id=... status=..."
            var only = payload.fields().next();
            if (only.getValue().isObject()) {
                parts.add(only.getKey());
                keyFields(only.getValue(), parts);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static void keyFields(JsonNode fields, List<String> parts) {
        for (String k : KEY_FIELDS) {
            JsonNode v = fields.get(k);
            if (v != null && v.isValueNode() && !v.isNull()) {
                parts.add(k + "=" + v.asText());
            }
        }
    }

    /**
     * The sender a publisher id names: {@code <binary>:<host>} (versioned) or {@code <service>.<host>} (legacy);
     * null for another shape.
     */
    public Sender publisher() {
        if (publisherId == null) {
            return null;
        }
        int colon = publisherId.indexOf(':');
        int dot = publisherId.indexOf('.');
        int cut = colon > 0 ? colon : dot;
        if (cut <= 0 || cut == publisherId.length() - 1) {
            return null;
        }
        return new Sender(publisherId.substring(0, cut), publisherId.substring(cut + 1), null);
    }
}
