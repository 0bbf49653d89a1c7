package io.osloscope.app.fire;

import io.osloscope.app.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The fire panel, bound to a {@link FireViewModel}. FX thread. */
public final class FireView {
    private final FireViewModel model;
    private final VBox root = new VBox(6);

    public FireView(FireViewModel model) {
        this.model = model;
        root.setId("fireView");
        root.getStyleClass().add(Styles.PANEL);

        ComboBox<MethodTemplate> methods = new ComboBox<>(model.catalog());
        methods.setId("fireCatalog");
        methods.setPromptText("method from the catalog…");
        methods.setMaxWidth(Double.MAX_VALUE);
        methods.valueProperty().bindBidirectional(model.templateProperty());

        ComboBox<FireRequest.TargetKind> target = new ComboBox<>();
        target.getItems().addAll(FireRequest.TargetKind.values());
        target.setId("fireTarget");
        target.valueProperty().bindBidirectional(model.targetProperty());
        TextField topic = text("fireTopic", model.topicProperty());
        ComboBox<String> server = new ComboBox<>(model.servers());
        server.setId("fireServer");
        server.setEditable(true);
        server.setMaxWidth(Double.MAX_VALUE);
        server.valueProperty().bindBidirectional(model.serverProperty());
        server.disableProperty().bind(model.targetProperty().isNotEqualTo(FireRequest.TargetKind.SERVER));
        server.setOnShowing(e -> model.refreshServers());
        TextField exchange = text("fireExchange", model.exchangeProperty());
        TextField method = text("fireMethod", model.methodProperty());
        TextField version = text("fireVersion", model.versionProperty());
        TextField namespace = text("fireNamespace", model.namespaceProperty());
        namespace.setPromptText("(none)");

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        int r = 0;
        form.addRow(r++, label("target"), target);
        form.addRow(r++, label("topic"), topic);
        form.addRow(r++, label("server"), server);
        form.addRow(r++, label("exchange"), exchange);
        form.addRow(r++, label("method"), method);
        form.addRow(r++, label("version"), version);
        form.addRow(r, label("namespace"), namespace);
        for (Node n : new Node[] {target, topic, server, exchange, method, version, namespace}) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            if (n instanceof javafx.scene.control.Control c) {
                c.setMaxWidth(Double.MAX_VALUE);
            }
        }

        TextArea args = new TextArea();
        args.setId("fireArgs");
        args.getStyleClass().add(Styles.CODE);
        args.setPrefRowCount(8);
        args.textProperty().bindBidirectional(model.argsTextProperty());
        VBox.setVgrow(args, Priority.ALWAYS);
        Label argsError = new Label();
        argsError.setId("fireArgsError");
        argsError.getStyleClass().add(Styles.ERROR);
        argsError.setWrapText(true);
        argsError.textProperty().bind(model.argsErrorProperty());
        argsError.visibleProperty().bind(model.argsErrorProperty().isNotNull());
        argsError.managedProperty().bind(argsError.visibleProperty());
        model.argsErrorProperty().addListener((o, a, b) -> args.pseudoClassStateChanged(Styles.INVALID, b != null));

        ToggleGroup mode = new ToggleGroup();
        RadioButton cast = new RadioButton("cast");
        cast.setId("fireModeCast");
        RadioButton call = new RadioButton("call");
        call.setId("fireModeCall");
        cast.setToggleGroup(mode);
        call.setToggleGroup(mode);
        (model.callProperty().get() ? call : cast).setSelected(true);
        model.callProperty().addListener((o, a, b) -> (b ? call : cast).setSelected(true));
        mode.selectedToggleProperty().addListener((o, a, b) -> model.callProperty().set(b == call));
        Button fire = new Button("Fire");
        fire.setId("fireButton");
        fire.setDefaultButton(true);
        fire.disableProperty().bind(model.busyProperty().or(model.argsErrorProperty().isNotNull()));
        fire.textProperty().bind(Bindings.when(model.callProperty()).then("Call  ⏎").otherwise("Cast  ⏎"));
        fire.setOnAction(e -> model.fire());
        HBox actions = new HBox(10, cast, call, fire);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label outcome = new Label();
        outcome.setId("fireOutcome");
        outcome.getStyleClass().add("fire-result");
        outcome.setWrapText(true);
        model.outcomeProperty().addListener((o, a, b) -> {
            outcome.setText(describe(b));
            outcome.pseudoClassStateChanged(Styles.INVALID, b != null && !b.ok());
        });
        model.busyProperty().addListener((o, a, b) -> {
            if (b) {
                outcome.setText(model.callProperty().get() ? "calling…" : "casting…");
            }
        });
        Label title = new Label("Fire an RPC");
        title.getStyleClass().add(Styles.TITLE);
        root.getChildren().addAll(title, methods, form, label("arguments (JSON)"), args, argsError, actions, outcome);
        root.setPadding(new Insets(8));
    }

    static String describe(FireOutcome o) {
        if (o == null) {
            return "";
        }
        if (!o.ok()) {
            return "✘ " + o.errorClass() + (o.errorMessage() == null ? "" : ": " + o.errorMessage());
        }
        if (!o.call()) {
            return "✔ cast sent — its messages are highlighted in the stream";
        }
        String result = o.resultJson() == null ? "null" : o.resultJson().replaceAll("\\s+", " ");
        if (result.length() > 300) {
            result = result.substring(0, 297) + "…";
        }
        return "✔ replied in " + o.latencyMs() + " ms: " + result;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.MUTED);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    public Node getRoot() {
        return root;
    }
}
