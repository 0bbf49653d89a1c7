package io.osloscope.engine.rpc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.NodeEvents;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topology, wire properties and oslo's delivery rules, identical on every broker. */
public abstract class AbstractRpcWireConformanceTest extends RpcTestSupport {
    private static final Map<String, Object> CTXT = Map.of("request_id", "req-wire");

    private RpcClient client(Duration timeout) {
        return new RpcClient(clientTransport, Target.topic(topic).withVersion("6.0"),
                RpcClient.Options.defaults().withTimeout(timeout));
    }

    private BrokerConnection raw() {
        return broker.connect(ConnectionOptions.named("rpc-wire-test-raw"));
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode inner(byte[] body) {
        JsonNode outer = WireCodec.parse(body);
        return (ObjectNode) WireCodec.parse(utf8(outer.get("oslo.message").textValue()));
    }

    private static String keys(ObjectNode o) {
        List<String> k = new ArrayList<>();
        o.fieldNames().forEachRemaining(k::add);
        return String.join(",", k);
    }

    @Test
    void aServerDeclaresOslosTopologyAndAPythonPeersIdenticalDeclaresAreAccepted() {
        RpcServer s = server("c1", List.of(new ComputeEndpoint("c1")));
        String fanout = s.fanoutQueue();
        assertTrue(fanout.matches(java.util.regex.Pattern.quote(topic) + "_fanout_[0-9a-f]{32}"), fanout);
        try (BrokerConnection c = raw()) {
            c.declareExchange(ExchangeSpec.of(exchange, ExchangeType.TOPIC));
            c.declareQueue(QueueSpec.named(topic));
            c.declareQueue(QueueSpec.named(topic + ".c1"));
            c.declareExchange(ExchangeSpec.of(topic + "_fanout", ExchangeType.FANOUT).withAutoDelete(true));
            c.declareQueue(new QueueSpec(fanout, false, false, false, Map.of("x-expires", 1800000)));
            AmqpException e = assertThrows(AmqpException.class, () -> c.declareQueue(QueueSpec.named(topic).withDurable(true)));
            assertEquals(AmqpException.PRECONDITION_FAILED, e.replyCode());
        }
        s.stop();
        try (BrokerConnection c = raw()) {
            AmqpException gone = assertThrows(AmqpException.class, () -> c.declareQueuePassive(fanout));
            assertEquals(AmqpException.NOT_FOUND, gone.replyCode());
            assertEquals(topic, c.declareQueuePassive(topic).name(), "topic queues survive the server");
        }
    }

    @Test
    void durableAndAutoDeleteOptionsShapeTheExchangeAndTopicQueues() {
        Transport durable = transport(options.withDurableQueues(true).withTransientQueuesTtl(60));
        RpcServer s = RpcServer.create(durable, new Target(null, topic, "d1", false, null, null),
                List.of(new ComputeEndpoint("d1")));
        s.start();
        try (BrokerConnection c = raw()) {
            c.declareExchange(ExchangeSpec.of(exchange, ExchangeType.TOPIC).withDurable(true));
            c.declareQueue(QueueSpec.named(topic).withDurable(true));
            c.declareQueue(QueueSpec.named(topic + ".d1").withDurable(true));
            c.declareQueue(new QueueSpec(s.fanoutQueue(), false, false, false, Map.of("x-expires", 60000)));
        } finally {
            s.stop();
            trackQueue(topic + ".d1");
        }
    }

    @Test
    void requestsAndRepliesCarryOslosPropertiesRoutingAndKeyOrder() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        client(Duration.ofSeconds(7)).prepare().server("c1").call(CTXT, "whoami", Map.of());
        client(Duration.ofSeconds(7)).prepare().server("c1").cast(CTXT, "record", Map.of("note", "n"));
        client(Duration.ofSeconds(7)).prepare().fanout(true).cast(CTXT, "record", Map.of("note", "f"));
        eventually(Duration.ofSeconds(5), "three requests and a reply published",
                () -> events(BrokerEvents.MessagePublished.class).size() >= 4);
        List<BrokerEvents.MessagePublished> pubs = events(BrokerEvents.MessagePublished.class);
        BrokerEvents.MessagePublished call = pubs.stream().filter(p -> p.routingKey().equals(topic + ".c1")
                && inner(p.message().body()).has("_msg_id")).findFirst().orElseThrow();
        assertEquals(exchange, call.exchange());
        assertFalse(call.mandatory());
        assertEquals(WireCodec.properties(7000L), call.message().properties());
        assertEquals("method,args,version,_msg_id,_reply_q,_timeout,_unique_id,_context_request_id",
                keys(inner(call.message().body())));
        assertTrue(inner(call.message().body()).get("_timeout").isNull());
        BrokerEvents.MessagePublished cast = pubs.stream().filter(p -> p.routingKey().equals(topic + ".c1")
                && !inner(p.message().body()).has("_msg_id")).findFirst().orElseThrow();
        assertEquals(WireCodec.properties(null), cast.message().properties());
        assertEquals("method,args,version,_unique_id,_context_request_id", keys(inner(cast.message().body())));
        BrokerEvents.MessagePublished fan = pubs.stream().filter(p -> p.exchange().equals(topic + "_fanout"))
                .findFirst().orElseThrow();
        assertEquals("", fan.routingKey());
        assertEquals(WireCodec.properties(null), fan.message().properties());
        BrokerEvents.MessagePublished reply = pubs.stream().filter(p -> p.exchange().isEmpty()).findFirst().orElseThrow();
        assertEquals(clientTransport.replyQueue(), reply.routingKey());
        assertTrue(reply.mandatory());
        assertEquals(WireCodec.properties(null), reply.message().properties());
        ObjectNode r = inner(reply.message().body());
        assertEquals("result,failure,ending,_msg_id,_unique_id", keys(r));
        assertEquals(inner(call.message().body()).get("_msg_id"), r.get("_msg_id"));
        assertTrue(r.get("ending").booleanValue());
    }

