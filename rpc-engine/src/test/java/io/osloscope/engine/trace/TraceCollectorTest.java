package io.osloscope.engine.trace;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Captured messages grouped by request id: a request that entered through another service carries that service's
 * id as {@code global_request_id} and is found by either; replies join their call; messages without request id and
 * bounds are handled without losing count.
 */
class TraceCollectorTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final MessageProperties JSON = new MessageProperties("application/json", "utf-8", null, 2, 0,
            null, null, null, null, null, null, null, null);

    @Test
    void aRequestIsFoundByItsRequestIdOrItsGlobalRequestIdAndItsCallGetsTheReply() {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 1000);
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100), hub,
                Clock.systemUTC(), 16);
        p.process(capture(0, "nova", "conductor", List.of("conductor"), request("schedule_and_build_instances", null,
                "req-nova", "req-neutron")));
        p.process(capture(5, "nova", "scheduler", List.of("scheduler"), request("select_destinations", "m1",
                "req-nova", "req-neutron")));
        p.process(capture(30, "", "reply_q", List.of("reply_q"), "{\"oslo.version\": \"2.0\", \"oslo.message\":"
                + " \"{\\\"result\\\": [], \\\"failure\\\": null, \\\"ending\\\": true, \\\"_msg_id\\\": \\\"m1\\\"}\"}"));
        p.process(capture(40, "nova", "compute", List.of("compute"), request("ping", null, null, null)));
        TraceCollector traces = new TraceCollector();
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 1000);
        traces.acceptAll(events);

        RequestTrace t = traces.trace("req-neutron");
        assertEquals("req-nova", t.requestId());
        assertEquals("req-neutron", t.globalRequestId());
        assertEquals(List.of("schedule_and_build_instances", "select_destinations"),
                t.hops().stream().map(TraceHop::method).toList());
        TraceHop select = t.hops().get(1);
        assertEquals("replied", select.outcome());
        assertEquals(25.0, select.latencyMs(), 0.001);
        assertEquals("127.0.0.1", select.fromHost(), "the sender as far as the connection tells");
        assertEquals(1, traces.size(), "the ping without request id joins no trace");
        assertNull(traces.trace("req-other"));
    }

    @Test
    void tracesAndHopsAreBoundedAndWhatIsLeftOutIsCounted() {
        TraceCollector small = new TraceCollector(2, 3);
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 1000);
        SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(100), hub,
                Clock.systemUTC(), 16);
        for (int i = 0; i < 5; i++) {
            p.process(capture(i, "nova", "conductor", List.of("conductor"), request("m" + i, null, "req-a", null)));
        }
        p.process(capture(10, "nova", "conductor", List.of("conductor"), request("x", null, "req-b", null)));
        p.process(capture(11, "nova", "conductor", List.of("conductor"), request("y", null, "req-c", null)));
        List<EngineEvent> events = new ArrayList<>();
        sub.drainTo(events, 1000);
        small.acceptAll(events);
        assertEquals(2, small.size());
        assertEquals(1, small.evicted());
        assertEquals(2, small.hopsDropped());
        assertNull(small.trace("req-a"), "the least recently active trace went first");
    }

    private static String request(String method, String msgId, String requestId, String global) {
        String ctx = (requestId == null ? "" : ", \\\"_context_request_id\\\": \\\"" + requestId + "\\\"")
                + (global == null ? "" : ", \\\"_context_global_request_id\\\": \\\"" + global + "\\\"");
        String call = msgId == null ? "" : ", \\\"_msg_id\\\": \\\"" + msgId + "\\\", \\\"_reply_q\\\": \\\"reply_q\\\"";
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}" + call + ctx + "}\"}";
    }

    private static RawCapture capture(long ms, String exchange, String rk, List<String> routed, String body) {
        return new RawCapture(T0.plusMillis(ms), RawCapture.PUBLISH, exchange, rk, routed,
                "127.0.0.1:40000 -> 127.0.0.1:5672", null, null, JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}
