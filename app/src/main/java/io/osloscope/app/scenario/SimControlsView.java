package io.osloscope.app.scenario;

import io.osloscope.app.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Simulation controls bound to a {@link SimControlsViewModel}. FX thread. */
public final class SimControlsView {
    private final SimControlsViewModel model;
    private final VBox root = new VBox(6);
    private final VBox nodeList = new VBox(2);

    public SimControlsView(SimControlsViewModel model) {
        this.model = model;
        root.setId("simControls");
        root.getStyleClass().add(Styles.PANEL);

        Label title = new Label("Simulated cluster");
        title.getStyleClass().add(Styles.TITLE);
        Button start = new Button("start_instance");
        start.setId("simStartInstance");
        start.setTooltip(new Tooltip("POST /servers/{id}/action os-start through the simulated nova-api"));
        start.setOnAction(e -> model.startInstance());
        Button add = new Button("+ compute");
        add.setId("simAddCompute");
        add.setOnAction(e -> model.addCompute());
        HBox top = new HBox(6, start, add);

        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("simPause");
        pause.setTooltip(new Tooltip("Hold every delivery in the broker  F6"));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        Button step = new Button("Step");
        step.setId("simStep");
        step.setTooltip(new Tooltip("Deliver one held message  F7"));
        step.disableProperty().bind(model.pausedProperty().not());
        step.setOnAction(e -> model.step());
        Slider speed = new Slider(0.1, 1.0, 1.0);
        speed.setId("simSpeed");
        speed.setTooltip(new Tooltip("Delivery speed (1 = real time)"));
        speed.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                model.speedProperty().set(speed.getValue());
            }
        });
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(speed.valueProperty().asString("×%.2f"));
        HBox gate = new HBox(6, pause, step, speed, speedLabel);
        gate.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(speed, Priority.ALWAYS);

        ComboBox<String> scenarios = new ComboBox<>(model.scenarios());
        scenarios.setId("simScenario");
        scenarios.setPromptText("scenario…");
        scenarios.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(scenarios, Priority.ALWAYS);
        Button run = new Button("Run");
        run.setId("simRunScenario");
        run.disableProperty().bind(scenarios.valueProperty().isNull());
        run.setOnAction(e -> model.runScenario(scenarios.getValue()));
        HBox scenarioRow = new HBox(6, scenarios, run);

        Label message = new Label();
        message.setId("simMessage");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.MUTED);
        message.textProperty().bind(model.messageProperty());

        ScrollPane nodesScroll = new ScrollPane(nodeList);
        nodesScroll.setFitToWidth(true);
        VBox.setVgrow(nodesScroll, Priority.ALWAYS);
        model.nodes().addListener((ListChangeListener<SimulationControl.NodeInfo>) c -> rebuildNodes());
        rebuildNodes();

        root.getChildren().addAll(title, top, section("delivery gate"), gate, section("scenarios"), scenarioRow,
                message, section("nodes"), nodesScroll);
    }

    private void rebuildNodes() {
        nodeList.getChildren().clear();
        for (SimulationControl.NodeInfo n : model.nodes()) {
            Label name = new Label(n.binary() + " @ " + n.host());
            Label state = new Label(n.state());
            state.getStyleClass().add("node-state");
            state.pseudoClassStateChanged(Styles.DOWN, n.down() || !"up".equals(n.state()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            MenuButton actions = new MenuButton("⋯");
            MenuItem updown = new MenuItem(n.down() ? "bring up" : "take down");
            updown.setOnAction(e -> model.toggleDown(n));
            actions.getItems().add(updown);
            for (SimulationControl.Fault f : SimulationControl.Fault.values()) {
                MenuItem m = new MenuItem("fault: " + f);
                m.setOnAction(e -> model.setFault(n, f));
                actions.getItems().add(m);
            }
            if (n.binary().equals("nova-compute")) {
                MenuItem remove = new MenuItem("remove compute");
                remove.setOnAction(e -> model.removeCompute(n.host()));
                actions.getItems().add(remove);
            }
            HBox row = new HBox(6, name, spacer, state, actions);
            row.getStyleClass().add("node-row");
            nodeList.getChildren().add(row);
        }
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.SECTION);
        return l;
    }

    public Node getRoot() {
        return root;
    }
}
