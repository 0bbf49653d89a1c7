package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.sniff.health.ReplyQueueLifelines;
import io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.osloscope.engine.sniff.CallTrackerTest.bytes;
import static io.osloscope.engine.sniff.CallTrackerTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per reply queue: owner, consumers, x-expires countdown and the calls waiting there, with a warning when a reply
 * would become undeliverable: a queue nobody reads that the broker drops within a minute, or one already gone.
 */
class ReplyQueueLifelinesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aReplyQueueNobodyReadsThatExpiresSoonWithCallsWaitingIsAtRiskAndAConsumedOneIsNot() {
        CallTracker tracker = new CallTracker();
        OsloDecoder d = new OsloDecoder();
        for (String[] c : new String[][] {{"m1", "reply_idle"}, {"m2", "reply_idle"}, {"m3", "reply_busy"},
                {"m4", "reply_vanished"}}) {
            byte[] body = bytes(call(c[0], c[1]));
            tracker.onMessage(NOW.minusSeconds(5), d.summarize(OsloDecoderTest.json(), body, "nova", "compute"), "nova",
                    "compute", null, null);
        }
        QueueView idle = queue("reply_idle", 0);
        QueueView busy = queue("reply_busy", 1);
        QueueView quiet = queue("reply_h1:nova-compute:1", 0);
        ManagementSnapshot snap = new ManagementSnapshot(NOW, "v", new TopologySnapshot(List.of(),
                List.of(idle, busy, quiet), List.of()), Map.of(), List.of(new ManagementSnapshot.Connection(
                "10.0.0.5:4100 -> 10.0.0.1:5672", "nova", "10.0.0.5", 4100, "nova-conductor:77:0123456789abcdef0123456789abcdef",
                "nova-conductor", 77, "py-amqp", "running", 1)));
        Map<String, QueueDetails> details = Map.of(
                "reply_idle", details("reply_idle", List.of(), NOW.minus(Duration.ofMinutes(29).plusSeconds(30))),
                "reply_busy", details("reply_busy", List.of(new QueueDetails.Consumer("t1",
                        "10.0.0.5:4100 -> 10.0.0.1:5672", 0, true, null, null)), null),
                "reply_h1:nova-compute:1", details("reply_h1:nova-compute:1", List.of(), NOW.minus(Duration.ofMinutes(5))));
        List<TrackedCall> pending = tracker.pendingCalls();
        List<Lifeline> lines = ReplyQueueLifelines.compute(snap, details, pending);

        Lifeline atRisk = find(lines, "reply_idle");
        assertEquals(2, atRisk.pendingCalls());
        assertEquals(30, atRisk.expiresIn().toSeconds());
        assertTrue(atRisk.atRisk(), atRisk.describe());
        assertTrue(atRisk.describe().contains("undeliverable"), atRisk.describe());

        Lifeline consumed = find(lines, "reply_busy");
        assertEquals("nova-conductor:77", consumed.owner(), "owned by the oslo process that consumes it");
        assertNull(consumed.expiresIn(), "a consumed queue does not count down");
        assertFalse(consumed.atRisk());

        Lifeline kept = find(lines, "reply_h1:nova-compute:1");
        assertEquals("h1:nova-compute", kept.owner());
        assertEquals(25 * 60, kept.expiresIn().toSeconds());
        assertFalse(kept.atRisk(), "no call waits there");

        Lifeline gone = find(lines, "reply_vanished");
        assertTrue(gone.gone() && gone.atRisk(), gone.describe());
    }

    @Test
    void theOwnerIsTheCallingProcessAsTheTrafficNamesItAndARecordingListsTheQueuesItsCallsNamed() {
        io.osloscope.engine.sniff.health.ReplyQueueCallers callers = new io.osloscope.engine.sniff.health.ReplyQueueCallers();
        callers.onCall("reply_busy", new io.osloscope.engine.wire.Sender("nova-conductor", "ctl1", 77), "c1", NOW);
        callers.onCall("reply_late", new io.osloscope.engine.wire.Sender(null, "10.0.0.9", null), "c2", NOW);
        callers.named("c2", new io.osloscope.engine.wire.Sender("nova-api", "10.0.0.9", 4242));
        ManagementSnapshot snap = new ManagementSnapshot(NOW, "v", new TopologySnapshot(List.of(),
                List.of(queue("reply_busy", 1)), List.of()), Map.of(), List.of());
        Lifeline live = find(ReplyQueueLifelines.compute(snap, Map.of(), List.of(), callers), "reply_busy");
        assertEquals("nova-conductor@ctl1:77", live.owner(), "service@host:pid of the calls naming it");

        List<Lifeline> recorded = ReplyQueueLifelines.compute(null, null, List.of(), callers);
        assertEquals(2, recorded.size(), recorded.toString());
        Lifeline late = find(recorded, "reply_late");
        assertEquals("nova-api@10.0.0.9:4242", late.owner(), "named once the management API listed its connection");
        assertEquals(-1, late.consumers(), "a recording does not say who consumes it");
        assertTrue(late.describe().contains("consumers unknown"), late.describe());
    }

    private static QueueView queue(String name, int consumers) {
        return new QueueView(name, 0, 0, consumers, false, false, false, null, Map.of("x-expires", 1_800_000),
                QueueType.CLASSIC);
    }

    private static QueueDetails details(String name, List<QueueDetails.Consumer> consumers, Instant idleSince) {
        return new QueueDetails(name, "classic", null, List.of(), List.of(), null, 0, null, null, null, 0, null,
                consumers.size(), consumers, idleSince);
    }

    private static Lifeline find(List<Lifeline> lines, String queue) {
        return lines.stream().filter(l -> l.queue().equals(queue)).findFirst()
                .orElseThrow(() -> new AssertionError(queue + " not in " + lines));
    }
}
