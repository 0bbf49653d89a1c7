package io.osloscope.app.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.app.theme.Styles;
import io.osloscope.engine.observe.EngineEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The message inspector: headline, routing explanation and reply up top; envelope tree, formatted JSON,
 * AMQP properties, raw body and the flow's sequence view in tabs. FX thread.
 */
public final class InspectorView {
    private final InspectorViewModel model;
    private final BorderPane root = new BorderPane();
    private final Label badge = new Label();
    private final Label headline = new Label("Select a message in the stream");
    private final VBox summary = new VBox(4);
    private final TreeView<String> tree = new TreeView<>();
    private final TextArea json = codeArea("envelopeJson");
    private final TextArea raw = codeArea("rawBody");
    private final GridPane props = new GridPane();
    private final StackPane flowSlot = new StackPane();
    private final TabPane tabs = new TabPane();
    private Consumer<List<EngineEvent>> flowSink = events -> { };

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        root.setId("inspectorView");
        badge.getStyleClass().add(Styles.KIND_BADGE);
        badge.setVisible(false);
        headline.setId("inspectorHeadline");
        headline.getStyleClass().add(Styles.TITLE);
        HBox head = new HBox(8, badge, headline);
        head.setPadding(new Insets(6, 8, 4, 8));
        summary.setId("routingSummary");
        summary.setPadding(new Insets(0, 8, 6, 8));
        tree.setShowRoot(false);
        tree.setId("envelopeTree");
        props.setHgap(10);
        props.setVgap(2);
        props.setPadding(new Insets(8));
        Label flowPlaceholder = new Label("Sequence view");
        flowPlaceholder.getStyleClass().add(Styles.PLACEHOLDER);
        flowSlot.getChildren().add(flowPlaceholder);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(new Tab("Routing", scroll(summary)), new Tab("Envelope", tree), new Tab("JSON", json),
                new Tab("Properties", scroll(props)), new Tab("Raw", raw), new Tab("Flow", flowSlot));
        tabs.setId("inspectorTabs");
        root.setTop(head);
        root.setCenter(tabs);
        model.detailProperty().addListener((o, a, d) -> show(d));
    }

    /** Embeds the flow (sequence) view; {@code sink} receives the events of the selected message's request. */
    public void setFlowView(Node view, Consumer<List<EngineEvent>> sink) {
        flowSlot.getChildren().setAll(view);
        this.flowSink = sink;
    }

    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private void show(MessageDetail d) {
        if (d == null) {
            badge.setVisible(false);
            headline.setText("Select a message in the stream");
            summary.getChildren().clear();
            tree.setRoot(null);
            json.clear();
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
        tree.setRoot(treeOf("message", d.envelope()));
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
        if (node == null) {
            return new TreeItem<>("(not an oslo JSON message)");
        }
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

    private static TextArea codeArea(String id) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(true);
        a.getStyleClass().add(Styles.CODE);
        return a;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }

    public Node getRoot() {
        return root;
    }

    public InspectorViewModel model() {
        return model;
    }
}
