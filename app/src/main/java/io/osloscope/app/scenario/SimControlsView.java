package io.osloscope.app.scenario;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;

/** Simulation controls: SimControlsView.fxml bound by a {@link SimControlsController}. FX thread. */
public final class SimControlsView {
    private final Parent root;

    public SimControlsView(SimControlsViewModel model) {
        root = ViewLoader.<Parent, SimControlsController>load(Views.SIMULATION.fxml(), new SimControlsController(model))
                .root();
    }

    public Node getRoot() {
        return root;
    }
}
