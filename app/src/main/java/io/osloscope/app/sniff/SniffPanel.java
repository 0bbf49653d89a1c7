package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.health.HealthHint;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/**
 * The "RabbitMQ" side panel: the connect form ({@link ConnectView}), and while a source is attached the
 * mode indicator, what the mode costs, health hints, recordings and the arming state. Thin: binds nodes
 * to the two view models and forwards intents. Confirmations (firehose consent, arming) are non-blocking
 * dialogs whose result is handled when the user answers.
 */
public final class SniffPanel {
    private final SniffViewModel vm;
    private final VBox root = new VBox(8);
    private final ConnectView connectView;
    private final io.osloscope.app.fx.Texts t = io.osloscope.app.fx.Texts.of("io.osloscope.app.sniff.ConnectView");
    private final CheckBox redact = new CheckBox(t.get("sniff.redact"));

    public SniffPanel(ConnectViewModel form, SniffViewModel vm) {
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

        connectView = new ConnectView(form, vm::attach);
        Node connect = connectView.getRoot();
        connect.visibleProperty().bind(vm.sessionProperty().isNull());
        connect.managedProperty().bind(connect.visibleProperty());
        Node session = sessionPane();
        session.visibleProperty().bind(vm.sessionProperty().isNotNull());
        session.managedProperty().bind(session.visibleProperty());
        Button open = new Button(t.get("sniff.open"));
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
        connectView.focusUrl();
    }

    private Node sessionPane() {
        Button disconnect = new Button(t.get("sniff.disconnect"));
        disconnect.setId("sniffDisconnect");
        disconnect.setOnAction(e -> vm.disconnect());
        Button save = new Button(t.get("sniff.save"));
        save.setId("sniffSave");
        save.setOnAction(e -> chooseSave());
        Label armed = new Label();
        armed.textProperty().bind(Bindings.when(vm.armedProperty())
                .then(t.get("sniff.armed")).otherwise(t.get("sniff.readOnly")));
        armed.setWrapText(true);
        Button disarm = new Button(t.get("sniff.disarm"));
        disarm.visibleProperty().bind(vm.armedProperty());
        disarm.setOnAction(e -> vm.disarm());
        ListView<HealthHint> hints = new ListView<>(vm.hints());
        hints.setId("sniffHints");
        hints.setPrefHeight(220);
        hints.setPlaceholder(new Label(t.get("sniff.noHints")));
        hints.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HealthHint h, boolean empty) {
                super.updateItem(h, empty);
                setText(empty || h == null ? null : SniffViewModel.hintText(h));
                setWrapText(true);
            }
        });
        Label captureHealth = new Label();
        captureHealth.setId("sniffCaptureHealth");
        captureHealth.getStyleClass().add("sniff-capture-health");
        captureHealth.textProperty().bind(vm.captureHealthProperty());
        captureHealth.setWrapText(true);
        captureHealth.visibleProperty().bind(vm.captureHealthProperty().isNotEmpty());
        captureHealth.managedProperty().bind(captureHealth.visibleProperty());
        return new VBox(6, new HBox(6, disconnect, save), captureHealth, redact, new HBox(6, armed, disarm),
                new Label(t.get("sniff.hints")), hints, new ReplyQueuesView(vm.replyQueues()).getRoot());
    }

    private void confirmArming(io.osloscope.engine.sniff.PublishRequest r) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(t.get("arm.title"));
        d.setHeaderText(t.get("arm.header"));
        TextArea text = new TextArea(r.describe());
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(14);
        d.getDialogPane().setContent(text);
        ButtonType arm = new ButtonType(t.get("arm.button"), ButtonType.OK.getButtonData());
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
        c.setTitle(t.get("sniff.save.title"));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
        c.setInitialFileName("capture.jsonl");
        File f = c.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.saveRecording(f.toPath(), redact.isSelected());
        }
    }

    private void chooseRecording() {
        FileChooser c = new FileChooser();
        c.setTitle(t.get("sniff.open.title"));
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl", "*.json", "*.*"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.openRecording(f.toPath());
        }
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
