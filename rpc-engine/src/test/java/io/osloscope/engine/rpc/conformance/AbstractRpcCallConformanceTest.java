package io.osloscope.engine.rpc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.error.InvalidTargetException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.error.RpcVersionCapException;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls, casts and fanout through the public RPC API, identical on every broker. */
public abstract class AbstractRpcCallConformanceTest extends RpcTestSupport {
    private static final Map<String, Object> CTXT = Map.of("request_id", "req-test", "user_id", "u1");

    private RpcClient client() {
        return new RpcClient(clientTransport, Target.topic(topic).withVersion("6.0"),
                RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(10)));
    }

    private static JsonNode json(String s) {
        return WireCodec.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void callReturnsResultsOfEveryJsonType() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RpcClient c = client();
        for (String v : new String[]{"{\"a\": [1, 2.5, null, true], \"b\": {\"c\": \"caf\u00e9 \u65e5\u672c\"}}", "[]",
                "\"text\"", "42", "-1.25", "true", "false", "null", "12345678901234567890"}) {
            assertEquals(json(v), c.call(CTXT, "echo", Map.of("value", json(v))), v);
        }
        assertEquals(5, c.call(CTXT, "add", Map.of("a", 2, "b", 3), Integer.class));
    }

    @Test
    void castRunsTheMethodAndNeverReplies() {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        server("c1", List.of(ep));
        client().cast(CTXT, "record", Map.of("note", "hello"));
        eventually(Duration.ofSeconds(5), "cast ran", () -> ep.notes.contains("hello"));
        assertTrue(events(RpcEvents.RpcReplySent.class).isEmpty());
        assertNull(clientTransport.replyQueue(), "a cast must not create a reply queue");
    }

    @Test
    void castAsyncCompletesOnceTheBrokerHasItAndTheMethodRuns() throws Exception {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        server("c1", List.of(ep));
        client().castAsync(CTXT, "record", Map.of("note", "async")).get(10, java.util.concurrent.TimeUnit.SECONDS);
        eventually(Duration.ofSeconds(5), "cast ran", () -> ep.notes.contains("async"));
        assertEquals("cast", events(RpcEvents.RpcCallStarted.class).get(0).kind());
        assertTrue(events(RpcEvents.RpcFailed.class).isEmpty());
    }

    @Test
    void aBurstOfCastsRunsEachOnceAndEveryOneIsAcknowledged() throws Exception {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        RpcServer s = server("c1", List.of(ep));
        RpcClient c = client();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(c.castAsync(CTXT, "record", Map.of("note", "n" + i)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, java.util.concurrent.TimeUnit.SECONDS);
        eventually(Duration.ofSeconds(20), "all 300 casts ran", () -> ep.notes.size() >= 300);
        assertEquals(300, new java.util.HashSet<>(ep.notes).size(), "each cast ran exactly once");
        s.stop();
        sleep(300);
        var conn = broker.connect(io.osloscope.engine.broker.ConnectionOptions.named("check"));
        try {
            assertEquals(0, conn.declareQueuePassive(topic).messageCount(),
                    "nothing comes back when the server stops: every request was acknowledged");
        } finally {
            conn.close();
        }
        assertEquals(300, ep.notes.size());
    }

    @Test
    void fanoutCastReachesEveryServerOfTheTopic() {
        ComputeEndpoint a = new ComputeEndpoint("a");
        ComputeEndpoint b = new ComputeEndpoint("b");
        server("a", List.of(a));
        server("b", List.of(b));
        client().prepare().fanout(true).cast(CTXT, "record", Map.of("note", "all"));
        eventually(Duration.ofSeconds(5), "both ran", () -> a.notes.contains("all") && b.notes.contains("all"));
    }

    @Test
    void aServerDirectedCallReachesOnlyThatServer() {
        server("a", List.of(new ComputeEndpoint("a")));
        server("b", List.of(new ComputeEndpoint("b")));
        for (int i = 0; i < 4; i++) {
            assertEquals("b", client().prepare().server("b").call(CTXT, "whoami", Map.of()).textValue());
            assertEquals("a", client().prepare().server("a").call(CTXT, "whoami", Map.of()).textValue());
        }
        String any = client().call(CTXT, "whoami", Map.of()).textValue();
        assertTrue(any.equals("a") || any.equals("b"));
    }

    @Test
    void anEndpointFailureArrivesAsRemoteErrorWithClassModuleMessageAndKwargs() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RemoteError e = assertThrows(RemoteError.class, () -> client().call(CTXT, "instanceNotFound", Map.of("instanceId", "i-1")));
        assertEquals("InstanceNotFound", e.excType());
        assertEquals("nova.exception", e.module());
        assertEquals("Instance i-1 could not be found.", e.value());
        assertEquals("i-1", e.kwargs().get("instance_id"));
        assertEquals("Traceback (most recent call last):\n", e.traceback().get(0));
        assertEquals("Remote error: InstanceNotFound Instance i-1 could not be found.", e.toString());
    }

    @Test
    void aJavaExceptionGoesOutWithItsSimpleNameAndPackage() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RemoteError e = assertThrows(RemoteError.class, () -> client().call(CTXT, "broken", Map.of()));
        assertEquals("IllegalStateException", e.excType());
        assertEquals("java.lang", e.module());
        assertEquals("compute is broken", e.value());
        assertTrue(e.traceback().get(e.traceback().size() - 1).startsWith("java.lang.IllegalStateException: compute is broken"));
    }

    @Test
    void unknownAndPrivateMethodsFailWithOslosNoSuchMethod() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        for (String m : new String[]{"no_such_method", "_private"}) {
            RemoteError e = assertThrows(RemoteError.class, () -> client().call(CTXT, m, Map.of()));
            assertEquals("NoSuchMethod", e.excType());
            assertEquals("oslo_messaging.rpc.dispatcher", e.module());
            assertEquals("Endpoint does not support RPC method " + m, e.value());
        }
    }

    @Test
    void aNewerMinorVersionFailsWithOslosUnsupportedVersion() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RemoteError e = assertThrows(RemoteError.class, () -> client().prepare().version("6.1").call(CTXT, "echo",
                Map.of("value", 1)));
        assertEquals("UnsupportedVersion", e.excType());
        assertEquals("oslo_messaging.rpc.dispatcher", e.module());
        assertEquals("Endpoint does not support RPC version 6.1. Attempted method: echo", e.value());
        assertEquals(1, client().prepare().version("6.0").call(CTXT, "echo", Map.of("value", 1)).intValue());
    }

    @EndpointTarget(namespace = "baseapi", version = "1.1")
    public static class BaseApi {
        public String ping(RpcContext ctxt, String arg) {
            return "base " + arg;
        }
    }

    @Test
    void aNamespaceReachesOnlyItsEndpoints() {
        server("c1", List.of(new ComputeEndpoint("c1"), new BaseApi()));
        assertEquals("base x", client().prepare().namespace("baseapi").version("1.0")
                .call(CTXT, "ping", Map.of("arg", "x")).textValue());
        RemoteError e = assertThrows(RemoteError.class, () -> client().call(CTXT, "ping", Map.of("arg", "x")));
        assertEquals("NoSuchMethod", e.excType());
        RemoteError v = assertThrows(RemoteError.class, () -> client().prepare().namespace("other").call(CTXT, "whoami", Map.of()));
        assertEquals("UnsupportedVersion", v.excType());
    }

    @Test
    void theVersionCapIsCheckedLocallyBeforeSending() {
        RpcClient capped = new RpcClient(clientTransport, Target.topic(topic).withVersion("6.0"),
                RpcClient.Options.defaults().withVersionCap("6.0").withTimeout(Duration.ofSeconds(5)));
        assertTrue(capped.canSendVersion("6.0"));
        assertFalse(capped.canSendVersion("6.1"));
        assertFalse(capped.canSendVersion("5.0") && capped.canSendVersion("7.0"));
        assertThrows(RpcVersionCapException.class, () -> capped.prepare().version("6.1").call(CTXT, "whoami", Map.of()));
        assertThrows(RpcVersionCapException.class, () -> capped.prepare().version("6.1").cast(CTXT, "whoami", Map.of()));
        assertTrue(client().canSendVersion("99.0"), "no cap: anything may be sent");
    }

    @Test
    void invalidTargetsAreRefusedLocally() {
        InvalidTargetException e = assertThrows(InvalidTargetException.class,
                () -> client().prepare().fanout(true).call(CTXT, "whoami", Map.of()));
        assertTrue(e.getMessage().startsWith("A call cannot be used with fanout"));
        assertThrows(InvalidTargetException.class, () -> new RpcClient(clientTransport, new Target(null, null, null,
                false, null, null)).cast(CTXT, "x", Map.of()));
        RpcServer noServer = RpcServer.create(serverTransport, Target.topic(topic), List.of(new ComputeEndpoint("x")));
        assertThrows(InvalidTargetException.class, noServer::start);
    }

    @Test
    void aCallNobodyAnswersTimesOutWithOslosMessage() {
        RpcClient c = new RpcClient(clientTransport, Target.topic(topic + "-nobody"),
                RpcClient.Options.defaults().withTimeout(Duration.ofMillis(600)));
        long t0 = System.nanoTime();
        MessagingTimeoutException e = assertThrows(MessagingTimeoutException.class, () -> c.call(CTXT, "whoami", Map.of()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 550, "timed out too early: " + ms + " ms");
        assertEquals("Timed out waiting for a reply to message ID " + e.msgId(), e.getMessage());
        assertEquals(e.msgId(), events(RpcEvents.RpcTimedOut.class).get(0).msgId());
    }

    @Test
    void theContextIsFlattenedAndRestoredWithClientTimeout() {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        server("c1", List.of(ep));
        Map<String, Object> ctxt = new LinkedHashMap<>();
        ctxt.put("request_id", "req-42");
        ctxt.put("roles", List.of("member", "reader"));
        ctxt.put("nova_custom_key", Map.of("x", 1));
        ctxt.put("auth_token", null);
        JsonNode seen = client().call(ctxt, "context", Map.of());
        assertEquals("req-42", seen.get("request_id").textValue());
        assertEquals(json("[\"member\", \"reader\"]"), seen.get("roles"));
        assertEquals(1, seen.get("nova_custom_key").get("x").intValue());
        assertTrue(seen.has("client_timeout") && seen.get("client_timeout").isNull());
        assertEquals("req-42", ep.lastContext.requestId());
        assertEquals("context", ep.lastContext.method());
    }

    @Test
    void concurrentCallsShareOneReplyQueueAndGetTheirOwnResults() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RpcClient c = client();
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            futures.add(c.callAsync(CTXT, "add", Map.of("a", i, "b", 1000)));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(i + 1000, futures.get(i).join().intValue());
        }
        String q = clientTransport.replyQueue();
        assertTrue(q.matches("reply_[0-9a-f]{32}"), q);
    }

    @Test
    void pingAnswersPongOnlyWhenEnabled() {
        server("c1", List.of(new ComputeEndpoint("c1")), RpcServer.Options.defaults().withPingEnabled(true));
        RpcClient plain = new RpcClient(clientTransport, Target.topic(topic), RpcClient.Options.defaults()
                .withTimeout(Duration.ofSeconds(5)));
        assertEquals("pong", plain.prepare().server("c1").call(CTXT, "oslo_rpc_server_ping", Map.of()).textValue());
        server("c2", List.of(new ComputeEndpoint("c2")));
        RemoteError e = assertThrows(RemoteError.class, () -> plain.prepare().server("c2").call(CTXT, "oslo_rpc_server_ping", Map.of()));
        assertEquals("UnsupportedVersion", e.excType(), "the 6.0 endpoint is not compatible with 1.0 and no ping endpoint exists");
    }

    @Test
    void everyStepOfACallIsOnTheEventStreamUnderOneMsgId() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        client().call(CTXT, "whoami", Map.of());
        String msgId = events(RpcEvents.RpcCallStarted.class).get(0).msgId();
        // NOTE(events): the server records "reply sent" once it handed the reply to the broker, which may be after the caller got it.
        eventually(Duration.ofSeconds(5), "server and client events", () -> !events(RpcEvents.RpcReplyReceived.class).isEmpty()
                && !events(RpcEvents.RpcReplySent.class).isEmpty());
        assertEquals("req-test", events(RpcEvents.RpcCallStarted.class).get(0).requestId());
        assertEquals(msgId, events(RpcEvents.RpcRequestReceived.class).get(0).msgId());
        assertEquals(msgId, events(RpcEvents.RpcDispatched.class).get(0).msgId());
        assertEquals(msgId, events(RpcEvents.RpcReplySent.class).get(0).msgId());
        RpcEvents.RpcReplyReceived r = events(RpcEvents.RpcReplyReceived.class).get(0);
        assertEquals(msgId, r.msgId());
        assertFalse(r.latency().isNegative());
    }

    @Test
    void anAtLeastOnceCallThatNoQueueReceivesFailsFastInsteadOfTimingOut() {
        RpcClient c = new RpcClient(clientTransport, Target.topic(topic + "-unbound"),
                RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(30)));
        long t0 = System.nanoTime();
        io.osloscope.engine.error.DeliveryFailureException e = assertThrows(
                io.osloscope.engine.error.DeliveryFailureException.class,
                () -> c.prepare().atLeastOnce(true).call(CTXT, "whoami", Map.of()));
        assertTrue(e.getMessage().startsWith("MessageUndeliverable"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 15_000, "must not wait for the 30 s timeout");
    }
}
