package io.osloscope.engine.sniff;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.LatencyStats;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.observe.pairing.TrackedCall.CallStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTrackerTest {
    private final EventHub hub = new EventHub();
    private final CallTracker tracker = new CallTracker(1000, 1000, Duration.ofSeconds(60));
    private final SniffPipeline pipeline = new SniffPipeline(new OsloDecoder(), tracker, new CaptureStore(10_000), hub,
            Clock.systemUTC(), 100);

    @Test
    void everyCallInTheGoldenFirehoseTraceIsPairedWithItsReplyAndLatency() {
        List<SniffedMessage> out = new ArrayList<>();
        for (RawCapture c : TraceGolden.captures()) {
            out.add(pipeline.process(c));
        }
        List<SniffedMessage> calls = out.stream().filter(m -> m.kind() == MessageKind.CALL && m.raw().isPublish()).toList();
        List<SniffedMessage> finals = out.stream().filter(m -> m.raw().isPublish()
                && (m.kind() == MessageKind.REPLY || m.kind() == MessageKind.FAILURE_REPLY)).toList();
        assertEquals(7, calls.size());
        assertEquals(7, finals.size());
        for (SniffedMessage r : finals) {
            assertEquals(Outcome.PAIRED, r.pairing(), r.toString());
            assertTrue(r.latencyMicros() > 0, "latency of " + r.msgId());
            assertTrue(java.util.Set.of("compute-1", "127.0.0.1").contains(r.host()), "host of " + r);
        }
        assertTrue(tracker.latencyByHost().stream().anyMatch(s -> s.key().equals("compute-1") && s.count() == 6),
                tracker.latencyByHost().toString());
        assertEquals(2, out.stream().filter(m -> m.kind() == MessageKind.HEARTBEAT && m.raw().isPublish()).count());
        CallTracker.Counts counts = tracker.counts();
        assertEquals(7, counts.calls());
        assertEquals(7, counts.paired());
        assertEquals(4, counts.failures());
        assertEquals(0, counts.pending());
        assertTrue(tracker.latencyByMethod().stream().anyMatch(s -> s.key().equals("start_instance") && s.count() == 1));
        LatencyStats overall = tracker.latencyOverall();
        assertTrue(overall.p99Millis() >= overall.p50Millis() && overall.p50Millis() > 0, overall.toString());
    }

    @Test
    void aCallWithoutReplyIsFlaggedTimedOutAtItsExpirationAndALateReplyIsNoted() {
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 100);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        pipeline.process(capture(t0, "nova", "compute.h1", "3000", call("abc", "reply_x")));
        assertEquals(List.of(), pipeline.expire(t0.plusMillis(2999)));
        List<TrackedCall> expired = pipeline.expire(t0.plusMillis(3001));
        assertEquals(1, expired.size());
        assertEquals(CallStatus.TIMED_OUT, expired.get(0).status());
        assertEquals("h1", expired.get(0).host());
        SniffedMessage late = pipeline.process(capture(t0.plusSeconds(5), "", "reply_x", null, reply("abc")));
        assertEquals(Outcome.LATE_REPLY, late.pairing());
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 100);
        assertEquals(1, events.stream().filter(e -> e instanceof RpcTimedOut).count());
        assertEquals(0, events.stream().filter(e -> e instanceof RpcReplyReceived).count());
    }

    @Test
    void aReplyRoutedToNoQueueIsFlaggedAsGoingToAVanishedReplyQueue() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        pipeline.process(capture(t0, "nova", "compute", "60000", call("m1", "reply_gone")));
        RawCapture reply = new RawCapture(t0.plusMillis(12), RawCapture.PUBLISH, "", "reply_gone", List.of(),
                "10.0.0.7:5555 -> 10.0.0.1:5672", null, null, OsloDecoderTest.json(), bytes(reply("m1")));
        SniffedMessage r = pipeline.process(reply);
        assertEquals(Outcome.REPLY_QUEUE_GONE, r.pairing());
        assertEquals(12_000, r.latencyMicros());
        assertEquals("10.0.0.7", r.host(), "a topic call's host comes from the replying connection");
        SniffedMessage stray = pipeline.process(new RawCapture(t0, RawCapture.PUBLISH, "", "reply_y", List.of("reply_y"),
                null, null, null, OsloDecoderTest.json(), bytes(reply("never-seen"))));
        assertEquals(Outcome.UNMATCHED_REPLY, stray.pairing());
        assertEquals(1, tracker.counts().repliesToVanishedQueues());
        assertEquals(0, tracker.counts().paired(), "a dropped reply is not counted as paired");
        assertEquals(0, tracker.counts().pending(), "but its call is finished");
    }

    @Test
    void thePendingTableIsBoundedAndEvictionsAreCounted() {
        CallTracker small = new CallTracker(10, 5, Duration.ofSeconds(60));
        OsloDecoder d = new OsloDecoder();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            byte[] b = bytes(call("id" + i, "reply_q"));
            small.onMessage(t0, d.summarize(OsloDecoderTest.json(), b, "nova", "t"), "nova", "t", null, null);
        }
        assertEquals(10, small.pendingCalls().size());
        assertEquals(15, small.counts().evicted());
    }

    static RawCapture capture(Instant at, String exchange, String rk, String expiration, String body) {
        return new RawCapture(at, RawCapture.PUBLISH, exchange, rk, null, null, null, null,
                OsloDecoderTest.json().withExpiration(expiration), bytes(body));
    }

    static String call(String msgId, String replyQ) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"ping\\\", \\\"args\\\": {}, "
                + "\\\"_msg_id\\\": \\\"" + msgId + "\\\", \\\"_reply_q\\\": \\\"" + replyQ + "\\\", \\\"_timeout\\\": null}\"}";
    }

    static String reply(String msgId) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"result\\\": 1, \\\"failure\\\": null, "
                + "\\\"ending\\\": true, \\\"_msg_id\\\": \\\"" + msgId + "\\\"}\"}";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
