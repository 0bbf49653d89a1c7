package io.osloscope.app.playground;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RoutingExplanation;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.Map;

/**
 * Asks the in-memory broker what a publish would do as the user types, and lists every binding of the
 * exchange with whether it matched and why. Nothing is ever published. RoutingPlaygroundView.fxml bound by a
 * {@link RoutingPlaygroundController} to a {@link RoutingPlaygroundViewModel}. FX thread.
 */
public final class RoutingPlaygroundView {
    private final RoutingPlaygroundViewModel model;
    private final Parent root;

    public RoutingPlaygroundView(Broker broker) {
        model = new RoutingPlaygroundViewModel(broker);
        root = ViewLoader.<Parent, RoutingPlaygroundController>load(Views.PLAYGROUND.fxml(),
                new RoutingPlaygroundController(model)).root();
    }

    public Node getRoot() {
        return root;
    }

    public RoutingPlaygroundViewModel model() {
        return model;
    }

    public void selectExchange(String name) {
        model.selectExchange(name);
    }

    public void setRoutingKey(String key) {
        model.routingKeyProperty().set(key);
    }

    public void setHeaders(Map<String, ?> values) {
        model.setHeaders(values);
    }

    /** The last explanation shown, or null when none could be computed. */
    public RoutingExplanation explanation() {
        return model.explanationProperty().get();
    }

    public String summaryText() {
        return model.summaryProperty().get();
    }

    /** {@code key=value} per line; numbers stay numbers, {@code true}/{@code false} become booleans. */
    static Map<String, Object> parseHeaders(String text) {
        return RoutingPlaygroundViewModel.parseHeaders(text);
    }
}
