package io.osloscope.app.traffic;

import io.osloscope.app.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;

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
    private TableColumn<TrafficRow, TrafficRow> routingKey;

    StreamTable(TableView<TrafficRow> table, TrafficViewModel model, ResourceBundle texts) {
        this.table = table;
        this.model = model;
        this.skin = new StreamSkin(table);
        table.setSkin(skin);
        table.setItems(model.visibleRows());
        // NOTE(layout): every column but the routing key is as wide as its widest text seen (ContentWidth), so no
        // sender, method, kind or status is cut; the routing key takes what is left and shows a cut text in full in
        // its tooltip. Only when the content columns alone are wider than the table does it scroll sideways.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Runnable policy = this::choosePolicy;
        TableColumn<TrafficRow, TrafficRow> exchange;
        TableColumn<TrafficRow, TrafficRow> msgId;
        table.getColumns().add(column(texts.getString("column.time"), r -> TIME.format(r.at()), null, false, true,
                policy));
        table.getColumns().add(column(texts.getString("column.kind"), TrafficRow::kind, "kind-cell", false, true, policy));
        table.getColumns().add(column(texts.getString("column.from"), TrafficRow::from, null, false, true, policy));
        table.getColumns().add(exchange = column(texts.getString("column.exchange"), TrafficRow::exchange, null, false,
                true, policy));
        table.getColumns().add(routingKey = column(texts.getString("column.routingKey"), TrafficRow::routingKey, null,
                false, false, policy));
        table.getColumns().add(column(texts.getString("column.method"), TrafficRow::method, "method-cell", false, true,
                policy));
        table.getColumns().add(column(texts.getString("column.version"), TrafficRow::version, null, false, true, policy));
        table.getColumns().add(msgId = column(texts.getString("column.msgId"), r -> shortId(r.msgId()), null, false,
                true, policy));
        table.getColumns().add(column(texts.getString("column.status"), r -> statusText(texts, r.status()), "status-cell",
                true, true,
                policy));
        table.getColumns().add(column(texts.getString("column.latency"), r -> millis(r.latency()), null, true, true, policy));
        // NOTE(layout): at 1280x720 the stream is about 660 px wide; rather than cut every name, the exchange and
        // msg_id columns (both in the inspector) step aside below NARROW and come back when there is room
        table.widthProperty().addListener((o, a, w) -> {
            boolean wide = w.doubleValue() >= NARROW;
            exchange.setVisible(wide);
            msgId.setVisible(wide);
            choosePolicy();
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
     * Constrained (the routing key takes the spare room) while the content columns fit; else unconstrained, which
     * gives the table a horizontal scroll bar instead of cutting the last columns off at its edge.
     */
    private void choosePolicy() {
        double content = 0;
        for (TableColumn<TrafficRow, ?> c : table.getVisibleLeafColumns()) {
            content += c == routingKey ? FLEX_MIN : c.getMinWidth();
        }
        var want = content > table.getWidth() - SCROLL_BAR ? TableView.UNCONSTRAINED_RESIZE_POLICY
                : TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS;
        if (table.getColumnResizePolicy() != want) {
            table.setColumnResizePolicy(want);
        }
    }

    /** Room kept for the vertical scroll bar when deciding whether the columns fit. */
    private static final double SCROLL_BAR = 16;

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
            String key = "blame." + blame.replace(' ', '_');
            return texts.getString("status.timed_out") + ": " + (texts.containsKey(key) ? texts.getString(key) : blame);
        }
        String key = "status." + status.replace(' ', '_');
        return texts.containsKey(key) ? texts.getString(key) : status;
    }

    /** Below this width the stream shows no exchange and msg_id columns. */
    static final double NARROW = 820;

    /**
     * @param outcome whether the text comes from the row's outcome, which can change while the row is shown
     * @param content whether the column is as wide as its widest text (never cut); else it takes the rest
     */
    private static TableColumn<TrafficRow, TrafficRow> column(String title, Function<TrafficRow, String> text,
                                                             String styleClass, boolean outcome, boolean content,
                                                             Runnable widened) {
        TableColumn<TrafficRow, TrafficRow> c = new TableColumn<>(title);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        ContentWidth width = content ? new ContentWidth(c, widened) : null;
        if (!content) {
            c.setMinWidth(FLEX_MIN);
            c.setPrefWidth(FLEX_MIN);
        }
        c.setCellFactory(col -> new StreamCell(text, styleClass, outcome, width));
        return c;
    }

    /** The flexible column is never narrower than this (a cut routing key shows in full in its tooltip). */
    static final double FLEX_MIN = 70;

    /**
     * A text cell; an outcome cell can re-read its row in place. In a content column it widens the column to its
     * text; a text cut short anyway (the flexible column) gets a tooltip with all of it.
     */
    static final class StreamCell extends TableCell<TrafficRow, TrafficRow> {
        private final Function<TrafficRow, String> text;
        private final boolean outcome;
        private final ContentWidth width;
        private Tooltip tip;

        StreamCell(Function<TrafficRow, String> text, String styleClass, boolean outcome, ContentWidth width) {
            this.text = text;
            this.outcome = outcome;
            this.width = width;
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

        /** Whether the text is drawn cut short (with an ellipsis), as laid out now. */
        boolean isElided() {
            String full = getText();
            if (full == null || full.isEmpty()) {
                return false;
            }
            for (Node n : getChildrenUnmodifiable()) {
                if (n instanceof Text t) {
                    return !full.equals(t.getText());
                }
            }
            return false;
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            String full = getText();
            if (width != null && full != null && !full.isEmpty()) {
                width.fit(full, getFont(), snappedLeftInset() + snappedRightInset());
            }
            boolean cut = isElided();
            if (cut && tip == null) {
                tip = new Tooltip();
            }
            if (cut) {
                tip.setText(full);
            }
            if (getTooltip() != (cut ? tip : null)) {
                setTooltip(cut ? tip : null);
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
