package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * Binds ConnectView.fxml (the RabbitMQ connect form) to a {@link ConnectViewModel}. Connecting in firehose mode
 * first asks for consent in a non-blocking dialog; the session goes to {@code onConnected}. FX thread.
 */
public final class ConnectController {
    private final ConnectViewModel form;
    private final Consumer<SniffSession> onConnected;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<String> profiles;
    @FXML private TextField url;
    @FXML private TextField vhost;
    @FXML private TextField user;
    @FXML private PasswordField password;
    @FXML private TextField management;
    @FXML private ToggleGroup modes;
    @FXML private RadioButton tap;
    @FXML private RadioButton firehose;
    @FXML private Label cost;
    @FXML private TextField trustStore;
    @FXML private PasswordField trustStorePassword;
    @FXML private TextField keyStore;
    @FXML private PasswordField keyStorePassword;
    @FXML private CheckBox verifyHostname;
    @FXML private TextField profileName;
    @FXML private CheckBox savePassword;
    @FXML private Button connect;
    @FXML private ProgressIndicator spinner;
    @FXML private Label problem;

    public ConnectController(ConnectViewModel form, Consumer<SniffSession> onConnected) {
        this.form = Objects.requireNonNull(form);
        this.onConnected = Objects.requireNonNull(onConnected);
    }

    @FXML
    private void initialize() {
        profiles.setItems(form.profileNames());
        form.reloadProfiles();
        url.textProperty().bindBidirectional(form.urlProperty());
        vhost.textProperty().bindBidirectional(form.vhostProperty());
        user.textProperty().bindBidirectional(form.userProperty());
        password.textProperty().bindBidirectional(form.passwordProperty());
        management.textProperty().bindBidirectional(form.managementUrlProperty());
        management.promptTextProperty().bind(form.derivedManagementProperty());

        tap.setSelected(form.modeProperty().get() == CaptureMode.TAP);
        firehose.setSelected(form.modeProperty().get() == CaptureMode.FIREHOSE);
        modes.selectedToggleProperty().addListener((o, a, t) ->
                form.modeProperty().set(t == firehose ? CaptureMode.FIREHOSE : CaptureMode.TAP));
        form.modeProperty().addListener((o, a, m) -> (m == CaptureMode.FIREHOSE ? firehose : tap).setSelected(true));
        cost.textProperty().bind(form.modeExplanationProperty());

        trustStore.textProperty().bindBidirectional(form.trustStoreProperty());
        trustStorePassword.textProperty().bindBidirectional(form.trustStorePasswordProperty());
        keyStore.textProperty().bindBidirectional(form.keyStoreProperty());
        keyStorePassword.textProperty().bindBidirectional(form.keyStorePasswordProperty());
        verifyHostname.selectedProperty().bindBidirectional(form.verifyHostnameProperty());
        profileName.textProperty().bindBidirectional(form.profileNameProperty());
        savePassword.selectedProperty().bindBidirectional(form.savePasswordProperty());

        connect.disableProperty().bind(form.connectingProperty());
        spinner.visibleProperty().bind(form.connectingProperty());
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(Bindings.isNotEmpty(form.problemProperty()));
        problem.managedProperty().bind(problem.visibleProperty());
    }

    /** Puts the cursor into the URL field. */
    void focusUrl() {
        url.requestFocus();
    }

    @FXML
    private void loadProfile() {
        if (profiles.getValue() != null) {
            form.loadProfile(profiles.getValue());
        }
    }

    @FXML
    private void saveProfile() {
        form.saveProfile();
    }

    @FXML
    private void connect() {
        if (form.modeProperty().get() != CaptureMode.FIREHOSE) {
            form.connect(false, onConnected);
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(resources.getString("firehose.title"));
        d.setHeaderText(resources.getString("firehose.header"));
        d.setContentText(MessageFormat.format(resources.getString("firehose.content"),
                CaptureMode.FIREHOSE.cost(), CaptureMode.FIREHOSE.blindSpot()));
        ButtonType agree = new ButtonType(resources.getString("firehose.agree"), ButtonType.OK.getButtonData());
        d.getDialogPane().getButtonTypes().setAll(agree, ButtonType.CANCEL);
        d.setOnHidden(e -> {
            if (d.getResult() == agree) {
                form.connect(true, onConnected);
            }
        });
        d.show();
    }
}
