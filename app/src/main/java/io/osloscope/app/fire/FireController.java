package io.osloscope.app.fire;

import io.osloscope.app.fx.Texts;
import io.osloscope.app.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

import java.util.Objects;
import java.util.ResourceBundle;

/** Binds FireView.fxml to a {@link FireViewModel} and forwards the fire intent. FX thread. */
public final class FireController {
    private final FireViewModel model;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<MethodTemplate> catalog;
    @FXML private ComboBox<FireRequest.TargetKind> target;
    @FXML private TextField topic;
    @FXML private ComboBox<String> server;
    @FXML private TextField exchange;
    @FXML private TextField method;
    @FXML private TextField version;
    @FXML private TextField namespace;
    @FXML private io.osloscope.app.json.JsonEditor args;
    @FXML private Label argsError;
    @FXML private ToggleGroup mode;
    @FXML private RadioButton cast;
    @FXML private RadioButton call;
    @FXML private Button fire;
    @FXML private Label outcome;

    public FireController(FireViewModel model) {
        this.model = Objects.requireNonNull(model);
    }

    @FXML
    private void initialize() {
        catalog.setItems(model.catalog());
        catalog.valueProperty().bindBidirectional(model.templateProperty());
        target.getItems().setAll(FireRequest.TargetKind.values());
        target.valueProperty().bindBidirectional(model.targetProperty());
        topic.textProperty().bindBidirectional(model.topicProperty());
        server.setItems(model.servers());
        server.valueProperty().bindBidirectional(model.serverProperty());
        server.disableProperty().bind(model.targetProperty().isNotEqualTo(FireRequest.TargetKind.SERVER));
        exchange.textProperty().bindBidirectional(model.exchangeProperty());
        method.textProperty().bindBidirectional(model.methodProperty());
        version.textProperty().bindBidirectional(model.versionProperty());
        namespace.textProperty().bindBidirectional(model.namespaceProperty());

        args.textProperty().bindBidirectional(model.argsTextProperty());
        argsError.textProperty().bind(model.argsErrorProperty());
        argsError.visibleProperty().bind(model.argsErrorProperty().isNotNull());
        argsError.managedProperty().bind(argsError.visibleProperty());
        args.pseudoClassStateChanged(Styles.INVALID, model.argsErrorProperty().get() != null);
        model.argsErrorProperty().addListener((o, a, b) -> args.pseudoClassStateChanged(Styles.INVALID, b != null));

        (model.callProperty().get() ? call : cast).setSelected(true);
        model.callProperty().addListener((o, a, b) -> (b ? call : cast).setSelected(true));
        mode.selectedToggleProperty().addListener((o, a, b) -> model.callProperty().set(b == call));
        fire.disableProperty().bind(model.busyProperty().or(model.argsErrorProperty().isNotNull()));
        fire.textProperty().bind(Bindings.when(model.callProperty())
                .then(resources.getString("fire.call")).otherwise(resources.getString("fire.cast")));

        model.outcomeProperty().addListener((o, a, b) -> {
            outcome.setText(describe(resources, b));
            outcome.pseudoClassStateChanged(Styles.INVALID, b != null && !b.ok());
        });
        model.busyProperty().addListener((o, a, b) -> {
            if (b) {
                outcome.setText(resources.getString(model.callProperty().get() ? "calling" : "casting"));
            }
        });
    }

    @FXML
    private void fire() {
        model.fire();
    }

    @FXML
    private void refreshServers() {
        model.refreshServers();
    }

    static String describe(ResourceBundle texts, FireOutcome o) {
        if (o == null) {
            return "";
        }
        if (!o.ok()) {
            return "✘ " + o.errorClass() + (o.errorMessage() == null ? "" : ": " + o.errorMessage());
        }
        if (!o.call()) {
            return texts.getString("outcome.cast");
        }
        String result = o.resultJson() == null ? "null" : o.resultJson().replaceAll("\\s+", " ");
        if (result.length() > 300) {
            result = result.substring(0, 297) + "…";
        }
        return Texts.format(texts, "outcome.replied", o.latencyMs(), result);
    }
}
