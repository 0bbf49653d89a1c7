package io.osloscope.app.traffic;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;

import java.util.List;
import java.util.ResourceBundle;

/**
 * Controller of {@code TrafficView.fxml}: binds the filter bar, the counts and the table to a
 * {@link TrafficViewModel} and forwards the user's intents to it. Never calls the engine. FX thread.
 */
public final class TrafficController {
    static final List<String> KIND_CHOICES = List.of(TrafficFilter.ANY_KIND, "call", "cast", "fanout", "reply",
            "heartbeat", "notification", "rest", "other");

    private final TrafficViewModel model;
    private StreamTable stream;

    @FXML private ResourceBundle resources;
    @FXML private ComboBox<String> kindFilter;
    @FXML private TextField methodFilter;
    @FXML private TextField hostFilter;
    @FXML private TextField idFilter;
    @FXML private TextField textFilter;
    @FXML private ToggleButton pauseStream;
    @FXML private ToggleButton followTail;
    @FXML private Label streamCounts;
    @FXML private TableView<TrafficRow> streamTable;

    public TrafficController(TrafficViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        kindFilter.getItems().setAll(KIND_CHOICES);
        // the filter keeps oslo's kind words; the list shows them in the window's language (call, cast... stay)
        kindFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String kind) {
                String key = "kind." + (TrafficFilter.ANY_KIND.equals(kind) ? "any" : kind);
                return kind == null ? "" : resources.containsKey(key) ? resources.getString(key) : kind;
            }

            @Override
            public String fromString(String text) {
                return KIND_CHOICES.stream().filter(k -> toString(k).equals(text)).findFirst().orElse(text);
            }
        });
        kindFilter.valueProperty().bindBidirectional(model.kindFilterProperty());
        methodFilter.textProperty().bindBidirectional(model.methodFilterProperty());
        hostFilter.textProperty().bindBidirectional(model.hostFilterProperty());
        idFilter.textProperty().bindBidirectional(model.idFilterProperty());
        textFilter.textProperty().bindBidirectional(model.textFilterProperty());
        pauseStream.selectedProperty().bindBidirectional(model.pausedProperty());
        followTail.selectedProperty().bindBidirectional(model.followTailProperty());

        String counts = resources.getString("stream.counts");
        String held = resources.getString("stream.counts.held");
        streamCounts.textProperty().bind(Bindings.createStringBinding(() -> String.format(counts,
                        model.visibleRows().size(), model.olderProperty().get(), model.droppedProperty().get())
                        + (model.heldProperty().get() > 0 ? String.format(held, model.heldProperty().get()) : ""),
                model.visibleRows(), model.olderProperty(), model.droppedProperty(), model.heldProperty()));

        stream = new StreamTable(streamTable, model, resources);
    }

    @FXML
    private void clearFilters() {
        model.clearFilters();
    }

    @FXML
    private void clear() {
        model.clear();
    }

    TableView<TrafficRow> table() {
        return streamTable;
    }
}
