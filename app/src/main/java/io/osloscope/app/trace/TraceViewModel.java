package io.osloscope.app.trace;

import io.osloscope.app.fx.Texts;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.trace.RequestTrace;
import io.osloscope.engine.trace.TraceCollector;
import io.osloscope.engine.trace.TraceHop;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Trace tab's state: the requests seen in the window's current source (newest first, filtered by request id
 * or method), the chosen request's trace and the chosen hop's one-line description. Fed with the window's event
 * batches; the list is rebuilt at most every {@value #REFRESH_MILLIS} ms. No toolkit needed; FX thread.
 */
public final class TraceViewModel {
    static final long REFRESH_MILLIS = 300;

    private final TraceCollector collector = new TraceCollector();
    private final ObservableList<TraceRow> requests = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<String> selectedRequest = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RequestTrace> trace = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<TraceHop> selectedHop = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper hopText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(texts().get("summary.none"));
    private long shownVersion = -1;
    private long lastRefreshNanos;
    private boolean everRefreshed;

    public TraceViewModel() {
        filter.addListener((o, a, b) -> refresh());
        selectedRequest.addListener((o, a, id) -> {
            selectedHop.set(null);
            trace.set(id == null ? null : collector.trace(id));
        });
        selectedHop.addListener((o, a, h) -> hopText.set(h == null ? "" : describe(trace.get(), h)));
    }

    /** One batch of the window's events; the list follows when it changed and the last refresh is old enough. */
    public void onEvents(List<EngineEvent> batch, long nowNanos) {
        collector.acceptAll(batch);
        if (collector.version() != shownVersion
                && (!everRefreshed || nowNanos - lastRefreshNanos >= REFRESH_MILLIS * 1_000_000)) {
            everRefreshed = true;
            lastRefreshNanos = nowNanos;
            refresh();
        }
    }

    /** The window shows another source: forget every trace. */
    public void reset() {
        collector.clear();
        selectedRequest.set(null);
        refresh();
    }

    /** Rebuilds the list and the chosen trace from the collector now. */
    public void refresh() {
        shownVersion = collector.version();
        List<RequestTrace> all = collector.traces();
        String f = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        List<TraceRow> rows = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            RequestTrace t = all.get(i);
            if (!f.isEmpty() && !t.requestId().toLowerCase(Locale.ROOT).contains(f)
                    && t.hops().stream().noneMatch(h -> h.method() != null && h.method().toLowerCase(Locale.ROOT).contains(f))) {
                continue;
            }
            rows.add(row(t));
        }
        requests.setAll(rows);
        Texts t = texts();
        summary.set(all.isEmpty() ? t.get("summary.none") : t.get("summary.requests", all.size())
                + (rows.size() == all.size() ? "" : t.get("summary.shown", rows.size()))
                + (collector.evicted() > 0 ? t.get("summary.forgotten", collector.evicted()) : ""));
        String id = selectedRequest.get();
        if (id != null) {
            RequestTrace now = collector.trace(id);
            RequestTrace shown = trace.get();
            // NOTE(redraw): a new snapshot of an unchanged trace would redraw the timeline for nothing
            if (now == null || shown == null || !now.hops().equals(shown.hops())) {
                trace.set(now);
            }
        }
    }

    static TraceRow row(RequestTrace t) {
        int timedOut = 0;
        int failed = 0;
        for (TraceHop h : t.hops()) {
            if ("timed_out".equals(h.outcome()) || "reply_lost".equals(h.outcome())) {
                timedOut++;
            } else if ("failed".equals(h.outcome())) {
                failed++;
            }
        }
        return new TraceRow(t.requestId(), t.firstMethod(), t.hops().size(), t.durationMillis(), timedOut, failed);
    }

    private static Texts texts() {
        return Texts.of("io.osloscope.app.trace.TraceView");
    }

    /** A timeout's blame (the engine's code, e.g. {@code callee_slow}) in the window's language. */
    static String blame(String code) {
        return texts().getOr("blame." + code, code.replace('_', ' '));
    }

    /** {@code +12 ms  call select_destinations  conductor → scheduler  23.4 ms replied}. */
    static String describe(RequestTrace t, TraceHop h) {
        StringBuilder b = new StringBuilder();
        b.append('+').append(t == null ? 0 : t.offsetMillis(h)).append(" ms  ").append(h.kind()).append(' ')
                .append(h.method() == null ? "?" : h.method()).append("  ")
                .append(t == null ? "?" : t.fromLane(h)).append(" → ")
                .append(h.toTopic()).append(h.toServer() == null ? "" : "." + h.toServer());
        if (h.latencyMs() != null) {
            b.append(String.format(Locale.ROOT, "  %.1f ms", h.latencyMs()));
        }
        if (h.outcome() != null) {
            b.append("  ").append(texts().getOr("outcome." + h.outcome(), h.outcome()));
        }
        if (h.blame() != null) {
            b.append(" (").append(blame(h.blame())).append(')');
        }
        if (h.msgId() != null) {
            b.append("  msg_id ").append(h.msgId());
        }
        return b.toString();
    }

    /** Chooses the newest request whose first message has this method (or any, when null); false if none. */
    public boolean selectNewest(String firstMethod) {
        refresh();
        for (TraceRow r : requests) {
            if (firstMethod == null || firstMethod.equals(r.firstMethod())) {
                selectedRequest.set(r.requestId());
                return true;
            }
        }
        return false;
    }

    public ObservableList<TraceRow> requests() { return requests; }
    public StringProperty filterProperty() { return filter; }
    public ObjectProperty<String> selectedRequestProperty() { return selectedRequest; }
    public ReadOnlyObjectProperty<RequestTrace> traceProperty() { return trace.getReadOnlyProperty(); }
    public ObjectProperty<TraceHop> selectedHopProperty() { return selectedHop; }
    public ReadOnlyStringProperty hopTextProperty() { return hopText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
