package io.osloscope.app.trace;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;

/** The Trace tab: TraceView.fxml bound by a {@link TraceController} to a {@link TraceViewModel}. FX thread. */
public final class TraceView {
    private final TraceViewModel model;
    private final Parent root;

    public TraceView(TraceViewModel model) {
        this.model = model;
        root = ViewLoader.<Parent, TraceController>load(Views.TRACE.fxml(), new TraceController(model)).root();
    }

    public Node getRoot() {
        return root;
    }

    public TraceViewModel model() {
        return model;
    }
}
