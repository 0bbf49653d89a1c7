package io.osloscope.app.trace;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.trace.TraceHop;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Trace tab's model, without the toolkit, fed the events the window gets when it opens the real nova boot
 * recording: the boot appears in the list, choosing it gives its timeline's lanes and hops, a click describes a
 * hop, the filter narrows the list and a new source empties it.
 */
class TraceViewModelTest {
    private static final Path REAL_BOOT = Path.of("../assets/recordings/real-nova-boot.jsonl");
    private static final String BOOT = "req-1e0f4497-1dad-4794-a954-58911b01d375";

    private static List<EngineEvent> recordingEvents() throws Exception {
        EventHub hub = new EventHub();
        List<EngineEvent> events = new ArrayList<>();
        try (EventSubscription sub = hub.subscribe(EventFilter.ALL, 100_000)) {
            SniffPipeline p = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(1000), hub,
                    Clock.systemUTC(), 16);
            new RecordingReader(p.decoder().mapper()).replay(REAL_BOOT, p);
            sub.drainTo(events, 100_000);
        }
        return events;
    }

    @Test
    void theBootOfTheRecordingIsListedAndItsTimelineHasNovasLanes() throws Exception {
        TraceViewModel vm = new TraceViewModel();
        List<EngineEvent> events = recordingEvents();
        vm.onEvents(events.subList(0, 10), 0);
        vm.onEvents(events.subList(10, events.size()), 1_000_000);
        assertTrue(vm.requests().size() <= 1, "the second batch came before the refresh interval");
        vm.onEvents(List.of(), TraceViewModel.REFRESH_MILLIS * 1_000_000 + 1);
        // the boot, and the compute's periodic work that carries its own request id
        TraceRow row = vm.requests().stream().filter(r -> BOOT.equals(r.requestId())).findFirst().orElseThrow();
        assertEquals("schedule_and_build_instances", row.firstMethod());
        assertTrue(row.label().contains("15 msgs"), row.label());

        vm.selectedRequestProperty().set(BOOT);
        var trace = vm.traceProperty().get();
        // lanes are the processes the recording names (service@host); nova-api's host is its peer address
        assertTrue(trace.lanes().containsAll(List.of("api@127.0.0.1", "conductor@rn-controller",
                "scheduler@rn-controller", "compute@rn-compute1")), trace.lanes().toString());
        assertTrue(trace.lanes().stream().noneMatch(l -> l.startsWith("?")), trace.lanes().toString());
        TraceHop select = trace.hops().stream().filter(h -> "select_destinations".equals(h.method())).findFirst()
                .orElseThrow();
        vm.selectedHopProperty().set(select);
        String text = vm.hopTextProperty().get();
        assertTrue(text.contains("call select_destinations") && text.contains("→ scheduler") && text.contains("replied"),
                text);

        vm.filterProperty().set("update_instance_info");
        assertTrue(vm.requests().stream().anyMatch(r -> BOOT.equals(r.requestId())), "found by a method inside the trace");
        vm.filterProperty().set("req-other");
        assertEquals(0, vm.requests().size());
        vm.filterProperty().set("");

        vm.reset();
        assertEquals(0, vm.requests().size());
        assertNull(vm.traceProperty().get());
    }
}
