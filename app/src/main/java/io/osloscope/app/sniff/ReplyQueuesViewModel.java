package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reply-queue lifeline table on the FX thread: one row per reply queue, the queues at risk (a reply to a waiting
 * call would be undeliverable) first, then those with calls waiting, then by name. Fed a whole sample at a time
 * ({@link #show}), computed off the FX thread by the session with the health hints.
 */
public final class ReplyQueuesViewModel {
    /**
     * One row. {@code consumers} -1 when unknown (a recording); {@code xExpiresSeconds} and
     * {@code expiresInSeconds} null when unknown or while the queue is consumed.
     */
    public record Row(String queue, String owner, int consumers, Long xExpiresSeconds, Long expiresInSeconds,
                      int pendingCalls, boolean gone, boolean atRisk, String description) {
        static Row of(Lifeline l) {
            return new Row(l.queue(), l.owner(), l.consumers(), l.xExpires() == null ? null : l.xExpires().toSeconds(),
                    l.expiresIn() == null ? null : l.expiresIn().toSeconds(), l.pendingCalls(), l.gone(), l.atRisk(),
                    l.describe());
        }
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper atRisk = new ReadOnlyIntegerWrapper();

    /** Replaces the rows with {@code lines} (FX thread); rows that did not change are kept as they are. */
    public void show(List<Lifeline> lines) {
        List<Row> next = new ArrayList<>(lines.size());
        for (Lifeline l : lines) {
            next.add(Row.of(l));
        }
        next.sort(Comparator.comparing((Row r) -> !r.atRisk()).thenComparing(r -> r.pendingCalls() == 0)
                .thenComparing(Row::queue));
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
        atRisk.set((int) next.stream().filter(Row::atRisk).count());
    }

    public void clear() {
        rows.clear();
        atRisk.set(0);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** How many reply queues are at risk of making a reply undeliverable. */
    public ReadOnlyIntegerProperty atRiskProperty() {
        return atRisk.getReadOnlyProperty();
    }
}
