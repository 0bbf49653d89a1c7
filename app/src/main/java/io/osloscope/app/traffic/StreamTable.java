package io.osloscope.app.traffic;

import io.osloscope.app.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
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
    private long lastRefreshNanos;

    StreamTable(TableView<TrafficRow> table, TrafficViewModel model, ResourceBundle texts) {
        this.table = table;
        this.model = model;
        table.setItems(model.visibleRows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(texts.getString("column.time"), 100, r -> TIME.format(r.at()), null));
        table.getColumns().add(column(texts.getString("column.kind"), 55, TrafficRow::kind, "kind-cell"));
        table.getColumns().add(column(texts.getString("column.from"), 105, TrafficRow::from, null));
        table.getColumns().add(column(texts.getString("column.exchange"), 60, TrafficRow::exchange, null));
        table.getColumns().add(column(texts.getString("column.routingKey"), 130, TrafficRow::routingKey, null));
        table.getColumns().add(column(texts.getString("column.method"), 140, TrafficRow::method, "method-cell"));
        table.getColumns().add(column(texts.getString("column.version"), 35, TrafficRow::version, null));
        table.getColumns().add(column(texts.getString("column.msgId"), 70, r -> shortId(r.msgId()), null));
        table.getColumns().add(column(texts.getString("column.status"), 80, TrafficRow::status, "status-cell"));
        table.getColumns().add(column(texts.getString("column.latency"), 60, r -> millis(r.latency()), null));
        table.setRowFactory(t -> new StreamRow());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selectedProperty().set(b));
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        model.tailRequestsProperty().addListener((o, a, b) -> scrollToTail());
        model.outcomeRevisionProperty().addListener((o, a, b) -> refreshSoon());
        model.highlightRequestIdProperty().addListener((o, a, b) -> table.refresh());
    }

    private void scrollToTail() {
        int n = table.getItems().size();
        if (n == 0) {
            return;
        }
        // NOTE(perf): TableView.scrollTo puts the row at the TOP of the viewport, so every batch first laid out one
        // row plus a screen of empty cells ("index exceeds maxCellCount"), then clamped back. The flow's own scrollTo
        // only moves as far as needed to show the row, i.e. not at all when the newest row is already at the bottom.
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(n - 1);
        } else {
            table.scrollTo(n - 1);
        }
    }

    private void refreshSoon() {
        // NOTE(perf): outcomes change every pulse under load and refresh() rebuilds every visible cell; once a second
        long now = System.nanoTime();
        if (now - lastRefreshNanos > 1_000_000_000L) {
            lastRefreshNanos = now;
            table.refresh();
        }
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String millis(Duration d) {
        return d == null ? "" : d.toMillis() + " ms";
    }

    private static TableColumn<TrafficRow, TrafficRow> column(String title, double width,
                                                             Function<TrafficRow, String> text, String styleClass) {
        TableColumn<TrafficRow, TrafficRow> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            {
                if (styleClass != null) {
                    getStyleClass().add(styleClass);
                }
            }

            @Override
            protected void updateItem(TrafficRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        return c;
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
            boolean error = !empty && row != null && row.isError();
            pseudoClassStateChanged(Styles.FAILED, error);
            String hl = model.highlightRequestIdProperty().get();
            pseudoClassStateChanged(Styles.HIGHLIGHT, !empty && row != null && hl != null
                    && hl.equals(row.requestId()));
        }
    }
}
