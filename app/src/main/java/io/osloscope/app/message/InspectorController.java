package io.osloscope.app.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.app.theme.Styles;
import io.osloscope.engine.observe.EngineEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/** Binds InspectorView.fxml to an {@link InspectorViewModel}: shows each decoded {@link MessageDetail}. FX thread. */
public final class InspectorController {
    private final InspectorViewModel model;
    @FXML private ResourceBundle resources;
    @FXML private Label badge;
    @FXML private Label headline;
    @FXML private VBox summary;
    @FXML private TreeView<String> tree;
    @FXML private io.osloscope.app.json.JsonEditor json;
    @FXML private TextArea raw;
    @FXML private GridPane props;
    @FXML private StackPane flowSlot;
    @FXML private TabPane tabs;
    private Consumer<List<EngineEvent>> flowSink = events -> { };

    public InspectorController(InspectorViewModel model) {
        this.model = Objects.requireNonNull(model);
    }

    @FXML
    private void initialize() {
        model.detailProperty().addListener((o, a, d) -> show(d));
    }

    void setFlowView(Node view, Consumer<List<EngineEvent>> sink) {
        flowSlot.getChildren().setAll(view);
        this.flowSink = Objects.requireNonNull(sink);
    }

    void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private void show(MessageDetail d) {
        if (d == null) {
            badge.setVisible(false);
            headline.setText(resources.getString("headline.none"));
            summary.getChildren().clear();
            tree.setRoot(null);
            json.setText("");
            raw.clear();
            props.getChildren().clear();
            return;
        }
        badge.setVisible(true);
        badge.setText(d.kind());
        badge.pseudoClassStateChanged(Styles.CALL, d.kind().equals("call"));
        badge.pseudoClassStateChanged(Styles.CAST, d.kind().equals("cast"));
        badge.pseudoClassStateChanged(Styles.FANOUT, d.kind().equals("fanout"));
        badge.pseudoClassStateChanged(Styles.REPLY, d.kind().equals("reply"));
        headline.setText(d.headline().substring(d.kind().length()).trim());
        summary.getChildren().setAll(RoutingCard.build(d));
        tree.setRoot(d.envelope() == null ? new TreeItem<>(resources.getString("envelope.none"))
                : treeOf("message", d.envelope()));
        json.setText(d.envelopeJson());
        raw.setText(d.raw());
        props.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, String> e : d.properties().entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("kv-key");
            Label v = new Label(e.getValue());
            v.getStyleClass().add("kv-value");
            props.addRow(row++, k, v);
        }
        flowSink.accept(d.flow());
    }

    static TreeItem<String> treeOf(String name, JsonNode node) {
        if (node.isObject()) {
            TreeItem<String> item = new TreeItem<>(name);
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                item.getChildren().add(treeOf(e.getKey(), e.getValue()));
            }
            item.setExpanded(!name.startsWith("nova_object") && item.getChildren().size() < 40);
            return item;
        }
        if (node.isArray()) {
            TreeItem<String> item = new TreeItem<>(name + " [" + node.size() + "]");
            for (int i = 0; i < node.size(); i++) {
                item.getChildren().add(treeOf("[" + i + "]", node.get(i)));
            }
            return item;
        }
        return new TreeItem<>(name + ": " + node);
    }
}
