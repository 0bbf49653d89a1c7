package io.osloscope.app.message;

import io.osloscope.app.traffic.TrafficRow;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The inspector's state: the selected row in, the decoded {@link MessageDetail} out. Decoding runs on
 * {@code decodeExecutor}; the result is applied through {@code fxExecutor} only if the selection has not
 * changed meanwhile. No nodes, so it is testable without the toolkit (pass direct executors).
 */
public final class InspectorViewModel {
    private final ObjectProperty<TrafficRow> row = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<MessageDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Throwable> problem = new ReadOnlyObjectWrapper<>();
    private final Executor decodeExecutor;
    private final Executor fxExecutor;
    private final Function<String, List<TrafficRow>> flowLookup;
    private volatile MessageDetails.QueueDescriber queues = MessageDetails.QueueDescriber.NONE;
    private long generation;

    /** @param flowLookup called on the FX thread: the rows of a request id, oldest first */
    public InspectorViewModel(Executor decodeExecutor, Executor fxExecutor,
                              Function<String, List<TrafficRow>> flowLookup) {
        this.decodeExecutor = Objects.requireNonNull(decodeExecutor);
        this.fxExecutor = Objects.requireNonNull(fxExecutor);
        this.flowLookup = Objects.requireNonNull(flowLookup);
        row.addListener((o, a, b) -> refresh());
    }

    /** Decodes the selected row again (e.g. after its reply arrived). */
    public void refresh() {
        TrafficRow r = row.get();
        long gen = ++generation;
        if (r == null) {
            detail.set(null);
            return;
        }
        List<TrafficRow> flow = List.copyOf(flowLookup.apply(r.requestId()));
        MessageDetails.QueueDescriber describer = queues;
        CompletableFuture.supplyAsync(() -> MessageDetails.of(r, flow, describer), decodeExecutor)
                .whenCompleteAsync((d, err) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (err != null) {
                        problem.set(err);
                    } else {
                        problem.set(null);
                        detail.set(d);
                    }
                }, fxExecutor);
    }

    /**
     * Where the routing card learns what a queue is (quorum, stream, limits): the simulated broker's topology or the
     * sniffed broker's management API. Called off the FX thread, while decoding.
     */
    public void setQueueDescriber(MessageDetails.QueueDescriber describer) {
        queues = describer == null ? MessageDetails.QueueDescriber.NONE : describer;
    }

    /** True when the shown call still waits for its reply, so a later refresh may add it. */
    public boolean awaitingOutcome() {
        TrafficRow r = row.get();
        MessageDetail d = detail.get();
        return r != null && d != null && ((r.kind().equals("call") && (d.reply() == null || d.reply().resultJson() == null
                && d.reply().failureClass() == null)) || d.routing().exchangeType() == null
                || d.routing().consumers().isEmpty());
    }

    public ObjectProperty<TrafficRow> rowProperty() { return row; }
    public ReadOnlyObjectProperty<MessageDetail> detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Throwable> problemProperty() { return problem.getReadOnlyProperty(); }
}
