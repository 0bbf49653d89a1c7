package io.osloscope.app.scenario;

import io.osloscope.app.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;

/** Binds SimControlsView.fxml to a {@link SimControlsViewModel}; builds one row per simulated node. FX thread. */
public final class SimControlsController {
    private final SimControlsViewModel model;
    @FXML private ResourceBundle resources;
    @FXML private ToggleButton pause;
    @FXML private Button step;
    @FXML private Slider speed;
    @FXML private Label speedLabel;
    @FXML private ComboBox<String> scenarios;
    @FXML private Button run;
    @FXML private Label message;
    @FXML private ComboBox<String> dialect;
    @FXML private Button applyDialect;
    @FXML private Button recover;
    @FXML private Label broker;
    @FXML private ComboBox<String> release;
    @FXML private Button applyRelease;
    @FXML private javafx.scene.control.ListView<String> switchLines;
    @FXML private VBox nodeList;

    public SimControlsController(SimControlsViewModel model) {
        this.model = Objects.requireNonNull(model);
    }

    @FXML
    private void initialize() {
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        step.disableProperty().bind(model.pausedProperty().not());
        // NOTE(speed): the engine is told once the thumb is released, not on every pixel of a drag
        speed.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                model.speedProperty().set(speed.getValue());
            }
        });
        speedLabel.textProperty().bind(speed.valueProperty().asString(resources.getString("speed.format")));
        scenarios.setItems(model.scenarios());
        // the list keeps the scenario set's titles (what runs them); it shows them in the window's language
        scenarios.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String title) {
                if (title == null) {
                    return "";
                }
                try {
                    String key = "scenario." + io.osloscope.sim.scenario.Scenario.byTitle(title).cliName();
                    return resources.containsKey(key) ? resources.getString(key) : title;
                } catch (IllegalArgumentException e) {
                    return title;
                }
            }

            @Override
            public String fromString(String text) {
                return model.scenarios().stream().filter(t -> toString(t).equals(text)).findFirst().orElse(text);
            }
        });
        run.disableProperty().bind(scenarios.valueProperty().isNull());
        message.textProperty().bind(model.messageProperty());
        dialect.setItems(model.dialects());
        dialect.setValue(model.dialectProperty().get());
        model.dialectProperty().addListener((o, a, b) -> dialect.setValue(b));
        applyDialect.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.switchingProperty().get() || dialect.getValue() == null
                        || (dialect.getValue().equals(model.dialectProperty().get())
                        && !model.recoverableProperty().get()),
                model.switchingProperty(), dialect.valueProperty(), model.dialectProperty(),
                model.recoverableProperty()));
        recover.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.switchingProperty().get() || !model.recoverableProperty().get(),
                model.switchingProperty(), model.recoverableProperty()));
        release.setItems(model.releases());
        release.setDisable(model.releases().isEmpty());
        applyRelease.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.switchingProperty().get() || release.getValue() == null,
                model.switchingProperty(), release.valueProperty()));
        broker.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> MessageFormat.format(resources.getString("broker.format"), model.brokerProperty().get()),
                model.brokerProperty()));
        switchLines.setItems(model.switchLines());
        switchLines.setPlaceholder(new Label(""));
        // NOTE(narrow-panel): a refusal's line is long (RabbitMQ's text and a hint); cells wrap, the tooltip holds
        // the whole line too
        switchLines.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
                if (getTooltip() != null) {
                    getTooltip().setWrapText(true);
                    getTooltip().setMaxWidth(640);
                }
            }
        });
        model.nodes().addListener((ListChangeListener<SimulationControl.NodeInfo>) c -> rebuildNodes());
        rebuildNodes();
    }

    @FXML
    private void startInstance() {
        model.startInstance();
    }

    @FXML
    private void addCompute() {
        model.addCompute();
    }

    @FXML
    private void applyDialect() {
        model.switchDialect(dialect.getValue());
    }

    @FXML
    private void applyRelease() {
        model.switchRelease(release.getValue());
    }

    @FXML
    private void recover() {
        model.recover();
    }

    @FXML
    private void step() {
        model.step();
    }

    @FXML
    private void runScenario() {
        model.runScenario(scenarios.getValue());
    }

    private void rebuildNodes() {
        nodeList.getChildren().clear();
        for (SimulationControl.NodeInfo n : model.nodes()) {
            Label name = new Label(n.binary() + " @ " + n.host());
            Label state = new Label(n.state());
            state.getStyleClass().add("node-state");
            // NOTE(narrow-panel): the host name gives way (ellipsis, full text in the tooltip), never the state
            state.setMinWidth(Region.USE_PREF_SIZE);
            name.setTooltip(new javafx.scene.control.Tooltip(name.getText()));
            state.pseudoClassStateChanged(Styles.DOWN, n.down() || !"up".equals(n.state()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            MenuButton actions = new MenuButton(resources.getString("node.actions"));
            MenuItem updown = new MenuItem(resources.getString(n.down() ? "node.up" : "node.down"));
            updown.setOnAction(e -> model.toggleDown(n));
            actions.getItems().add(updown);
            for (SimulationControl.Fault f : SimulationControl.Fault.values()) {
                MenuItem m = new MenuItem(MessageFormat.format(resources.getString("node.fault"), f));
                m.setOnAction(e -> model.setFault(n, f));
                actions.getItems().add(m);
            }
            if (n.binary().equals("nova-compute")) {
                MenuItem remove = new MenuItem(resources.getString("node.remove"));
                remove.setOnAction(e -> model.removeCompute(n.host()));
                actions.getItems().add(remove);
            }
            actions.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, name, spacer, state, actions);
            row.getStyleClass().add("node-row");
            nodeList.getChildren().add(row);
        }
    }
}
