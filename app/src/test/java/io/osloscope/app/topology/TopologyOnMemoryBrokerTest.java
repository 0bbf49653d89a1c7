package io.osloscope.app.topology;

import io.osloscope.app.theme.ThemeSwitcher;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class TopologyOnMemoryBrokerTest {
    private NovaOnMemory nova;
    private TopologyView view;

    @Start
    void start(Stage stage) {
        nova = new NovaOnMemory(3);
        nova.drain();
        view = new TopologyView(nova.broker);
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1200, 760), ThemeSwitcher.Theme.LIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        nova.close();
    }

    @Test
    void startsFromTheBrokersTopologySnapshot(FxRobot robot) {
        assertTrue(view.visibleQueueNames().contains("compute.host1"), view.visibleQueueNames().toString());
        assertTrue(view.visibleTexts().contains("compute.host1"));
        assertTrue(view.visibleTexts().contains("fanout (key ignored)"), "fanout bindings say their key is ignored");
        assertTrue(view.visibleTexts().contains("host3"), "computes found from their server queues");
        assertTrue(robot.lookup(".topo-node.exchange.ex-topic").tryQuery().isPresent());
    }

    @Test
    void trafficAddsPublishersAndShowsTheCallersReplyQueue() throws Exception {
        nova.bootFlow("host2", "req-1");
        List<EngineEvent> seen = new ArrayList<>();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            seen.addAll(nova.drain());
            return seen.stream().filter(e -> e instanceof io.osloscope.engine.observe.BrokerEvents.MessageDelivered)
                    .count() >= 4;
        });
        WaitForAsyncUtils.asyncFx(() -> view.onEvents(seen)).get(5, TimeUnit.SECONDS);

        assertTrue(view.graph().publisherNodes().keySet().containsAll(List.of("nova-api", "nova-conductor",
                "nova-scheduler")), view.graph().publisherNodes().toString());
        assertTrue(view.visibleTexts().contains("(default)"), "replies go through the default exchange");
        assertTrue(view.graph().edges().stream().anyMatch(e -> e.from().equals("q:" + nova.conductorReply)
                && e.to().startsWith("svc:nova-conductor")), "the reply queue feeds the conductor");
    }
}
