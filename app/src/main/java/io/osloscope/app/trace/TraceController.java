package io.osloscope.app.trace;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;

/** Binds TraceView.fxml to a {@link TraceViewModel}: the request list, the filter, the timeline and its detail line. */
public final class TraceController {
    private final TraceViewModel model;
    private final TraceTimeline timeline = new TraceTimeline();
    @FXML
    private ListView<TraceRow> requests;
    @FXML
    private TextField filter;
    @FXML
    private ScrollPane timelinePane;
    @FXML
    private Label summary;
    @FXML
    private Label hopDetail;

    public TraceController(TraceViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        requests.setItems(model.requests());
        requests.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TraceRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.requestId() + "\n" + row.label());
            }
        });
        requests.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                model.selectedRequestProperty().set(row.requestId());
            }
        });
        model.requests().addListener((javafx.collections.ListChangeListener<TraceRow>) c -> keepSelection());
        filter.textProperty().bindBidirectional(model.filterProperty());
        summary.textProperty().bind(model.summaryProperty());
        hopDetail.textProperty().bind(model.hopTextProperty());
        timeline.setOnPick(model.selectedHopProperty()::set);
        timelinePane.setContent(timeline);
        model.traceProperty().addListener((o, a, t) -> redraw());
        model.selectedRequestProperty().addListener((o, a, id) -> keepSelection());
        timelinePane.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a == null || Math.abs(a.getWidth() - b.getWidth()) > 1) {
                redraw();
            }
        });
        redraw();
    }

    private void keepSelection() {
        String id = model.selectedRequestProperty().get();
        TraceRow shown = requests.getSelectionModel().getSelectedItem();
        if (id == null || (shown != null && id.equals(shown.requestId()))) {
            return;
        }
        model.requests().stream().filter(r -> r.requestId().equals(id)).findFirst()
                .ifPresent(r -> requests.getSelectionModel().select(r));
    }

    private void redraw() {
        double width = timelinePane.getViewportBounds() == null ? 800 : timelinePane.getViewportBounds().getWidth();
        timeline.show(model.traceProperty().get(), width <= 0 ? 800 : width);
    }
}
