package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.RemoteError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * oslo's serialized exception ({@code serialize_remote_exception}): keys {@code class},
 * {@code module}, {@code message}, {@code tb} (list of lines), {@code args} (list),
 * {@code kwargs} (object), in that order. The tolerant reader ({@link OsloDecoder}) also builds one from
 * whatever a sniffed reply carried: fields the sender left out are then null (tb: empty), and when the failure
 * string was not JSON, {@code className} is null and {@code message} holds the raw text.
 */
public record RemoteFailure(String className, String module, String message, List<String> tb, ArrayNode args,
                            ObjectNode kwargs) {
    private static final String REMOTE_SUFFIX = "_Remote";

    public RemoteFailure {
        tb = tb == null ? List.of() : List.copyOf(tb);
        if (args == null) {
            args = JsonNodeFactory.instance.arrayNode();
            args.add(message);
        }
        kwargs = kwargs == null ? JsonNodeFactory.instance.objectNode() : kwargs;
    }

    /** {@code module.Class}, or whichever of the two is known, or "unknown" (a sniffed failure may lack both). */
    public String qualifiedName() {
        if (className == null && module == null) {
            return "unknown";
        }
        if (module == null || module.isEmpty()) {
            return className;
        }
        return className == null ? module : module + "." + className;
    }

    public String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(OsloKeys.FAILURE_CLASS, className);
        o.put(OsloKeys.FAILURE_MODULE, module);
        o.put(OsloKeys.FAILURE_MESSAGE, message);
        ArrayNode t = o.putArray(OsloKeys.FAILURE_TB);
        tb.forEach(t::add);
        o.set(OsloKeys.FAILURE_ARGS, args);
        o.set(OsloKeys.FAILURE_KWARGS, kwargs);
        return PythonJson.write(o);
    }

    public static RemoteFailure fromJson(String json) {
        JsonNode n = WireCodec.parse(json.getBytes(StandardCharsets.UTF_8));
        if (!n.isObject()) {
            throw new WireFormatException("failure is not a JSON object");
        }
        List<String> tb = new ArrayList<>();
        JsonNode t = n.get(OsloKeys.FAILURE_TB);
        if (t != null && t.isArray()) {
            t.forEach(x -> tb.add(x.asText()));
        } else if (t != null && t.isTextual()) {
            tb.add(t.textValue());
        }
        JsonNode a = n.get(OsloKeys.FAILURE_ARGS);
        JsonNode k = n.get(OsloKeys.FAILURE_KWARGS);
        return new RemoteFailure(n.path(OsloKeys.FAILURE_CLASS).asText(""), n.path(OsloKeys.FAILURE_MODULE).asText(""),
                n.path(OsloKeys.FAILURE_MESSAGE).asText(""), tb, a instanceof ArrayNode an ? an : null,
                k instanceof ObjectNode ko ? ko : null);
    }

    /**
     * The caller-side exception, as oslo's {@code deserialize_remote_exception} would build a
     * {@code RemoteError}: module {@code exceptions} is read as {@code builtins}, and a
     * {@code _Remote} suffix on both class and module is stripped.
     */
    public RemoteError toRemoteError() {
        String cls = className;
        String mod = module;
        if (cls.endsWith(REMOTE_SUFFIX) && mod.endsWith(REMOTE_SUFFIX)) {
            cls = cls.substring(0, cls.length() - REMOTE_SUFFIX.length());
            mod = mod.substring(0, mod.length() - REMOTE_SUFFIX.length());
        }
        if ("exceptions".equals(mod)) {
            mod = "builtins";
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        kwargs.fields().forEachRemaining(e -> kw.put(e.getKey(), WireCodec.toJava(e.getValue())));
        return new RemoteError(cls, mod, message, tb, kw);
    }

    /**
     * Builds the failure for a Java exception: {@code class} = simple class name, {@code module}
     * = Java package, and a Python-style traceback made from the Java stack.
     */
    public static RemoteFailure ofThrowable(Throwable t, String className, String module, String message,
                                            ObjectNode kwargs) {
        List<String> tb = new ArrayList<>();
        tb.add("Traceback (most recent call last):\n");
        StackTraceElement[] st = t.getStackTrace();
        int n = Math.min(st.length, 40);
        for (int i = n - 1; i >= 0; i--) {
            StackTraceElement e = st[i];
            tb.add("  File \"" + (e.getFileName() == null ? e.getClassName() : e.getFileName()) + "\", line "
                    + Math.max(e.getLineNumber(), 0) + ", in " + e.getClassName() + "." + e.getMethodName() + "\n");
        }
        String qualified = module == null || module.isEmpty() ? className : module + "." + className;
        tb.add(qualified + ": " + message + "\n");
        ArrayNode args = JsonNodeFactory.instance.arrayNode();
        args.add(message);
        return new RemoteFailure(className, module, message, tb, args, kwargs);
    }
}
