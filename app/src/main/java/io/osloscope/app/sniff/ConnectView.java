package io.osloscope.app.sniff;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.function.Consumer;

/** The RabbitMQ connect form: ConnectView.fxml bound by a {@link ConnectController}. FX thread. */
public final class ConnectView {
    private final Parent root;
    private final ConnectController controller;

    /** @param onConnected receives the session once connected (on the FX thread) */
    public ConnectView(ConnectViewModel form, Consumer<SniffSession> onConnected) {
        ViewLoader.Loaded<Parent, ConnectController> loaded =
                ViewLoader.load(Views.CONNECT.fxml(), new ConnectController(form, onConnected));
        root = loaded.root();
        controller = loaded.controller();
    }

    public Node getRoot() {
        return root;
    }

    /** Puts the cursor into the URL field (the "Connect to RabbitMQ…" action). */
    public void focusUrl() {
        controller.focusUrl();
    }
}
