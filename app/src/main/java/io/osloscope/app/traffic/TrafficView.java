package io.osloscope.app.traffic;

import io.osloscope.app.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The live message table with its filter bar. Built in code (cells read row accessors; no per-row
 * listeners), bound to a {@link TrafficViewModel}. FX thread.
 */
public final class TrafficView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final TrafficViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<TrafficRow> table = new TableView<>();
    private long lastRefreshNanos;

    public TrafficView(TrafficViewModel model) {
        this.model = model;
        root.setId("trafficView");
        root.setTop(filterBar());
        root.setCenter(table);
        buildTable();
    }

    private Node filterBar() {
        ComboBox<String> kind = new ComboBox<>();
        kind.setId("kindFilter");
        kind.getItems().addAll(TrafficFilter.ANY_KIND, "call", "cast", "fanout", "reply", "heartbeat", "other");
        kind.valueProperty().bindBidirectional(model.kindFilterProperty());
        TextField method = field("methodFilter", "method", 95, model.methodFilterProperty());
        TextField host = field("hostFilter", "host", 80, model.hostFilterProperty());
        TextField id = field("idFilter", "msg_id / request_id", 130, model.idFilterProperty());
        TextField text = field("textFilter", "search", 100, model.textFilterProperty());
        Button clearFilters = new Button("✕");
        clearFilters.setTooltip(new Tooltip("Clear filters"));
        clearFilters.setOnAction(e -> model.clearFilters());

        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pauseStream");
        pause.setTooltip(new Tooltip("Stop showing new rows (they are kept and counted)  Ctrl+P"));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        ToggleButton follow = new ToggleButton("Follow");
        follow.setId("followTail");
        follow.setTooltip(new Tooltip("Scroll to the newest row"));
        follow.selectedProperty().bindBidirectional(model.followTailProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> model.clear());

        Label counts = new Label();
        counts.setId("streamCounts");
        counts.getStyleClass().add("stream-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> String.format(
                        "%,d shown · %,d older · %,d dropped%s", model.visibleRows().size(), model.olderProperty().get(),
                        model.droppedProperty().get(),
                        model.heldProperty().get() > 0 ? String.format(" · %,d held", model.heldProperty().get()) : ""),
                model.visibleRows(), model.olderProperty(), model.droppedProperty(), model.heldProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, kind, method, host, id, text, clearFilters, spacer, pause, follow, clear);
        bar.getStyleClass().add("tool-bar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        HBox footer = new HBox(counts);
        footer.getStyleClass().add("stream-footer");
        footer.setPadding(new Insets(2, 8, 2, 8));
        root.setBottom(footer);
        return bar;
    }

    private static TextField field(String id, String prompt, double width,
                                   javafx.beans.property.StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount((int) (width / 9));
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private void buildTable() {
        table.setId("streamTable");
        table.setItems(model.visibleRows());
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No messages yet"));
        table.getColumns().add(column("Time", 100, r -> TIME.format(r.at()), null));
        table.getColumns().add(column("Kind", 55, TrafficRow::kind, "kind-cell"));
        table.getColumns().add(column("From", 105, TrafficRow::from, null));
        table.getColumns().add(column("Exchange", 60, TrafficRow::exchange, null));
        table.getColumns().add(column("Routing key", 130, TrafficRow::routingKey, null));
        table.getColumns().add(column("Method", 140, TrafficRow::method, "method-cell"));
        table.getColumns().add(column("Ver", 35, TrafficRow::version, null));
        table.getColumns().add(column("msg_id", 70, r -> shortId(r.msgId()), null));
        table.getColumns().add(column("Status", 80, TrafficRow::status, "status-cell"));
        table.getColumns().add(column("Latency", 60, r -> millis(r.latency()), null));
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
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.getValue()));
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

    public Node getRoot() {
        return root;
    }

    public TableView<TrafficRow> table() {
        return table;
    }
}
