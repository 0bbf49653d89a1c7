package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.NoSuchRpcMethodException;
import io.osloscope.engine.error.UnsupportedRpcVersionException;
import io.osloscope.engine.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Endpoint selection and argument binding as oslo's RPCDispatcher (interop cases 6, 7, 8, 23). */
class RpcDispatcherTest {

    @EndpointTarget(version = "1.3")
    public static class V13 {
        public String who(RpcContext ctxt) {
            return "v13";
        }

        public int add(RpcContext ctxt, int a, int b) {
            return a + b;
        }

        public String _secret(RpcContext ctxt) {
            return "never";
        }

        public String notRpc(String x) {
            return x;
        }
    }

    @EndpointTarget(namespace = "ns1", version = "1.0")
    public static class Ns1 {
        public String who(RpcContext ctxt) {
            return "ns1";
        }
    }

    @EndpointTarget(namespace = "ns2", version = "2.5", legacyNamespaces = {"old"})
    public static class Ns2 {
        public String who(RpcContext ctxt) {
            return "ns2";
        }
    }

    public static class Plain {
        public Map<String, Object> echo(RpcContext ctxt, Map<String, Object> value) {
            return value;
        }

        public JsonNode raw(RpcContext ctxt, JsonNode value) {
            return value;
        }

        public void nothing(RpcContext ctxt) {
        }
    }

    private final RpcDispatcher d = new RpcDispatcher(List.of(new V13(), new Ns1(), new Ns2(), new Plain()), false);

    private static ObjectNode args(String json) {
        return (ObjectNode) WireCodec.parse(json.getBytes());
    }

    private JsonNode run(String method, String ns, String version, String args) throws Throwable {
        RpcDispatcher.Selection s = d.select(method, ns, version);
        return d.invoke(s, new RpcContext(Map.of(), null, null, method, ns, version), args(args));
    }

    @Test
    void requestsUpToTheEndpointsMinorAreServed() throws Throwable {
        for (String v : new String[]{null, "1.0", "1.1", "1.2", "1.3"}) {
            assertEquals("v13", run("who", null, v, "{}").textValue(), v);
        }
    }

    @Test
    void higherVersionsFailWithOslosExactText() {
        for (String v : new String[]{"1.4", "2.0", "1.3.1"}) {
            UnsupportedRpcVersionException e = assertThrows(UnsupportedRpcVersionException.class,
                    () -> d.select("who", null, v));
            assertEquals("Endpoint does not support RPC version " + v + ". Attempted method: who", e.getMessage());
        }
    }

    @Test
    void aNamespaceReachesOnlyItsEndpointsAndLegacyNamespaces() throws Throwable {
        assertEquals("ns1", run("who", "ns1", "1.0", "{}").textValue());
        assertEquals("ns2", run("who", "ns2", "2.5", "{}").textValue());
        assertEquals("ns2", run("who", "old", "2.0", "{}").textValue());
        assertEquals("v13", run("who", null, "1.0", "{}").textValue());
        assertThrows(UnsupportedRpcVersionException.class, () -> d.select("who", "ns3", "1.0"));
    }

    @Test
    void unknownAndUnderscoreMethodsAreNoSuchMethodWithOslosText() {
        NoSuchRpcMethodException e = assertThrows(NoSuchRpcMethodException.class, () -> d.select("nope", null, "1.0"));
        assertEquals("Endpoint does not support RPC method nope", e.getMessage());
        assertThrows(NoSuchRpcMethodException.class, () -> d.select("_secret", null, "1.0"));
        assertThrows(NoSuchRpcMethodException.class, () -> d.select("notRpc", null, "1.0"));
    }

    @Test
    void theFirstCompatibleEndpointWithTheMethodWinsInListOrder() {
        RpcDispatcher.Selection s = d.select("echo", null, "1.0");
        assertTrue(s.endpoint().instance() instanceof Plain);
        assertSame(V13.class, d.select("who", null, "1.0").endpoint().instance().getClass());
    }

    @Test
    void argumentsAreBoundByNameAndConvertedWithJackson() throws Throwable {
        assertEquals(5, run("add", null, "1.0", "{\"b\": 3, \"a\": 2}").intValue());
        assertEquals(WireCodec.parse("{\"k\": [1, 2]}".getBytes()), run("echo", null, "1.0", "{\"value\": {\"k\": [1, 2]}}"));
        assertEquals(WireCodec.parse("[null, 1.5]".getBytes()), run("raw", null, "1.0", "{\"value\": [null, 1.5]}"));
        assertTrue(run("nothing", null, "1.0", "{}").isNull());
    }

    @Test
    void unexpectedOrMissingArgumentsFailLikePythonsTypeError() {
        RpcDispatcher.ArgumentMismatch extra = assertThrows(RpcDispatcher.ArgumentMismatch.class,
                () -> run("add", null, "1.0", "{\"a\": 1, \"b\": 2, \"c\": 3}"));
        assertEquals("add() got an unexpected keyword argument 'c'", extra.getMessage());
        RpcDispatcher.ArgumentMismatch missing = assertThrows(RpcDispatcher.ArgumentMismatch.class,
                () -> run("add", null, "1.0", "{\"a\": 1}"));
        assertEquals("add() missing 1 required positional argument: 'b'", missing.getMessage());
    }

    @Test
    void pingAnswersPongOnlyWhenEnabled() throws Throwable {
        RpcDispatcher withPing = new RpcDispatcher(List.of(new Ns1()), true);
        RpcDispatcher.Selection s = withPing.select("oslo_rpc_server_ping", null, null);
        assertEquals("pong", withPing.invoke(s, new RpcContext(Map.of(), null, null, "p", null, "1.0"), args("{}")).textValue());
        RpcDispatcher without = new RpcDispatcher(List.of(new V13()), false);
        assertThrows(NoSuchRpcMethodException.class, () -> without.select("oslo_rpc_server_ping", null, null));
    }

    public static class Overloaded {
        public void x(RpcContext c) {
        }

        public void x(RpcContext c, int a) {
        }
    }

    @Test
    void overloadedRpcMethodsAreRefusedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RpcDispatcher(List.of(new Overloaded()), false));
        assertTrue(e.getMessage().contains("'x'"));
    }
}
