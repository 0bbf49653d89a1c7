package io.osloscope.engine.trace;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.CaptureStore;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.sniff.record.RecordingReader;
import io.osloscope.engine.wire.OsloDecoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The traces of a sniff recording: every message is read and paired again by a {@link SniffPipeline} (timeouts and
 * their blame recomputed in recording time), and the events it publishes feed a {@link TraceCollector}, exactly as a
 * live capture feeds the window's. Blocking; the caller's thread.
 */
public final class RecordingTraces {
    /** The traces and what could not be read. */
    public record Result(TraceCollector traces, long messages, int badLines, long eventsDropped) {
    }

    private RecordingTraces() {
    }

    public static Result read(Path file) throws IOException {
        EventHub hub = new EventHub();
        TraceCollector traces = new TraceCollector();
        SniffPipeline pipeline = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(1), hub,
                Clock.systemUTC(), 16);
        RecordingReader.Contents contents = new RecordingReader(pipeline.decoder().mapper()).read(file);
        List<EngineEvent> batch = new ArrayList<>();
        long messages = 0;
        Instant last = null;
        try (EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000)) {
            for (RecordingReader.Entry e : contents.entries()) {
                if (e instanceof RecordingReader.Message m) {
                    pipeline.process(m.capture(), m.from());
                    last = m.capture().at();
                    messages++;
                    drain(sub, batch, traces);
                }
            }
            if (last != null) {
                pipeline.expire(last);
            }
            drain(sub, batch, traces);
            return new Result(traces, messages, contents.badLines(), sub.dropped());
        }
    }

    private static void drain(EventSubscription sub, List<EngineEvent> batch, TraceCollector traces) {
        while (sub.drainTo(batch, 1_000) > 0) {
            traces.acceptAll(batch);
            batch.clear();
        }
    }
}
