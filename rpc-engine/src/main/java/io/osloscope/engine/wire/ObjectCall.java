package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A versioned-object call carried by an RPC: nova's conductor methods {@code object_action} (args {@code objinst},
 * the object's primitive, and {@code objmethod}), {@code object_class_action} and
 * {@code object_class_action_versions} (args {@code objname} and {@code objmethod}), as
 * {@code nova/conductor/rpcapi.py} sends them. An object primitive is oslo.versionedobjects'
 * {@code {"<ns>.name", "<ns>.namespace", "<ns>.version", "<ns>.data", "<ns>.changes"}} with {@code <ns>}
 * {@code nova_object} for nova ({@code versioned_object} for most other projects).
 *
 * @param objectClass   {@code Instance}, {@code Service}, ...
 * @param objectMethod  {@code save}, {@code get_by_compute_host}, ...
 * @param objectUuid    the object's {@code uuid} (object_action), or a class call's first argument or its
 *                      {@code uuid}/{@code instance_uuid} keyword argument when that is a uuid; null otherwise
 * @param changedFields the primitive's changed fields, in its order (empty for class calls)
 */
public record ObjectCall(String objectClass, String objectMethod, String objectUuid, List<String> changedFields) {
    public static final String OBJECT_ACTION = "object_action";
    public static final String OBJECT_CLASS_ACTION = "object_class_action";
    public static final String OBJECT_CLASS_ACTION_VERSIONS = "object_class_action_versions";
    private static final Set<String> METHODS = Set.of(OBJECT_ACTION, OBJECT_CLASS_ACTION, OBJECT_CLASS_ACTION_VERSIONS);

    public ObjectCall {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }

    /** True for the RPC methods that carry an object call. */
    public static boolean isObjectMethod(String method) {
        return method != null && METHODS.contains(method);
    }

    /** {@code Instance.save}. */
    public String label() {
        return (objectClass == null ? "?" : objectClass) + "." + (objectMethod == null ? "?" : objectMethod);
    }

    /** The object call in an RPC's args; null when the method carries none or the args do not say which. */
    public static ObjectCall read(String method, JsonNode args) {
        if (!isObjectMethod(method) || args == null || !args.isObject()) {
            return null;
        }
        String objMethod = text(args.get("objmethod"));
        if (OBJECT_ACTION.equals(method)) {
            JsonNode inst = args.get("objinst");
            if (inst == null || !inst.isObject()) {
                return objMethod == null ? null : new ObjectCall(null, objMethod, null, List.of());
            }
            String ns = namespaceOf(inst);
            String cls = ns == null ? null : text(inst.get(ns + ".name"));
            JsonNode data = ns == null ? null : inst.get(ns + ".data");
            String uuid = data == null ? null : text(data.get("uuid"));
            List<String> changes = new ArrayList<>();
            JsonNode ch = ns == null ? null : inst.get(ns + ".changes");
            if (ch != null && ch.isArray()) {
                ch.forEach(c -> changes.add(c.asText()));
            }
            return new ObjectCall(cls, objMethod, uuid, changes);
        }
        String cls = text(args.get("objname"));
        if (cls == null && objMethod == null) {
            return null;
        }
        String uuid = null;
        JsonNode positional = args.get("args");
        if (positional != null && positional.isArray() && !positional.isEmpty() && positional.get(0).isTextual()
                && looksLikeUuid(positional.get(0).textValue())) {
            uuid = positional.get(0).textValue();
        }
        JsonNode kwargs = args.get("kwargs");
        if (uuid == null && kwargs != null && kwargs.isObject()) {
            for (String k : new String[] {"uuid", "instance_uuid"}) {
                String v = text(kwargs.get(k));
                if (v != null && looksLikeUuid(v)) {
                    uuid = v;
                    break;
                }
            }
        }
        return new ObjectCall(cls, objMethod, uuid, List.of());
    }

    /** The primitive's key prefix ({@code nova_object}, {@code versioned_object}), from its {@code .name} key. */
    private static String namespaceOf(JsonNode primitive) {
        var it = primitive.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (k.endsWith(".name")) {
                return k.substring(0, k.length() - ".name".length());
            }
        }
        return null;
    }

    static boolean looksLikeUuid(String s) {
        return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-'
                && s.charAt(23) == '-' && s.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }
}
