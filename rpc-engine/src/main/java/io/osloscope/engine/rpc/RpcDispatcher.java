package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.NoSuchRpcMethodException;
import io.osloscope.engine.error.UnsupportedRpcVersionException;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcVersions;
import io.osloscope.engine.wire.WireCodec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses and invokes the endpoint method for a request exactly as oslo's {@code RPCDispatcher}:
 * endpoints are scanned in list order; one is compatible when the request's namespace (null when
 * absent) is among its accepted namespaces and its version is compatible with the request's
 * (default {@code 1.0}); the first compatible endpoint having the method wins. If some endpoint
 * was compatible but none had the method: {@link NoSuchRpcMethodException}; if none was
 * compatible: {@link UnsupportedRpcVersionException}. Names starting with {@code _} are never
 * exposed. With ping enabled, oslo's {@code oslo_rpc_server_ping} endpoint (null namespace,
 * version 1.0) is appended and answers {@code "pong"}.
 *
 * <p>Thread-safe and stateless after construction; {@link #dispatch} runs the endpoint method on
 * the calling thread.
 */
public final class RpcDispatcher {

    /** An endpoint as the dispatcher sees it. */
    public record Endpoint(Object instance, String name, String namespace, String version,
                           Set<String> acceptedNamespaces, Map<String, Method> methods) {
        boolean compatible(String reqNamespace, String reqVersion) {
            return acceptedNamespaces.contains(reqNamespace == null ? NULL_NS : reqNamespace)
                    && RpcVersions.isCompatible(version, reqVersion);
        }
    }

    /** Endpoint and method chosen for a request ({@code method} null for a {@link DynamicEndpoint}). */
    public record Selection(Endpoint endpoint, Method method, String name) {
    }

    /** Arguments a method could not take, reported to the caller as Python's {@code TypeError}. */
    public static final class ArgumentMismatch extends RuntimeException {
        public ArgumentMismatch(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String NULL_NS = "\u0000null";
    private static final String DEFAULT_VERSION = "1.0";

    private final List<Endpoint> endpoints;

    /** Introspects the endpoints; throws {@link IllegalArgumentException} for unusable ones. */
    public RpcDispatcher(List<?> endpoints, boolean pingEnabled) {
        List<Endpoint> list = new ArrayList<>();
        for (Object o : endpoints) {
            list.add(introspect(Objects.requireNonNull(o, "endpoint")));
        }
        if (pingEnabled) {
            list.add(introspect(new PingEndpoint()));
        }
        this.endpoints = List.copyOf(list);
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Chooses the endpoint method, or throws NoSuchRpcMethod / UnsupportedRpcVersion with oslo's texts. */
    public Selection select(String method, String namespace, String version) {
        String v = version == null ? DEFAULT_VERSION : version;
        boolean found = false;
        for (Endpoint e : endpoints) {
            if (!e.compatible(namespace, v)) {
                continue;
            }
            found = true;
            if (method.startsWith("_")) {
                continue;
            }
            if (e.instance() instanceof DynamicEndpoint de) {
                if (de.hasMethod(method)) {
                    return new Selection(e, null, method);
                }
                continue;
            }
            Method m = e.methods().get(method);
            if (m != null) {
                return new Selection(e, m, method);
            }
        }
        if (found) {
            throw new NoSuchRpcMethodException(method);
        }
        throw new UnsupportedRpcVersionException(v, method);
    }

    /**
     * Invokes the selected method with {@code args} bound by parameter name and returns its
     * result as JSON (null result for void). Exceptions thrown by the method propagate unwrapped;
     * arguments that do not fit raise {@link ArgumentMismatch}.
     */
    public JsonNode invoke(Selection selection, RpcContext context, ObjectNode args) throws Throwable {
        if (selection.method() == null) {
            Object r = ((DynamicEndpoint) selection.endpoint().instance()).invoke(context, selection.name(), args);
            return r == null ? NullNode.instance : WireCodec.toTree(r);
        }
        Method m = selection.method();
        Parameter[] params = m.getParameters();
        Object[] values = new Object[params.length];
        values[0] = context;
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < params.length; i++) {
            Parameter p = params[i];
            names.add(p.getName());
            JsonNode node = args.get(p.getName());
            if (node == null) {
                if (p.getType().isPrimitive()) {
                    throw new ArgumentMismatch(m.getName() + "() missing 1 required positional argument: '"
                            + p.getName() + "'", null);
                }
                values[i] = null;
                continue;
            }
            values[i] = convert(node, p, m);
        }
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!names.contains(k)) {
                throw new ArgumentMismatch(m.getName() + "() got an unexpected keyword argument '" + k + "'", null);
            }
        }
        Object result;
        try {
            result = m.invoke(selection.endpoint().instance(), values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (m.getReturnType() == void.class || result == null) {
            return NullNode.instance;
        }
        return WireCodec.toTree(result);
    }

    private static Object convert(JsonNode node, Parameter p, Method m) {
        Class<?> t = p.getType();
        if (t == JsonNode.class) {
            return node;
        }
        // NOTE(perf): the common parameter types straight from their nodes, as Jackson's convertValue would give
        // them (it would write the node into a token buffer and read it back); anything else goes through Jackson
        if (t == String.class && node.isTextual()) {
            return node.textValue();
        }
        if ((t == long.class || t == Long.class) && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if ((t == int.class || t == Integer.class) && node.isInt()) {
            return node.intValue();
        }
        if ((t == boolean.class || t == Boolean.class) && node.isBoolean()) {
            return node.booleanValue();
        }
        try {
            JavaType type = WireCodec.mapper().getTypeFactory().constructType(p.getParameterizedType());
            return WireCodec.mapper().convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new ArgumentMismatch(m.getName() + "() argument '" + p.getName() + "' cannot be read as "
                    + p.getType().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static Endpoint introspect(Object instance) {
        Class<?> cls = instance.getClass();
        EndpointTarget t = cls.getAnnotation(EndpointTarget.class);
        String ns = t == null || t.namespace().isEmpty() ? null : t.namespace();
        String version = t == null ? DEFAULT_VERSION : t.version();
        RpcVersions.check(version);
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(ns == null ? NULL_NS : ns);
        if (t != null) {
            for (String legacy : t.legacyNamespaces()) {
                accepted.add("null".equals(legacy) ? NULL_NS : legacy);
            }
        }
        Map<String, Method> methods = new LinkedHashMap<>();
        if (instance instanceof DynamicEndpoint) {
            return new Endpoint(instance, cls.getName(), ns, version, Set.copyOf(accepted), Map.of());
        }
        for (Method m : cls.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()
                    || m.getParameterCount() == 0 || m.getParameterTypes()[0] != RpcContext.class
                    || m.getName().startsWith("_")) {
                continue;
            }
            if (methods.containsKey(m.getName())) {
                throw new IllegalArgumentException("endpoint " + cls.getName() + " has two RPC methods named '"
                        + m.getName() + "'; RPC methods are looked up by name and cannot be overloaded");
            }
            for (Parameter p : Arrays.copyOfRange(m.getParameters(), 1, m.getParameterCount())) {
                if (!p.isNamePresent()) {
                    throw new IllegalArgumentException("endpoint " + cls.getName() + "." + m.getName()
                            + " was compiled without -parameters; RPC arguments are bound by name");
                }
            }
            m.trySetAccessible();
            methods.put(m.getName(), m);
        }
        return new Endpoint(instance, cls.getName(), ns, version, Set.copyOf(accepted), Map.copyOf(methods));
    }

    /** oslo's {@code PingEndpoint}: no target (null namespace, 1.0), one method. */
    public static final class PingEndpoint {
        /** Answers {@code "pong"}, as oslo does for {@value OsloKeys#PING_METHOD}. */
        public String oslo_rpc_server_ping(RpcContext ctxt) {
            return "pong";
        }
    }
}
