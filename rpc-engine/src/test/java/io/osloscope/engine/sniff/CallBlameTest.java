package io.osloscope.engine.sniff;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.observe.pairing.Blame;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.osloscope.engine.sniff.CallTrackerTest.bytes;
import static io.osloscope.engine.sniff.CallTrackerTest.call;
import static io.osloscope.engine.sniff.CallTrackerTest.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a timed-out call lost its time, told from firehose publish and deliver traces as the sniffer sees them:
 * never delivered from a queue nobody consumes, waiting behind a backlog, delivered but unanswered, answered to a
 * reply queue that is gone, or not knowable in tap mode.
 */
class CallBlameTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final EventHub hub = new EventHub();
    private final SniffPipeline pipeline = new SniffPipeline(new OsloDecoder(),
            new CallTracker(1000, 1000, Duration.ofSeconds(60)), new CaptureStore(10_000), hub, Clock.systemUTC(), 100);

    @Test
    void aCallToAQueueNobodyConsumesIsBlamedOnNoConsumer() {
        publish(0, "compute.stopped", List.of("compute.stopped"), call("c1", "reply_a"));
        deliver(100, "conductor", call("other", "reply_b"));
        TrackedCall t = expireOne(3001);
        assertEquals(Blame.NO_CONSUMER, t.blame());
        assertTrue(t.blameDetail().contains("compute.stopped"), t.blameDetail());
        assertNull(t.stages().queued(), "never left the queue");
    }

    @Test
    void aCallRoutedToNoQueueIsBlamedOnNoConsumer() {
        publish(0, "compute.gone", List.of(), call("c1", "reply_a"));
        TrackedCall t = expireOne(3001);
        assertEquals(Blame.NO_CONSUMER, t.blame());
        assertTrue(t.blameDetail().contains("no queue"), t.blameDetail());
    }

    @Test
    void aCallBehindOthersInAConsumedQueueIsBlamedOnTheBacklog() {
        publish(0, "compute.busy", List.of("compute.busy"), call("c1", "reply_a"));
        deliver(1500, "compute.busy", call("earlier", "reply_b"));
        assertEquals(Blame.QUEUE_BACKLOG, expireOne(3001).blame());
    }

    @Test
    void aDeliveredCallWithoutAReplyIsBlamedOnTheCalleeWithItsStages() {
        publish(0, "compute.slow", List.of("compute.slow"), call("c1", "reply_a"));
        deliver(40, "compute.slow", call("c1", "reply_a"));
        TrackedCall t = expireOne(3001);
        assertEquals(Blame.CALLEE_SLOW, t.blame());
        assertEquals(40, t.stages().queuedMillis());
        assertEquals(2960, t.stages().inCalleeMillis());
    }

    @Test
    void aReplyTheBrokerRoutedNowhereIsBlamedAsLostWhenTheCallerTimesOut() {
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 100);
        publish(0, "compute.h1", List.of("compute.h1"), call("c1", "reply_gone"));
        deliver(5, "compute.h1", call("c1", "reply_gone"));
        pipeline.process(new RawCapture(T0.plusMillis(20), RawCapture.PUBLISH, "", "reply_gone", List.of(), null,
                null, null, OsloDecoderTest.json(), bytes(reply("c1"))));
        TrackedCall t = expireOne(3001);
        assertEquals(Blame.REPLY_LOST, t.blame());
        assertEquals(15, t.stages().inCalleeMillis(), "the callee answered in 15 ms");
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 100);
        assertEquals(List.of("reply_lost"), events.stream().filter(e -> e instanceof RpcTimedOut)
                .map(e -> ((RpcTimedOut) e).blame()).toList());
    }

    @Test
    void aReplyReadInTimeTimesNothingOutAndAReplyNobodyReadsIsBlamedOnTheWayBack() {
        publish(0, "compute.h1", List.of("compute.h1"), call("ok", "reply_a"));
        deliver(10, "compute.h1", call("ok", "reply_a"));
        replyPublish(30, "reply_a", reply("ok"));
        deliver(45, "reply_a", reply("ok"));
        publish(100, "compute.h1", List.of("compute.h1"), call("stuck", "reply_b"));
        deliver(110, "compute.h1", call("stuck", "reply_b"));
        replyPublish(150, "reply_b", reply("stuck"));
        TrackedCall t = expireOne(3101);
        assertEquals("stuck", t.msgId(), "only the call whose reply nobody read timed out");
        assertEquals(Blame.REPLY_UNREAD, t.blame());
        assertTrue(t.blameDetail().contains("nobody read reply_b"), t.blameDetail());
        assertEquals(10, t.stages().queuedMillis());
        assertEquals(40, t.stages().inCalleeMillis());
        assertNull(t.stages().wayBack(), "the way back never ended");
    }

    @Test
    void aReplyDeliveredPastTheDeadlineCarriesItsWayBack() {
        // the tracker alone: the pipeline expires calls before it processes a later capture, so this needs the late
        // delivery to reach the tracker before its next expiry run
        CallTracker tracker = pipeline.tracker();
        var props = OsloDecoderTest.json().withExpiration("3000");
        var decoder = pipeline.decoder();
        var c = decoder.summarize(props, bytes(call("c1", "reply_a")), "nova", "compute.h1");
        var r = decoder.summarize(OsloDecoderTest.json(), bytes(reply("c1")), "", "reply_a");
        tracker.onMessage(1, T0, c, "nova", "compute.h1", List.of("compute.h1"), null);
        tracker.onDelivered(T0.plusMillis(10), c, "compute.h1");
        tracker.onMessage(2, T0.plusMillis(200), r, "", "reply_a", List.of("reply_a"), null);
        TrackedCall read = tracker.onDelivered(T0.plusMillis(3200), r, "reply_a");
        assertEquals(3000, read.stages().wayBackMillis(), "3 s in reply_a");
        List<TrackedCall> expired = tracker.expire(T0.plusMillis(3300));
        assertEquals(1, expired.size(), expired.toString());
        TrackedCall t = expired.get(0);
        assertEquals(Blame.REPLY_UNREAD, t.blame());
        assertEquals(10, t.stages().queuedMillis());
        assertEquals(190, t.stages().inCalleeMillis());
        assertEquals(3000, t.stages().wayBackMillis());
        assertTrue(t.blameDetail().contains("3.0 s later"), t.blameDetail());
    }

    @Test
    void aReplyDeliveryTracedBeforeItsPublishStillEndsTheWayBack() {
        publish(0, "compute.h1", List.of("compute.h1"), call("c1", "reply_a"));
        deliver(10, "compute.h1", call("c1", "reply_a"));
        deliver(31, "reply_a", reply("c1"));
        replyPublish(30, "reply_a", reply("c1"));
        assertEquals(List.of(), pipeline.expire(T0.plusMillis(5000)), "read in time: no timeout");
    }

    @Test
    void withoutDeliveriesInTheCaptureTheBlameIsUnknown() {
        pipeline.process(new RawCapture(T0, RawCapture.TAP, "nova", "compute.h1", null, null, null, null,
                OsloDecoderTest.json().withExpiration("3000"), bytes(call("c1", "reply_a"))));
        assertEquals(Blame.UNKNOWN, expireOne(3001).blame());
    }

    private TrackedCall expireOne(long atMillis) {
        List<TrackedCall> expired = pipeline.expire(T0.plusMillis(atMillis));
        assertEquals(1, expired.size(), expired.toString());
        return expired.get(0);
    }

    private void publish(long atMillis, String routingKey, List<String> routed, String body) {
        pipeline.process(new RawCapture(T0.plusMillis(atMillis), RawCapture.PUBLISH, "nova", routingKey, routed, null,
                null, null, OsloDecoderTest.json().withExpiration("3000"), bytes(body)));
    }

    private void replyPublish(long atMillis, String replyQueue, String body) {
        pipeline.process(new RawCapture(T0.plusMillis(atMillis), RawCapture.PUBLISH, "", replyQueue,
                List.of(replyQueue), null, null, null, OsloDecoderTest.json(), bytes(body)));
    }

    private void deliver(long atMillis, String queue, String body) {
        pipeline.process(new RawCapture(T0.plusMillis(atMillis), RawCapture.DELIVER, "nova", queue, List.of(queue),
                null, null, null, OsloDecoderTest.json().withExpiration("3000"), bytes(body)));
    }
}
