package io.osloscope.app.sequence;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.topology.NovaOnMemory;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class SequenceViewTest {
    private NovaOnMemory nova;
    private SequenceView view;

    @Start
    void start(Stage stage) {
        nova = new NovaOnMemory(3);
        view = new SequenceView();
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1200, 700), ThemeSwitcher.Theme.LIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        nova.close();
    }

    @Test
    void bootFlowOnTheInMemoryBrokerIsDrawnAsLanesAndLabelledArrows(FxRobot robot) throws Exception {
        nova.drain();
        nova.bootFlow("host2", "req-1");
        List<EngineEvent> flow = new ArrayList<>();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            flow.addAll(nova.drain());
            return flow.stream().filter(e -> e instanceof BrokerEvents.MessageDelivered).count() >= 4;
        });
        WaitForAsyncUtils.asyncFx(() -> view.show(flow)).get(5, TimeUnit.SECONDS);

        assertEquals(List.of("nova-api", "nova-conductor", "nova-scheduler", "nova-compute@host2"),
                view.diagram().lanes());
        assertTrue(view.visibleTexts().containsAll(List.of("nova-api", "cast build_instances",
                "call select_destinations", "reply", "cast build_and_run_instance")), view.visibleTexts().toString());
        assertTrue(robot.lookup(".seq-head.filled.kind-call").tryQuery().isPresent(), "a call has a filled head");
        assertTrue(robot.lookup(".seq-arrow.kind-reply").tryQuery().isPresent());
    }

    @Test
    void emptyFlowShowsAHint() {
        WaitForAsyncUtils.asyncFx(() -> view.show(List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.visibleTexts().stream().anyMatch(t -> t.startsWith("Select a flow")));
    }
}
