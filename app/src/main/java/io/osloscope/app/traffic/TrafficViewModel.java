package io.osloscope.app.traffic;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * State of the message stream, on the FX thread, without nodes: a capped window of rows (oldest trimmed and
 * counted), filters, pause ("stop applying, keep counting") and follow-tail. One list change per batch.
 */
public final class TrafficViewModel {
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private final ObservableList<TrafficRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TrafficRow> visible = new FilteredList<>(rows, r -> true);
    private final ArrayDeque<TrafficRow> held = new ArrayDeque<>();

    private final StringProperty kindFilter = new SimpleStringProperty(TrafficFilter.ANY_KIND);
    private final StringProperty methodFilter = new SimpleStringProperty("");
    private final StringProperty hostFilter = new SimpleStringProperty("");
    private final StringProperty idFilter = new SimpleStringProperty("");
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty followTail = new SimpleBooleanProperty(true);
    private final ObjectProperty<TrafficRow> selected = new SimpleObjectProperty<>();
    private final StringProperty highlightRequestId = new SimpleStringProperty();
    private final ReadOnlyLongWrapper older = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper heldCount = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper outcomeRevision = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper tailRequests = new ReadOnlyLongWrapper();
    private final LongProperty received = new SimpleLongProperty();
    private LongSupplier droppedSource = () -> 0;

    public TrafficViewModel() {
        this(DEFAULT_CAPACITY);
    }

    public TrafficViewModel(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0");
        }
        this.capacity = capacity;
        for (StringProperty p : List.of(kindFilter, methodFilter, hostFilter, idFilter, textFilter)) {
            p.addListener((o, a, b) -> visible.setPredicate(filter().predicate()));
        }
        paused.addListener((o, was, now) -> {
            if (!now) {
                resume();
            }
        });
    }

    /** Where the count of events the engine subscription dropped comes from (the pump). */
    public void droppedSource(LongSupplier source) {
        this.droppedSource = source;
    }

    /** Applies one pump batch: one list change, plus at most one trim. FX thread. */
    public void append(TrafficBatch batch) {
        List<TrafficRow> add = batch.rows();
        received.set(received.get() + add.size());
        if (paused.get()) {
            held.addAll(add);
            while (held.size() > capacity) {
                held.removeFirst();
                older.set(older.get() + 1);
            }
            heldCount.set(held.size());
        } else if (!add.isEmpty()) {
            addCapped(add);
        }
        if (batch.outcomesChanged()) {
            outcomeRevision.set(outcomeRevision.get() + 1);
        }
        dropped.set(droppedSource.getAsLong());
    }

    private void addCapped(List<TrafficRow> add) {
        List<TrafficRow> tail = add.size() > capacity ? add.subList(add.size() - capacity, add.size()) : add;
        older.set(older.get() + (add.size() - tail.size()));
        // NOTE(perf): once full, the window stays at exactly its capacity: cut the head by what comes in, then add
        // (two changes). The table sees the same row count at its next layout, so it only re-binds the visible rows
        // (same indices, no :odd flips) instead of rebuilding every cell, which a changing count forces per batch.
        int excess = rows.size() + tail.size() - capacity;
        if (excess > 0) {
            rows.remove(0, excess);
            older.set(older.get() + excess);
        }
        rows.addAll(tail);
        if (followTail.get()) {
            tailRequests.set(tailRequests.get() + 1);
        }
    }

    private void resume() {
        if (!held.isEmpty()) {
            List<TrafficRow> add = List.copyOf(held);
            held.clear();
            heldCount.set(0);
            addCapped(add);
        }
    }

    public TrafficFilter filter() {
        return new TrafficFilter(kindFilter.get(), methodFilter.get(), hostFilter.get(), idFilter.get(),
                textFilter.get());
    }

    /** Removes every row from the window (counts stay). */
    public void clear() {
        older.set(older.get() + rows.size());
        rows.clear();
        selected.set(null);
    }

    /** Shows only the rows of one request (the fire panel's, or the selected row's flow). */
    public void showRequest(String requestId) {
        idFilter.set(requestId == null ? "" : requestId);
    }

    public void clearFilters() {
        kindFilter.set(TrafficFilter.ANY_KIND);
        methodFilter.set("");
        hostFilter.set("");
        idFilter.set("");
        textFilter.set("");
    }

    /** Rows of the whole window (unfiltered) sharing a request id, oldest first. */
    public List<TrafficRow> flowOf(String requestId) {
        if (requestId == null) {
            return List.of();
        }
        return rows.stream().filter(r -> requestId.equals(r.requestId())).toList();
    }

    public ObservableList<TrafficRow> rows() { return rows; }
    public FilteredList<TrafficRow> visibleRows() { return visible; }
    public int capacity() { return capacity; }
    public StringProperty kindFilterProperty() { return kindFilter; }
    public StringProperty methodFilterProperty() { return methodFilter; }
    public StringProperty hostFilterProperty() { return hostFilter; }
    public StringProperty idFilterProperty() { return idFilter; }
    public StringProperty textFilterProperty() { return textFilter; }
    public BooleanProperty pausedProperty() { return paused; }
    public BooleanProperty followTailProperty() { return followTail; }
    public ObjectProperty<TrafficRow> selectedProperty() { return selected; }
    public StringProperty highlightRequestIdProperty() { return highlightRequestId; }
    /** Rows that left the window (trimmed at the cap or cleared). */
    public ReadOnlyLongProperty olderProperty() { return older.getReadOnlyProperty(); }
    /** Events the engine subscription dropped because the app could not keep up. */
    public ReadOnlyLongProperty droppedProperty() { return dropped.getReadOnlyProperty(); }
    /** Rows received while paused, not yet shown. */
    public ReadOnlyLongProperty heldProperty() { return heldCount.getReadOnlyProperty(); }
    /** Increments when rows already shown changed their outcome; the view refreshes its cells once. */
    public ReadOnlyLongProperty outcomeRevisionProperty() { return outcomeRevision.getReadOnlyProperty(); }
    /** Increments when the view should scroll to the last row (follow-tail). */
    public ReadOnlyLongProperty tailRequestsProperty() { return tailRequests.getReadOnlyProperty(); }
    public LongProperty receivedProperty() { return received; }
}
