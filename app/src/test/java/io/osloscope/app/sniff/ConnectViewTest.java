package io.osloscope.app.sniff;

import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connect form loaded from ConnectView.fxml: fields write through to the view model, errors show inline. */
@ExtendWith(ApplicationExtension.class)
class ConnectViewTest {
    private ConnectViewModel form;
    private final List<SniffSession> connected = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path profiles = Files.createTempDirectory("connect-view").resolve("profiles.json");
        form = new ConnectViewModel(new ProfileStore(profiles), Runnable::run, Runnable::run, o -> {
            throw new AssertionError("an invalid form must not connect");
        });
        ConnectView view = new ConnectView(form, connected::add);
        stage.setScene(new Scene(new StackPane(view.getRoot()), 520, 640));
        stage.show();
    }

    @Test
    void typedFieldsAndTheCaptureModeReachTheViewModel(FxRobot robot) {
        robot.clickOn("#sniffUser").write("osloscope");
        robot.clickOn("#sniffFirehose");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("osloscope", form.userProperty().get());
        assertEquals(CaptureMode.FIREHOSE, form.modeProperty().get());

        WaitForAsyncUtils.asyncFx(() -> form.modeProperty().set(CaptureMode.TAP));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#sniffTap").queryAs(RadioButton.class).isSelected());
    }

    @Test
    void aBadUrlIsRefusedInlineWithoutConnecting(FxRobot robot) {
        Label problem = robot.lookup("#sniffConnectProblem").queryAs(Label.class);
        assertFalse(problem.isVisible());
        WaitForAsyncUtils.asyncFx(() -> form.urlProperty().set("localhost:5672"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("localhost:5672", robot.lookup("#sniffUrl").queryAs(TextField.class).getText());
        robot.clickOn("#sniffConnect");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().contains("rabbit://"), problem.getText());
        assertTrue(connected.isEmpty());
        assertFalse(robot.lookup("#sniffConnect").queryAs(Button.class).isDisabled());
    }
}
