package io.osloscope.engine.observe;

import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.RpcEvents.CallPaired;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every message event carries the engine's summary, and a call and its reply are paired once, as an event. */
class CallPairingTest {

    @Test
    void aSimulatedCallAndItsReplyArePairedOnceWithTheirMessageEvents() throws Exception {
        try (Transport t = Transport.open("memory://pair-" + UUID.randomUUID(), "nova")) {
            EventSubscription sub = t.events().subscribe(EventFilter.ALL, 10_000);
            RpcServer s = RpcServer.create(t, Target.topic("compute").withServer("host1"), List.of(new Object() {
                public String hello(RpcContext ctxt, String name) {
                    return "hello " + name;
                }
            }));
            s.start();
            try {
                RpcClient c = new RpcClient(t, Target.topic("compute").withServer("host1"),
                        RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(5)));
                assertEquals("hello nova", c.call(Map.of("request_id", "req-1"), "hello", Map.of("name", "nova"),
                        String.class));
                c.cast(Map.of(), "hello", Map.of("name", "cast"));
            } finally {
                s.stop();
            }
            List<EngineEvent> events = new ArrayList<>();
            sub.drainTo(events, 10_000);
            MessagePublished call = null;
            MessagePublished reply = null;
            int casts = 0;
            for (EngineEvent e : events) {
                if (e instanceof MessagePublished p) {
                    MessageSummary m = p.message().summary();
                    assertSame(m, p.message().summary(), "built once");
                    assertEquals(p.connection(), m.sender());
                    assertEquals(p.message().size(), m.size());
                    if (m.kind() == MessageKind.CALL) {
                        call = p;
                        assertEquals("hello", m.method());
                        assertEquals("req-1", m.requestId());
                        assertNotNull(m.replyQ());
                    } else if (m.kind() == MessageKind.REPLY) {
                        reply = p;
                    } else if (m.kind() == MessageKind.CAST) {
                        casts++;
                    }
                }
            }
            assertNotNull(call);
            assertNotNull(reply);
            assertEquals(1, casts);
            List<CallPaired> paired = events.stream().filter(e -> e instanceof CallPaired).map(e -> (CallPaired) e)
                    .toList();
            assertEquals(1, paired.size(), "one pairing per call: " + paired);
            CallPaired p = paired.get(0);
            assertEquals(call.seq(), p.callSeq());
            assertEquals(reply.seq(), p.replySeq());
            assertEquals(call.message().summary().msgId(), p.msgId());
            assertEquals("hello", p.method());
            assertEquals("req-1", p.requestId());
            assertEquals("PAIRED", p.outcome());
            assertNull(p.failureClass());
            assertFalse(p.latency().isNegative());
            sub.close();
        }
    }

    @Test
    void theRpcLayersOutcomeEventsNameTheirCallsMessageEvent() throws Exception {
        try (Transport t = Transport.open("memory://outcome-" + UUID.randomUUID(), "nova")) {
            EventSubscription sub = t.events().subscribe(EventFilter.ALL, 10_000);
            RpcServer s = RpcServer.create(t, Target.topic("compute").withServer("host1"), List.of(new Object() {
                public String hello(RpcContext ctxt, String name) {
                    return "hello " + name;
                }

                public String boom(RpcContext ctxt) {
                    throw new IllegalStateException("boom");
                }
            }));
            s.start();
            RpcClient c = new RpcClient(t, Target.topic("compute").withServer("host1"),
                    RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(5)));
            try {
                c.call(Map.of(), "hello", Map.of("name", "nova"));
                org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                        () -> c.call(Map.of(), "boom", Map.of()));
            } finally {
                s.stop();
            }
            RpcClient toNobody = new RpcClient(t, Target.topic("compute").withServer("host2"),
                    RpcClient.Options.defaults().withTimeout(Duration.ofMillis(300)));
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> toNobody.call(Map.of(), "hello", Map.of("name", "late")));
            List<EngineEvent> events = new ArrayList<>();
            sub.drainTo(events, 10_000);
            Map<String, Long> callSeqByMsgId = new java.util.HashMap<>();
            for (EngineEvent e : events) {
                if (e instanceof MessagePublished p && p.message().summary().kind() == MessageKind.CALL) {
                    callSeqByMsgId.put(p.message().summary().msgId(), p.seq());
                }
            }
            assertEquals(3, callSeqByMsgId.size());
            int replies = 0;
            int timeouts = 0;
            for (EngineEvent e : events) {
                if (e instanceof RpcEvents.RpcReplyReceived r) {
                    assertEquals(callSeqByMsgId.get(r.msgId()), r.callSeq(), r.toString());
                    replies++;
                } else if (e instanceof RpcEvents.RpcTimedOut to) {
                    assertEquals(callSeqByMsgId.get(to.msgId()), to.callSeq(), to.toString());
                    timeouts++;
                } else if (e instanceof RpcEvents.RpcFailed f && f.msgId() != null
                        && callSeqByMsgId.containsKey(f.msgId())) {
                    assertEquals(callSeqByMsgId.get(f.msgId()), f.callSeq(), f.toString());
                }
            }
            assertEquals(2, replies, "the result and the remote failure");
            assertEquals(1, timeouts);
            sub.close();
        }
    }

    @Test
    void aSnapshotWithoutExchangeReadsAFanoutAsACastAndNonOsloAsOther() {
        var props = io.osloscope.engine.wire.MessageProperties.EMPTY.withContentType("application/json");
        byte[] fanout = ("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"update\\\", "
                + "\\\"args\\\": {}}\"}").getBytes();
        assertEquals(MessageKind.CAST, new MessageSnapshot(props, fanout).summary().kind());
        assertEquals(MessageKind.FANOUT, new MessageSnapshot(props, fanout, "compute_fanout", "api").summary().kind());
        assertEquals(MessageKind.OTHER, new MessageSnapshot(props, "hello".getBytes()).summary().kind());
    }
}