    private void publishRaw(BrokerConnection c, String routingKey, MessageProperties props, byte[] body) {
        c.publish(exchange, routingKey, false, props, body);
    }

    private static byte[] castBody(String note, String uniqueId) {
        ObjectNode args = WireCodec.mapper().createObjectNode().put("note", note);
        return WireCodec.encodeRequest(new RpcRequest("record", args, null, "6.0", null, null, false, null, uniqueId,
                Map.of()));
    }

    @Test
    void aUniqueIdSeenAmongTheLastSixteenRunsOnce() {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        server("c1", List.of(ep));
        String dup = hex();
        try (BrokerConnection c = raw()) {
            publishRaw(c, topic + ".c1", WireCodec.properties(null), castBody("dup", dup));
            publishRaw(c, topic + ".c1", WireCodec.properties(null), castBody("dup", dup));
            for (int i = 0; i < 16; i++) {
                publishRaw(c, topic + ".c1", WireCodec.properties(null), castBody("n" + i, hex()));
            }
            publishRaw(c, topic + ".c1", WireCodec.properties(null), castBody("dup", dup));
        }
        eventually(Duration.ofSeconds(5), "all processed", () -> ep.notes.size() >= 18);
        sleep(200);
        assertEquals(2, ep.notes.stream().filter("dup"::equals).count(), "second copy dropped; after 16 others it runs again");
        assertEquals(1, events(RpcEvents.RpcDuplicateDropped.class).size());
        assertEquals(dup, events(RpcEvents.RpcDuplicateDropped.class).get(0).uniqueId());
    }

    @Test
    void requestsAreAckedBeforeDispatchSoAServerLostMidCallDoesNotGetThemAgain() {
        ComputeEndpoint first = new ComputeEndpoint("c1");
        RpcServer s = server("c1", List.of(first));
        client(Duration.ofSeconds(5)).prepare().server("c1").cast(CTXT, "slow", Map.of("seconds", 1.0));
        eventually(Duration.ofSeconds(5), "method started", () -> first.slowStarted.get() == 1);
        s.stop();
        ComputeEndpoint second = new ComputeEndpoint("c1");
        server("c1", List.of(second));
        sleep(800);
        assertEquals(0, second.slowStarted.get(), "an acked request must not be redelivered");
        try (BrokerConnection c = raw()) {
            assertEquals(0, c.declareQueuePassive(topic + ".c1").messageCount());
        }
    }

