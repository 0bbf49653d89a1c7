package io.osloscope.app.message;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import io.osloscope.engine.observe.EngineEvent;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.List;
import java.util.function.Consumer;

/**
 * The message inspector: headline, routing explanation and reply up top; envelope tree, formatted JSON,
 * AMQP properties, raw body and the flow's sequence view in tabs. InspectorView.fxml bound by an
 * {@link InspectorController}. FX thread.
 */
public final class InspectorView {
    private final InspectorViewModel model;
    private final Parent root;
    private final InspectorController controller;

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        ViewLoader.Loaded<Parent, InspectorController> loaded =
                ViewLoader.load(Views.INSPECTOR.fxml(), new InspectorController(model));
        root = loaded.root();
        controller = loaded.controller();
    }

    /** Embeds the flow (sequence) view; {@code sink} receives the events of the selected message's request. */
    public void setFlowView(Node view, Consumer<List<EngineEvent>> sink) {
        controller.setFlowView(view, sink);
    }

    /** Selects the tab titled {@code title} (Routing, Envelope, JSON, Properties, Raw, Flow). */
    public void selectTab(String title) {
        controller.selectTab(title);
    }

    public Node getRoot() {
        return root;
    }

    public InspectorViewModel model() {
        return model;
    }
}
