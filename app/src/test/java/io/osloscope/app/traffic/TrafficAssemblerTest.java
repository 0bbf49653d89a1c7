package io.osloscope.app.traffic;

import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficAssemblerTest {
    private final Wire wire = new Wire();
    private final TrafficAssembler assembler = new TrafficAssembler();

    @Test
    void castRowShowsMethodVersionAndRoutingKeyFromTheEnvelope() {
        TrafficBatch b = assembler.assemble(List.of(
                wire.published(1, "nova-conductor@ctl", "nova", "compute.compute-1", Wire.body("cast-request"))));
        TrafficRow row = b.rows().get(0);
        assertEquals("cast", row.kind());
        assertEquals("stop_instance", row.method());
        assertEquals("6.0", row.version());
        assertEquals("compute.compute-1", row.routingKey());
        assertEquals("req-3f1c2b7a-9d4e-4b8a-a1c6-0e2d5f7b9c11", row.requestId());
        assertNull(row.msgId());
        assertEquals("sent", row.status());
    }

    @Test
    void routingAndDeliveryArrivingInALaterBatchUpdateTheSameRow() {
        TrafficRow row = assembler.assemble(List.of(
                wire.published(7, "api", "nova", "compute.compute-1", Wire.body("cast-request")))).rows().get(0);
        TrafficBatch later = assembler.assemble(List.of(
                wire.routed(7, "nova", "compute.compute-1",
                        List.of(new BindingMatch("nova", "compute.compute-1", "compute.compute-1", true, "equal")),
                        List.of("compute.compute-1")),
                wire.delivered(7, "compute.compute-1", "nova-compute@compute-1", "nova", "compute.compute-1")));
        assertTrue(later.rows().isEmpty());
        assertTrue(later.outcomesChanged());
        assertEquals("delivered", row.status());
        assertEquals(List.of("compute.compute-1"), row.routed().queues());
        assertEquals("nova-compute@compute-1", row.deliveries().get(0).connection());
    }

    @Test
    void callTurnsRepliedWithLatencyAndItsReplyRowInheritsMethodAndRequestId() {
        MessagePublished callEvent = wire.published(1, "api", "nova", "compute.compute-1", Wire.body("call-request"));
        TrafficRow call = assembler.assemble(List.of(callEvent)).rows().get(0);
        assertEquals("call", call.kind());
        assertEquals("ae9fbc42e76a48c8aeab046c5c379ace", call.msgId());
        MessagePublished replyEvent = wire.published(2, "compute", "", "reply_c9573bd7e4a34bac874acbbb90f4a9e0",
                Wire.body("reply"));
        TrafficBatch b = assembler.assemble(List.of(replyEvent, wire.paired(callEvent, replyEvent, Duration.ofMillis(9)),
                new RpcReplyReceived(wire.nextSeq(), Instant.now(), call.msgId(), "start_instance",
                        Duration.ofMillis(12), null, null, callEvent.seq())));
        TrafficRow reply = b.rows().get(0);
        assertEquals("reply", reply.kind());
        assertEquals("start_instance", reply.method());
        assertEquals(call.requestId(), reply.requestId());
        assertSame(reply, call.reply());
        assertSame(call, reply.call());
        assertEquals("replied", call.status());
        assertEquals(Duration.ofMillis(12), call.latency());
    }

    @Test
    void unroutableMessagesAndTimedOutCallsAreErrors() {
        TrafficRow cast = assembler.assemble(List.of(
                wire.published(3, "api", "nova", "compute.nowhere", Wire.body("cast-request")))).rows().get(0);
        MessagePublished callEvent = wire.published(4, "api", "nova", "compute.compute-1", Wire.body("call-request"));
        TrafficRow call = assembler.assemble(List.of(callEvent)).rows().get(0);
        assembler.assemble(List.of(
                wire.routed(3, "nova", "compute.nowhere",
                        List.of(new BindingMatch("nova", "compute", "compute", false, "'compute' is not 'compute.nowhere'")),
                        List.of()),
                new RpcTimedOut(wire.nextSeq(), Instant.now(), call.msgId(), "start_instance", Duration.ofSeconds(30),
                        callEvent.seq())));
        assertEquals("unroutable", cast.status());
        assertTrue(cast.isError());
        assertEquals("timed out", call.status());
        assertTrue(call.isError());
        assertEquals(2, assembler.counts().errors());
    }

    @Test
    void aCapturedTimeoutSaysWhereTheCallWasLost() {
        MessagePublished callEvent = wire.published(5, "api", "nova", "compute.stopped", Wire.body("call-request"));
        TrafficRow call = assembler.assemble(List.of(callEvent)).rows().get(0);
        assembler.assemble(List.of(new RpcTimedOut(wire.nextSeq(), Instant.now(), call.msgId(), "start_instance",
                Duration.ofSeconds(30), callEvent.seq(), "no_consumer")));
        assertEquals("timed out: no consumer", call.status());
        assertTrue(call.isError());
    }

    @Test
    void fanoutCastsAreToldApartAndNonOsloBodiesAreOther() {
        TrafficBatch b = assembler.assemble(List.of(
                wire.published(5, "api", "compute_fanout", "", Wire.body("fanout-request")),
                wire.published(6, "tool", "amq.topic", "x", "not json".getBytes())));
        assertEquals("fanout", b.rows().get(0).kind());
        assertEquals("other", b.rows().get(1).kind());
        assertEquals(2, assembler.counts().messages());
        assertEquals(1, assembler.counts().casts());
    }

    @Test
    void theStreamTakesKindsAndFailuresFromTheEngineSummary() {
        assertEquals("cast", TrafficAssembler.kindOf(summary(Wire.body("cast-request"))));
        assertEquals("other", TrafficAssembler.kindOf(summary("hello".getBytes())));
        TrafficRow failure = assembler.assemble(List.of(
                wire.published(8, "compute", "", "reply_ab", Wire.body("failure-reply")))).rows().get(0);
        assertEquals("reply", failure.kind());
        assertEquals("InstanceNotFound", failure.failureClass());
        assertEquals("notification", TrafficAssembler.kindOf(summary(Wire.envelope("{\"event_type\": "
                + "\"compute.instance.create.end\", \"publisher_id\": \"compute.host1\", \"priority\": \"INFO\", "
                + "\"payload\": {}}"))));
    }

    private static io.osloscope.engine.wire.MessageSummary summary(byte[] body) {
        return new MessageSnapshot(Wire.OSLO, body).summary();
    }
}