    @Test
    void messagesOsloRejectsAreDroppedWithoutRequeueAndToleratedOnesRun() {
        ComputeEndpoint ep = new ComputeEndpoint("c1");
        server("c1", List.of(ep));
        String rk = topic + ".c1";
        MessageProperties json = WireCodec.properties(null);
        try (BrokerConnection c = raw()) {
            publishRaw(c, rk, json.withContentType("text/plain"), castBody("plain", hex()));
            publishRaw(c, rk, json.withContentType(null), castBody("none", hex()));
            publishRaw(c, rk, json, utf8("{\"oslo.version\": \"2.1\", \"oslo.message\": \"{\\\"method\\\": \\\"record\\\", \\\"args\\\": {\\\"note\\\": \\\"v21\\\"}}\"}"));
            publishRaw(c, rk, json, utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": {\"method\": \"record\", \"args\": {\"note\": \"obj\"}}}"));
            publishRaw(c, rk, json, utf8("{\"args\": {\"note\": \"nomethod\"}}"));
            publishRaw(c, rk, json.withContentEncoding(null), castBody("noencoding", hex()));
            publishRaw(c, rk, json, utf8("{\"method\": \"record\", \"args\": {\"note\": \"bare 1.0\"}, \"version\": \"6.0\"}"));
            publishRaw(c, rk, json, utf8("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"record\\\", \\\"args\\\": {\\\"note\\\": \\\"minimal\\\"}, \\\"version\\\": \\\"6.0\\\"}\"}"));
            eventually(Duration.ofSeconds(5), "tolerated ones ran", () -> ep.notes.size() == 3);
            assertEquals(java.util.Set.of("noencoding", "bare 1.0", "minimal"), java.util.Set.copyOf(ep.notes));
            eventually(Duration.ofSeconds(3), "five rejections reported",
                    () -> events(NodeEvents.ListenerFailed.class).size() >= 5);
            sleep(200);
            assertEquals(0, c.declareQueuePassive(rk).messageCount(), "rejected messages are not requeued");
            assertEquals(3, ep.notes.size());
        }
    }

    @Test
    void aLegacyTwoPartReplyReturnsTheFirstResultAndStrayRepliesAreIgnored() {
        String manualQueue = topic + ".manual";
        trackQueue(manualQueue);
        try (BrokerConnection c = raw()) {
            c.declareExchange(ExchangeSpec.of(exchange, ExchangeType.TOPIC));
            c.declareQueue(QueueSpec.named(manualQueue));
            c.bind(manualQueue, exchange, manualQueue, Map.of());
            c.consume(manualQueue, ConsumeOptions.autoAcking(), d -> {
                RpcRequest req = WireCodec.decodeRequest(d.properties(), d.body());
                MessageProperties p = WireCodec.properties(null);
                c.publish("", req.replyQ(), true, p, WireCodec.encodeReply(RpcReply.success(
                        WireCodec.toTree("stray"), hex(), hex())));
                c.publish("", req.replyQ(), true, p, WireCodec.encodeReply(new RpcReply(WireCodec.toTree("first"),
                        null, false, req.msgId(), hex())));
                c.publish("", req.replyQ(), true, p, WireCodec.encodeReply(new RpcReply(null, null, true,
                        req.msgId(), hex())));
            });
            JsonNode r = client(Duration.ofSeconds(10)).prepare().server("manual").call(CTXT, "anything", Map.of());
            assertEquals("first", r.textValue());
        }
    }

    @Test
    void heartbeatsKeepALongCallAliveUnderTheCallMonitor() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        JsonNode r = client(Duration.ofSeconds(15)).prepare().server("c1").callMonitorTimeout(Duration.ofSeconds(2))
                .call(CTXT, "slow", Map.of("seconds", 2.6));
        assertEquals("done after 2.6", r.textValue());
        long heartbeats = events(RpcEvents.RpcReplySent.class).stream().filter(e -> !e.ending()).count();
        assertTrue(heartbeats >= 2, "heartbeats every 1 s expected, saw " + heartbeats);
        BrokerEvents.MessagePublished req = events(BrokerEvents.MessagePublished.class).stream()
                .filter(p -> p.exchange().equals(exchange)).findFirst().orElseThrow();
        assertEquals(2, inner(req.message().body()).get("_timeout").intValue());
    }

    @Test
    void withoutACallMonitorNoHeartbeatIsSent() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        client(Duration.ofSeconds(10)).prepare().server("c1").call(CTXT, "slow", Map.of("seconds", 1.3));
        assertTrue(events(RpcEvents.RpcReplySent.class).stream().allMatch(RpcEvents.RpcReplySent::ending));
    }

    @Test
    void theCallMonitorFailsACallWhoseServerStaysSilent() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        long t0 = System.nanoTime();
        assertThrows(MessagingTimeoutException.class, () -> client(Duration.ofSeconds(20)).prepare().server("c1")
                .callMonitorTimeout(Duration.ofSeconds(1)).call(CTXT, "slow", Map.of("seconds", 4.0)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3500, "a 1 s call monitor (no heartbeats below 2 s) must fail long before the 20 s timeout: " + ms);
    }

    @Test
    void aReplyReturnedFromAVanishedReplyQueueIsRetriedUntilTheQueueIsBack() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        RpcClient c = client(Duration.ofSeconds(15));
        c.prepare().server("c1").call(CTXT, "whoami", Map.of());
        String replyQueue = clientTransport.replyQueue();
        CompletableFuture<JsonNode> f = c.prepare().server("c1").callAsync(CTXT, "slow", Map.of("seconds", 0.6));
        eventually(Duration.ofSeconds(5), "request received", () -> events(RpcEvents.RpcRequestReceived.class).size() >= 2);
        try (BrokerConnection raw = raw()) {
            raw.deleteQueue(replyQueue, false, false);
        }
        assertEquals("done after 0.6", f.join().textValue());
        assertFalse(events(BrokerEvents.MessageReturned.class).isEmpty(), "the first reply must have come back unroutable");
    }

    @Test
    void repliesToAQueueThatNeverReturnsAreDroppedAfterTheConfiguredBound() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        String ghost = "reply_" + hex();
        try (BrokerConnection c = raw()) {
            RpcRequest req = new RpcRequest("whoami", null, null, "6.0", hex(), ghost, true, null, hex(), Map.of());
            publishRaw(c, topic + ".c1", WireCodec.properties(5000L), WireCodec.encodeRequest(req));
            eventually(Duration.ofSeconds(6), "reply given up after the 1.5 s bound", () -> events(RpcEvents.RpcFailed.class)
                    .stream().anyMatch(e -> "MessageUndeliverable".equals(e.errorClass())));
            int returnedBefore = events(BrokerEvents.MessageReturned.class).size();
            assertTrue(returnedBefore >= 3, "retried every 0.25 s: " + returnedBefore);
            RpcRequest again = new RpcRequest("whoami", null, null, "6.0", hex(), ghost, true, null, hex(), Map.of());
            publishRaw(c, topic + ".c1", WireCodec.properties(5000L), WireCodec.encodeRequest(again));
            eventually(Duration.ofSeconds(3), "second reply dropped at once", () -> events(RpcEvents.RpcFailed.class)
                    .stream().filter(e -> again.msgId().equals(e.msgId())).count() == 1);
            sleep(300);
            assertEquals(returnedBefore, events(BrokerEvents.MessageReturned.class).size(),
                    "nothing more is published to an obsolete reply queue");
        }
    }

    @Test
    void aServerReDeclaresItsQueuesWhenTheBrokerTakesThemAway() {
        server("c1", List.of(new ComputeEndpoint("c1")));
        try (BrokerConnection c = raw()) {
            c.deleteQueue(topic + ".c1", false, false);
            eventually(Duration.ofSeconds(5), "server queue re-declared with a consumer", () -> {
                try {
                    return c.declareQueuePassive(topic + ".c1").consumerCount() == 1;
                } catch (AmqpException e) {
                    return false;
                }
            });
        }
        assertEquals("c1", client(Duration.ofSeconds(10)).prepare().server("c1").call(CTXT, "whoami", Map.of()).textValue());
    }
}
