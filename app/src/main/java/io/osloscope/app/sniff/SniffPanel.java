package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.health.HealthHint;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/**
 * The "RabbitMQ" side panel: the connect form (with inline errors), and while a source is attached the
 * mode indicator, what the mode costs, health hints, recordings and the arming state. Thin: binds nodes
 * to the two view models and forwards intents. Confirmations (firehose consent, arming) are non-blocking
 * dialogs whose result is handled when the user answers.
 */
public final class SniffPanel {
    private final ConnectViewModel form;
    private final SniffViewModel vm;
    private final VBox root = new VBox(8);
    private final TextField url = new TextField();
    private final CheckBox redact = new CheckBox("Redact tokens when saving");

    public SniffPanel(ConnectViewModel form, SniffViewModel vm) {
        this.form = form;
        this.vm = vm;
        root.setId("sniffPanel");
        root.getStyleClass().add("sniff-panel");
        redact.setSelected(true);
        redact.setId("sniffRedact");

        Label mode = new Label();
        mode.setId("sniffMode");
        mode.getStyleClass().add("sniff-mode");
        mode.textProperty().bind(vm.modeTextProperty());
        mode.setWrapText(true);
        Label explain = new Label();
        explain.textProperty().bind(vm.explanationProperty());
        explain.setWrapText(true);
        explain.getStyleClass().add("sniff-explain");
        Label problem = inline(vm.problemProperty(), "sniffProblem");
        Label info = inline(vm.infoProperty(), "sniffInfo");

        Node connect = connectForm();
        connect.visibleProperty().bind(vm.sessionProperty().isNull());
        connect.managedProperty().bind(connect.visibleProperty());
        Node session = sessionPane();
        session.visibleProperty().bind(vm.sessionProperty().isNotNull());
        session.managedProperty().bind(session.visibleProperty());
        Button open = new Button("Open recording…");
        open.setId("sniffOpen");
        open.setOnAction(e -> chooseRecording());
        root.getChildren().addAll(mode, explain, problem, info, connect, session, open);
        vm.pendingPublishProperty().addListener((o, a, r) -> {
            if (r != null) {
                confirmArming(r);
            }
        });
    }

    public Node getRoot() {
        ScrollPane sp = new ScrollPane(root);
        sp.setFitToWidth(true);
        return sp;
    }

    /** Puts the cursor into the URL field (the "Connect to RabbitMQ…" action). */
    public void focusConnect() {
        url.requestFocus();
    }

    private Node connectForm() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        ComboBox<String> profiles = new ComboBox<>(form.profileNames());
        profiles.setPromptText("saved profiles");
        profiles.setId("sniffProfiles");
        profiles.setOnAction(e -> {
            if (profiles.getValue() != null) {
                form.loadProfile(profiles.getValue());
            }
        });
        form.reloadProfiles();
        url.setId("sniffUrl");
        url.textProperty().bindBidirectional(form.urlProperty());
        TextField vhost = field(form.vhostProperty(), "sniffVhost", "from the URL");
        TextField user = field(form.userProperty(), "sniffUser", "from the URL (guest)");
        PasswordField password = new PasswordField();
        password.setId("sniffPassword");
        password.textProperty().bindBidirectional(form.passwordProperty());
        TextField mgmt = field(form.managementUrlProperty(), "sniffManagement", "");
        mgmt.promptTextProperty().bind(form.derivedManagementProperty());
        ToggleGroup modes = new ToggleGroup();
        RadioButton tap = new RadioButton("Tap");
        tap.setId("sniffTap");
        RadioButton fire = new RadioButton("Firehose");
        fire.setId("sniffFirehose");
        tap.setToggleGroup(modes);
        fire.setToggleGroup(modes);
        tap.setSelected(form.modeProperty().get() == CaptureMode.TAP);
        fire.setSelected(form.modeProperty().get() == CaptureMode.FIREHOSE);
        modes.selectedToggleProperty().addListener((o, a, t) ->
                form.modeProperty().set(t == fire ? CaptureMode.FIREHOSE : CaptureMode.TAP));
        form.modeProperty().addListener((o, a, m) -> (m == CaptureMode.FIREHOSE ? fire : tap).setSelected(true));
        Label cost = new Label();
        cost.setWrapText(true);
        cost.textProperty().bind(form.modeExplanationProperty());
        cost.getStyleClass().add("sniff-explain");

        TextField trust = field(form.trustStoreProperty(), "sniffTrustStore", "JVM default");
        PasswordField trustPw = new PasswordField();
        trustPw.textProperty().bindBidirectional(form.trustStorePasswordProperty());
        TextField key = field(form.keyStoreProperty(), "sniffKeyStore", "none (PKCS12/JKS client certificate)");
        PasswordField keyPw = new PasswordField();
        keyPw.textProperty().bindBidirectional(form.keyStorePasswordProperty());
        CheckBox verify = new CheckBox("Verify host name");
        verify.selectedProperty().bindBidirectional(form.verifyHostnameProperty());
        GridPane tls = new GridPane();
        tls.setHgap(6);
        tls.setVgap(4);
        tls.addRow(0, new Label("Trust store"), trust);
        tls.addRow(1, new Label("Password"), trustPw);
        tls.addRow(2, new Label("Client cert"), key);
        tls.addRow(3, new Label("Password"), keyPw);
        tls.add(verify, 1, 4);
        TitledPane tlsPane = new TitledPane("TLS (rabbits:// or ?ssl=1)", tls);
        tlsPane.setExpanded(false);

