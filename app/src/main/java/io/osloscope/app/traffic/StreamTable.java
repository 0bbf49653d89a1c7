package io.osloscope.app.traffic;

import io.osloscope.app.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The stream's table behaviour: columns and cells built in code from row accessors (no per-row listeners),
 * rows styled by pseudo-class, selection fed to the view model, follow-tail. FX thread.
 */
final class StreamTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final TableView<TrafficRow> table;
    private final TrafficViewModel model;
    private final StreamSkin skin;
    private final Set<StreamRow> rows = Collections.newSetFromMap(new WeakHashMap<>());

    StreamTable(TableView<TrafficRow> table, TrafficViewModel model, ResourceBundle texts) {
        this.table = table;
        this.model = model;
        this.skin = new StreamSkin(table);
        table.setSkin(skin);
        table.setItems(model.visibleRows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<TrafficRow, TrafficRow> exchange;
        TableColumn<TrafficRow, TrafficRow> msgId;
        table.getColumns().add(fixed(column(texts.getString("column.time"), 106, r -> TIME.format(r.at()), null, false)));
        table.getColumns().add(fixed(column(texts.getString("column.kind"), 58, TrafficRow::kind, "kind-cell", false)));
        table.getColumns().add(column(texts.getString("column.from"), 125, TrafficRow::from, null, false));
        table.getColumns().add(exchange = column(texts.getString("column.exchange"), 60, TrafficRow::exchange, null, false));
        table.getColumns().add(column(texts.getString("column.routingKey"), 130, TrafficRow::routingKey, null, false));
        table.getColumns().add(column(texts.getString("column.method"), 150, TrafficRow::method, "method-cell", false));
        table.getColumns().add(fixed(column(texts.getString("column.version"), 40, TrafficRow::version, null, false)));
        table.getColumns().add(msgId = column(texts.getString("column.msgId"), 70, r -> shortId(r.msgId()), null, false));
        table.getColumns().add(fixed(column(texts.getString("column.status"), 76, r -> statusText(texts, r.status()), "status-cell", true)));
        table.getColumns().add(fixed(column(texts.getString("column.latency"), 74, r -> millis(r.latency()), null, true)));
        // NOTE(layout): at 1280x720 the stream is about 660 px wide; rather than cut every name, the exchange and
        // msg_id columns (both in the inspector) step aside below NARROW and come back when there is room
        table.widthProperty().addListener((o, a, w) -> {
            boolean wide = w.doubleValue() >= NARROW;
            exchange.setVisible(wide);
            msgId.setVisible(wide);
        });
        table.setRowFactory(t -> {
            StreamRow row = new StreamRow();
            rows.add(row);
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        model.tailRequestsProperty().addListener((o, a, b) -> skin.followTail());
        model.outcomeRevisionProperty().addListener((o, a, b) -> refreshOutcomes());
        model.highlightRequestIdProperty().addListener((o, a, b) -> rows.forEach(StreamRow::updateHighlight));
        // NOTE(perf): with a focused row every trim of the head moves the focus, and every cell of the table (shown or
        // piled) reacts to focusedCell. Nobody needs a focused row before the user selects one.
        table.getItems().addListener((ListChangeListener<TrafficRow>) c -> {
            if (table.getSelectionModel().isEmpty() && table.getFocusModel().getFocusedIndex() >= 0) {
                table.getFocusModel().focus(-1);
            }
        });
    }

    /**
     * Shown rows whose outcome (status, latency, failure) changed re-read it in place.
     * NOTE(perf): table.refresh() here threw every row and cell away and built them again (skins, CSS), a 100 ms+
     * stall on the FX thread each time; rows are mutable records, so the existing cells just read them again.
     */
    private void refreshOutcomes() {
        rows.forEach(StreamRow::updateOutcome);
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String millis(Duration d) {
        return d == null ? "" : d.toMillis() + " ms";
    }

    /** A row's status (delivered, replied, timed out, ...) in the window's language; the row keeps oslo's word. */
    static String statusText(ResourceBundle texts, String status) {
        if (status == null) {
            return "";
        }
        if (status.startsWith("failed: ")) {
            // the failure's class name is oslo's and stays as it is
            return texts.getString("status.failed") + ": " + status.substring("failed: ".length());
        }
        if (status.startsWith("timed out: ")) {
            // the engine's blame code, e.g. "callee slow", as the Trace tab says it
            String blame = status.substring("timed out: ".length());
            return texts.getString("status.timed_out") + ": "
                    + io.osloscope.app.fx.Texts.of("io.osloscope.app.trace.TraceView").getOr("blame." + blame.replace(' ', '_'), blame);
        }
        String key = "status." + status.replace(' ', '_');
        return texts.containsKey(key) ? texts.getString(key) : status;
    }

    /** Below this width the stream shows no exchange and msg_id columns. */
    static final double NARROW = 820;

    /** A column whose text is short and must never be cut (time, kind, version, status, latency). */
    private static TableColumn<TrafficRow, TrafficRow> fixed(TableColumn<TrafficRow, TrafficRow> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    /** @param outcome whether the text comes from the row's outcome, which can change while the row is shown */
    private static TableColumn<TrafficRow, TrafficRow> column(String title, double width,
                                                             Function<TrafficRow, String> text, String styleClass,
                                                             boolean outcome) {
        TableColumn<TrafficRow, TrafficRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new StreamCell(text, styleClass, outcome));
        return c;
    }

    /** A text cell; an outcome cell can re-read its row in place. */
    private static final class StreamCell extends TableCell<TrafficRow, TrafficRow> {
        private final Function<TrafficRow, String> text;
        private final boolean outcome;

        StreamCell(Function<TrafficRow, String> text, String styleClass, boolean outcome) {
            this.text = text;
            this.outcome = outcome;
            if (styleClass != null) {
                getStyleClass().add(styleClass);
            }
        }

        @Override
        protected void updateItem(TrafficRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty || row == null ? null : text.apply(row));
        }

        void rereadOutcome() {
            TrafficRow row = getItem();
            if (outcome && row != null && !isEmpty()) {
                setText(text.apply(row));
            }
        }
    }

    private final class StreamRow extends TableRow<TrafficRow> {
        @Override
        protected void updateItem(TrafficRow row, boolean empty) {
            super.updateItem(row, empty);
            String kind = empty || row == null ? "" : row.kind();
            pseudoClassStateChanged(Styles.CALL, kind.equals("call"));
            pseudoClassStateChanged(Styles.CAST, kind.equals("cast"));
            pseudoClassStateChanged(Styles.FANOUT, kind.equals("fanout"));
            pseudoClassStateChanged(Styles.REPLY, kind.equals("reply") || kind.equals("heartbeat"));
            pseudoClassStateChanged(Styles.FAILED, !empty && row != null && row.isError());
            updateHighlight();
        }

        void updateHighlight() {
            TrafficRow row = getItem();
            String hl = model.highlightRequestIdProperty().get();
            pseudoClassStateChanged(Styles.HIGHLIGHT, !isEmpty() && row != null && hl != null
                    && hl.equals(row.requestId()));
        }

        void updateOutcome() {
            TrafficRow row = getItem();
            if (row == null || isEmpty()) {
                return;
            }
            pseudoClassStateChanged(Styles.FAILED, row.isError());
            for (Node n : getChildrenUnmodifiable()) {
                if (n instanceof StreamCell cell) {
                    cell.rereadOutcome();
                }
            }
        }
    }

    /** The table skin: follows the tail once the flow knows the new row count; its flow does not restyle reused rows. */
    private static final class StreamSkin extends TableViewSkin<TrafficRow> {
        private boolean tailPending;

        StreamSkin(TableView<TrafficRow> table) {
            super(table);
        }

        @Override
        protected VirtualFlow<TableRow<TrafficRow>> createVirtualFlow() {
            return new StreamFlow();
        }

        /** Shows the last row at the next layout. */
        void followTail() {
            tailPending = true;
            getSkinnable().requestLayout();
        }

        // NOTE(follow): scrolling from the list change (flow.scrollTo(n - 1) while appending) ran before the flow learnt
        // the new count, so it kept the old offset and showed the previous batch's tail: the newest rows stayed out of
        // view until the next batch. Here, at layout, the count is current; position 1 is the end, at O(1) cost, where
        // scrollTo(index) summed the size of every row above it.
        @Override
        protected void updateItemCount() {
            super.updateItemCount();
            if (tailPending) {
                tailPending = false;
                if (getItemCount() > 0) {
                    getVirtualFlow().setPosition(1);
                }
            }
        }
    }

    /**
     * NOTE(perf): VirtualFlow.setCellIndex runs applyCss() on every re-indexed row whose content changed, i.e. on every
     * shown row at each batch when following the tail: the row and its 10 cells and texts go through CSS again (most
     * of the FX time under load). With a fixed cell size the row's size does not depend on its CSS, so a row that was
     * styled once only gets the new index; pseudo-class changes (kind, failed, odd) still restyle it in the next CSS
     * pass, the way any node is restyled. New rows are styled at once as before.
     */
    private static final class StreamFlow extends VirtualFlow<TableRow<TrafficRow>> {
        @Override
        protected void setCellIndex(TableRow<TrafficRow> cell, int index) {
            if (cell.getSkin() == null || getFixedCellSize() <= 0) {
                super.setCellIndex(cell, index);
            } else {
                cell.updateIndex(index);
            }
        }
    }
}
