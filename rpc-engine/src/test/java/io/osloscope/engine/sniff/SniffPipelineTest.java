package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.observe.pairing.CallTracker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SniffPipelineTest {
    private static RawCapture cast(Instant at, String method) {
        return CallTrackerTest.capture(at, "nova", "compute", null, CallTrackerTestBodies.cast(method));
    }

    @Test
    void aFullInboxDropsAndCountsInsteadOfBlockingTheBrokerThread() {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(10), new EventHub(),
                Clock.systemUTC(), 2);
        Instant t = Instant.now();
        assertTrue(p.offer(cast(t, "a")));
        assertTrue(p.offer(cast(t, "b")));
        assertFalse(p.offer(cast(t, "c")));
        assertEquals(1, p.dropped());
    }

    @Test
    void aGapLandsInTheStreamBetweenTheMessagesAroundIt() throws Exception {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 100);
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(10), hub,
                Clock.systemUTC(), 100);
        Instant t = Instant.now();
        p.offer(cast(t, "before"));
        p.offerGap(t, t.plusSeconds(1), "connection lost");
        p.offer(cast(t.plusSeconds(1), "after"));
        p.start();
        SnifferRabbitTest.await(() -> p.processed() == 2, "both processed");
        p.close();
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 100);
        List<EngineEvent> relevant = events.stream()
                .filter(e -> e instanceof MessageCaptured || e instanceof CaptureGap).toList();
        assertEquals(3, relevant.size());
        assertInstanceOf(CaptureGap.class, relevant.get(1));
        assertEquals(0, p.dropped());
    }

    @Test
    void theRetainedHistoryIsBoundedAndCountsEvictions() {
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(3), new EventHub(),
                Clock.systemUTC(), 2);
        for (int i = 0; i < 5; i++) {
            p.process(cast(Instant.now(), "m" + i));
        }
        assertEquals(3, p.store().size());
        assertEquals(2, p.store().evicted());
        assertEquals(List.of("m2", "m3", "m4"), p.store().snapshot().stream().map(SniffedMessage::method).toList());
    }

    @Test
    void aCapturedCallAndItsReplyArePairedOnceAsAnEventAndCarryTheirSummaries() {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 100);
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(10), hub,
                Clock.systemUTC(), 2);
        Instant t = Instant.now();
        SniffedMessage call = p.process(CallTrackerTest.capture(t, "nova", "compute.host1", "30000",
                CallTrackerTest.call("m1", "reply_q1")));
        SniffedMessage reply = p.process(CallTrackerTest.capture(t.plusMillis(7), "", "reply_q1", null,
                CallTrackerTest.reply("m1")));
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 100);
        List<MessageCaptured> captured = events.stream().filter(e -> e instanceof MessageCaptured)
                .map(e -> (MessageCaptured) e).toList();
        assertEquals(io.osloscope.engine.wire.MessageKind.CALL, captured.get(0).message().summary().kind());
        assertEquals("reply_q1", captured.get(0).message().summary().replyQ());
        assertEquals(io.osloscope.engine.wire.MessageKind.REPLY, captured.get(1).message().summary().kind());
        List<RpcEvents.CallPaired> paired = events.stream().filter(e -> e instanceof RpcEvents.CallPaired)
                .map(e -> (RpcEvents.CallPaired) e).toList();
        assertEquals(1, paired.size());
        assertEquals(call.seq(), paired.get(0).callSeq());
        assertEquals(reply.seq(), paired.get(0).replySeq());
        assertEquals(java.time.Duration.ofMillis(7), paired.get(0).latency());
        assertEquals("PAIRED", paired.get(0).outcome());
        List<RpcEvents.RpcReplyReceived> outcomes = events.stream().filter(e -> e instanceof RpcEvents.RpcReplyReceived)
                .map(e -> (RpcEvents.RpcReplyReceived) e).toList();
        assertEquals(1, outcomes.size());
        assertEquals(call.seq(), outcomes.get(0).callSeq(), "the outcome names the call's capture event");
    }
}
