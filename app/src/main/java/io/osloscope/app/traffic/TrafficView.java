package io.osloscope.app.traffic;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TableView;

/**
 * The message stream view: loads {@code TrafficView.fxml} with a {@link TrafficController} bound to the given
 * {@link TrafficViewModel}. FX thread.
 */
public final class TrafficView {
    private final Parent root;
    private final TrafficController controller;

    public TrafficView(TrafficViewModel model) {
        ViewLoader.Loaded<Parent, TrafficController> loaded =
                ViewLoader.load(Views.STREAM.fxml(), new TrafficController(model));
        this.root = loaded.root();
        this.controller = loaded.controller();
    }

    public Node getRoot() {
        return root;
    }

    public TableView<TrafficRow> table() {
        return controller.table();
    }
}
