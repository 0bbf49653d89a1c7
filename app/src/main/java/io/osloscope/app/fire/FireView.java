package io.osloscope.app.fire;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;

/** The fire panel: FireView.fxml bound by a {@link FireController} to a {@link FireViewModel}. FX thread. */
public final class FireView {
    private final Parent root;

    public FireView(FireViewModel model) {
        root = ViewLoader.<Parent, FireController>load(Views.FIRE.fxml(), new FireController(model)).root();
    }

    public Node getRoot() {
        return root;
    }
}
