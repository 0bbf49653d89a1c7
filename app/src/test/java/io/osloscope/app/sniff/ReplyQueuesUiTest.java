package io.osloscope.app.sniff;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.engine.sniff.health.ReplyQueueLifelines.Lifeline;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reply-queue lifeline view, headless, as the RabbitMQ panel shows it: the recorded real nova boot opened as a
 * session (replayed through the pipeline off the FX thread) lists the reply queues its calls waited on, each with the
 * process that owns it (service@host:pid as the recording names the callers); a queue at risk of making a reply
 * undeliverable gets the warning row style and the warning line. The panel's own view model feeds it
 * ({@link SniffViewModel#replyQueues()}); the view is shown alone so the test does not start a simulated cloud.
 */
@ExtendWith(ApplicationExtension.class)
class ReplyQueuesUiTest {
    private static final String COMPUTE_REPLIES = "reply_3f8e25c0cad54245978c263678991a45";
    private final java.util.concurrent.ExecutorService engine = java.util.concurrent.Executors.newSingleThreadExecutor();
    private final SniffViewModel vm = new SniffViewModel(engine, javafx.application.Platform::runLater);

    @Start
    void start(Stage stage) {
        Scene scene = new Scene(new javafx.scene.layout.StackPane(new ReplyQueuesView(vm.replyQueues()).getRoot()),
                700, 400);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(vm::disconnect).get().get(10, TimeUnit.SECONDS);
        engine.shutdown();
    }

    @Test
    void theRecordedBootListsItsReplyQueuesWithTheirOwnersAndAQueueAtRiskIsMarked(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> vm.openRecording(Path.of("../assets/recordings/real-nova-boot.jsonl")))
                .get().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.replyQueues().rows().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#replyQueues").queryAs(TableView.class);
        assertEquals(2, table.getItems().size(), "the conductor's and the compute's reply queues");
        Set<String> cells = cellTexts(robot);
        assertTrue(cells.containsAll(Set.of(COMPUTE_REPLIES, "nova-compute@rn-compute1:15928",
                "nova-conductor@rn-controller:16003")), cells.toString());
        assertTrue(rowsAtRisk(robot).isEmpty(), "every reply of the boot was read");
        assertFalse(robot.lookup("#replyQueuesWarning").queryAs(Label.class).isVisible());

        Lifeline atRisk = new Lifeline("reply_idle", "nova-conductor@ctl:77", 0, Duration.ofMinutes(30),
                Instant.now().minus(Duration.ofMinutes(29)), Duration.ofSeconds(40), 2, false, true);
        Lifeline fine = new Lifeline("reply_busy", "nova-compute@cmp1:12", 1, Duration.ofMinutes(30), null, null, 1,
                false, false);
        WaitForAsyncUtils.asyncFx(() -> vm.replyQueues().show(List.of(fine, atRisk))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("reply_idle"), rowsAtRisk(robot), "only the queue at risk is marked, listed first");
        Label warning = robot.lookup("#replyQueuesWarning").queryAs(Label.class);
        assertTrue(warning.isVisible() && warning.getText().contains("undeliverable"), warning.getText());
        assertTrue(cellTexts(robot).contains("1800 s, dropped in 40 s"), cellTexts(robot).toString());
    }

    private static Set<String> cellTexts(FxRobot robot) {
        return robot.lookup("#replyQueues .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null && !t.isEmpty()).collect(Collectors.toSet());
    }

    private static List<String> rowsAtRisk(FxRobot robot) {
        return robot.lookup("#replyQueues .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && r.getPseudoClassStates().contains(ReplyQueuesController.AT_RISK))
                .map(r -> ((ReplyQueuesViewModel.Row) r.getItem()).queue()).toList();
    }
}