        TextField name = field(form.profileNameProperty(), "sniffProfileName", "profile name");
        CheckBox savePw = new CheckBox("Save password");
        savePw.selectedProperty().bindBidirectional(form.savePasswordProperty());
        Button save = new Button("Save profile");
        save.setOnAction(e -> form.saveProfile());

        Button connect = new Button("Connect");
        connect.setId("sniffConnect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(form.connectingProperty());
        connect.setOnAction(e -> connect());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(form.connectingProperty());
        Label formProblem = inline(form.problemProperty(), "sniffConnectProblem");

        int r = 0;
        g.addRow(r++, new Label("Profile"), profiles);
        g.addRow(r++, new Label("URL"), url);
        g.addRow(r++, new Label("Vhost"), vhost);
        g.addRow(r++, new Label("User"), user);
        g.addRow(r++, new Label("Password"), password);
        g.addRow(r++, new Label("Management"), mgmt);
        g.addRow(r++, new Label("Capture"), new HBox(10, tap, fire));
        VBox box = new VBox(6, new Label("Connect to RabbitMQ"), g, cost, tlsPane,
                new HBox(6, name, savePw, save), new HBox(8, connect, spin), formProblem);
        box.getStyleClass().add("sniff-form");
        return box;
    }

    private void connect() {
        if (form.modeProperty().get() != CaptureMode.FIREHOSE) {
            form.connect(false, vm::attach);
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Switch on the firehose?");
        d.setHeaderText("Firehose mode switches RabbitMQ tracing on for this vhost while capturing.");
        d.setContentText(CaptureMode.FIREHOSE.cost() + ".\n\nIt is switched off again when capture stops or "
                + "Osloscope exits. " + CaptureMode.FIREHOSE.blindSpot() + ".");
        ButtonType agree = new ButtonType("Switch tracing on", ButtonType.OK.getButtonData());
        d.getDialogPane().getButtonTypes().setAll(agree, ButtonType.CANCEL);
        d.setOnHidden(e -> {
            if (d.getResult() == agree) {
                form.connect(true, vm::attach);
            }
        });
        d.show();
    }

    private Node sessionPane() {
        Button disconnect = new Button("Disconnect");
        disconnect.setId("sniffDisconnect");
        disconnect.setOnAction(e -> vm.disconnect());
        Button save = new Button("Save recording…");
        save.setId("sniffSave");
        save.setOnAction(e -> chooseSave());
        Label armed = new Label();
        armed.textProperty().bind(Bindings.when(vm.armedProperty())
                .then("Publishing ARMED for this connection").otherwise("Read-only: firing is refused until you arm it"));
        armed.setWrapText(true);
        Button disarm = new Button("Disarm");
        disarm.visibleProperty().bind(vm.armedProperty());
        disarm.setOnAction(e -> vm.disarm());
        ListView<HealthHint> hints = new ListView<>(vm.hints());
        hints.setId("sniffHints");
        hints.setPrefHeight(220);
        hints.setPlaceholder(new Label("No health hints yet"));
        hints.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HealthHint h, boolean empty) {
                super.updateItem(h, empty);
                setText(empty || h == null ? null : (h.severity() == HealthHint.Severity.PROBLEM ? "✘ "
                        : h.severity() == HealthHint.Severity.WARNING ? "⚠ " : "· ") + h.message());
                setWrapText(true);
            }
        });
        return new VBox(6, new HBox(6, disconnect, save), redact, new HBox(6, armed, disarm),
                new Label("Health hints"), hints);
    }

    private void confirmArming(io.osloscope.engine.sniff.PublishRequest r) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Publish to a real broker?");
        d.setHeaderText("This connection is read-only. Arm it and publish exactly this message?");
        TextArea text = new TextArea(r.describe());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(14);
        d.getDialogPane().setContent(text);
        ButtonType arm = new ButtonType("Arm and publish", ButtonType.OK.getButtonData());
        d.getDialogPane().getButtonTypes().setAll(arm, ButtonType.CANCEL);
        d.setOnHidden(e -> {
            if (d.getResult() == arm) {
                vm.armAndPublish();
            } else {
                vm.cancelPublish();
            }
        });
        d.show();
    }

    private void chooseSave() {
        FileChooser c = new FileChooser();
        c.setTitle("Save recording");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
        c.setInitialFileName("capture.jsonl");
        File f = c.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.saveRecording(f.toPath(), redact.isSelected());
        }
    }

    private void chooseRecording() {
        FileChooser c = new FileChooser();
        c.setTitle("Open recording");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl", "*.json", "*.*"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.openRecording(f.toPath());
        }
    }

    private static TextField field(javafx.beans.property.StringProperty p, String id, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    private static Label inline(javafx.beans.value.ObservableStringValue text, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
