package io.osloscope.app.shell;

import io.osloscope.app.fx.Texts;
import io.osloscope.app.traffic.TrafficAssembler;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Rates and counts for the status bar, sampled (about once a second) from engine-side counters: the event
 * hub's published count and the assembler's per-kind counts. Nothing is counted on the FX thread.
 */
public final class StatusViewModel {
    private final LongSupplier published;
    private final Supplier<TrafficAssembler.Counts> counts;
    private final LongSupplier dropped;
    private final Supplier<String> where;
    private final ReadOnlyStringWrapper left = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper right = new ReadOnlyStringWrapper("");
    private long lastNanos = -1;
    private long lastPublished;
    private long lastMessages;
    private final Texts texts = Texts.of("io.osloscope.app.shell.MainWindow");

    public StatusViewModel(LongSupplier published, Supplier<TrafficAssembler.Counts> counts, LongSupplier dropped,
                           Supplier<String> where) {
        this.published = published;
        this.counts = counts;
        this.dropped = dropped;
        this.where = where;
    }

    /** Takes one sample; rates are per second over the time since the previous sample. */
    public void sample(long nowNanos) {
        long p = published.getAsLong();
        TrafficAssembler.Counts c = counts.get();
        double secs = lastNanos < 0 ? 0 : (nowNanos - lastNanos) / 1e9;
        long eventRate = secs > 0 ? Math.round((p - lastPublished) / secs) : 0;
        long msgRate = secs > 0 ? Math.round((c.messages() - lastMessages) / secs) : 0;
        lastNanos = nowNanos;
        lastPublished = p;
        lastMessages = c.messages();
        left.set(where.get());
        right.set(texts.get("status.counts", msgRate, eventRate, c.messages(), c.calls(), c.casts(), c.replies(),
                c.errors(), dropped.getAsLong()));
    }

    public ReadOnlyStringProperty leftProperty() { return left.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rightProperty() { return right.getReadOnlyProperty(); }
}
