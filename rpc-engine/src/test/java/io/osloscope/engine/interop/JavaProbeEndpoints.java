package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Java endpoints mirroring {@code oslo_server.py}, for Python clients to call. Every request is
 * recorded with the context the Java server restored, so tests can assert what Java received.
 * Method names are snake_case on purpose: they are the RPC method names on the wire.
 */
public final class JavaProbeEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as a Java endpoint saw it. */
    record Seen(String server, String endpoint, String method, JsonNode args, Map<String, Object> ctxt, String msgId,
                String version, String namespace) {
    }

    private JavaProbeEndpoints() {
    }

    /** The null-namespace endpoint at version 1.3. */
    @EndpointTarget(version = "1.3")
    public static final class Probe {
        private final String server;
        private final Queue<Seen> seen;

        Probe(String server, Queue<Seen> seen) {
            this.server = server;
            this.seen = seen;
        }

        public JsonNode echo(RpcContext ctx, JsonNode value) {
            record(ctx, "echo", Map.of("value", value));
            return value;
        }

        public Map<String, Object> types(RpcContext ctx) {
            record(ctx, "types", Map.of());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("int", 42);
            out.put("float", 2.5);
            out.put("string", "caf\u00e9");
            out.put("bool", true);
            out.put("null", null);
            out.put("list", java.util.Arrays.asList(1, "two", null));
            out.put("object", Map.of("nested", Map.of("k", List.of(false))));
            return out;
        }

        public String fail_builtin(RpcContext ctx, String message) {
            record(ctx, "fail_builtin", Map.of("message", message));
            throw new RemoteException("ValueError", "builtins", message, Map.of());
        }

        public String fail_custom(RpcContext ctx, int code, String reason) {
            record(ctx, "fail_custom", Map.of("code", code, "reason", reason));
            throw new RemoteException("PeerError", "peer_errors", "peer error " + code + " " + reason,
                    Map.of("code", code, "reason", reason));
        }

        public String slow(RpcContext ctx, double seconds) throws InterruptedException {
            record(ctx, "slow", Map.of("seconds", seconds));
            Thread.sleep((long) (seconds * 1000));
            return "slept " + (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds));
        }

        public String whoami(RpcContext ctx) {
            record(ctx, "whoami", Map.of());
            return "default";
        }

        /** Never reachable over RPC: names starting with an underscore are private, as in oslo. */
        public String _secret(RpcContext ctx) {
            record(ctx, "_secret", Map.of());
            return "leaked";
        }

        private void record(RpcContext ctx, String method, Map<String, ?> args) {
            seen.add(new Seen(server, "default", method, JSON.valueToTree(args), Map.copyOf(nullSafe(ctx.values())),
                    ctx.msgId(), ctx.version(), ctx.namespace()));
        }
    }

    /** A second endpoint, in namespace {@code ns_extra} at version 2.1. */
    @EndpointTarget(namespace = "ns_extra", version = "2.1")
    public static final class NamespacedProbe {
        private final String server;
        private final Queue<Seen> seen;

        NamespacedProbe(String server, Queue<Seen> seen) {
            this.server = server;
            this.seen = seen;
        }

        public String whoami(RpcContext ctx) {
            seen.add(new Seen(server, "ns_extra", "whoami", JSON.createObjectNode(), Map.copyOf(nullSafe(ctx.values())),
                    ctx.msgId(), ctx.version(), ctx.namespace()));
            return "ns:ns_extra";
        }
    }

    static Queue<Seen> newLog() {
        return new ConcurrentLinkedQueue<>();
    }

    /** Map.copyOf refuses null values, which contexts are full of. */
    private static Map<String, Object> nullSafe(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v == null ? JSON.nullNode() : v));
        return out;
    }
}
