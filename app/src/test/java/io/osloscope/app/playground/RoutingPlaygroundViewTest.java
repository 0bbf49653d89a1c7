package io.osloscope.app.playground;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.topology.NovaOnMemory;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.observe.BrokerEvents;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class RoutingPlaygroundViewTest {
    private NovaOnMemory nova;
    private RoutingPlaygroundView view;

    @Start
    void start(Stage stage) {
        nova = new NovaOnMemory(2);
        BrokerConnection c = nova.broker.connect(ConnectionOptions.named("playground-test:1:x"));
        c.declareExchange(ExchangeSpec.of("images", ExchangeType.HEADERS));
        c.declareQueue(QueueSpec.named("json-images"));
        c.bind("json-images", "images", "", Map.of("x-match", "all", "format", "json"));
        view = new RoutingPlaygroundView(nova.broker);
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1000, 700), ThemeSwitcher.Theme.LIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        nova.close();
    }

    private List<String> labels(FxRobot robot) {
        return robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).collect(Collectors.toList());
    }

    @Test
    void typedKeyShowsWhichBindingMatchesAndWhy(FxRobot robot) {
        long publishedBefore = nova.broker.events().publishedCount();
        WaitForAsyncUtils.asyncFx(() -> view.selectExchange("nova"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#routingKey").write("compute.host1");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("Routes to 1 queue: compute.host1", view.summaryText());
        List<String> texts = labels(robot);
        assertTrue(texts.contains("→ compute.host1"), texts.toString());
        assertTrue(texts.contains("binding key 'compute.host1'"));
        assertTrue(texts.stream().anyMatch(t -> t.contains("'compute.host1'") && t.contains("equals")),
                "the reason is shown: " + texts);
        assertTrue(view.explanation().bindings().stream().filter(BrokerEvents.BindingMatch::matched).count() == 1);
        assertTrue(robot.lookup(".pg-row.unmatched").queryAll().size() >= 4, "non-matching bindings are listed too");
        assertEquals(publishedBefore, nova.broker.events().publishedCount(), "nothing was published");
    }

    @Test
    void unknownKeyIsUnroutableAndSaysWhatAMandatoryPublishWouldDo(FxRobot robot) {
        WaitForAsyncUtils.asyncFx(() -> {
            view.selectExchange("nova");
            view.setRoutingKey("compute.host99");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.summaryText().startsWith("Unroutable"), view.summaryText());
        assertTrue(view.summaryText().contains("312 NO_ROUTE"));
    }

    @Test
    void headersExchangeAsksForHeadersAndMatchesOnThem(FxRobot robot) {
        WaitForAsyncUtils.asyncFx(() -> view.selectExchange("images"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#headers").query().isVisible());
        assertTrue(view.summaryText().startsWith("Unroutable"));

        robot.clickOn("#headers").write("format=json");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Routes to 1 queue: json-images", view.summaryText());
    }

    @Test
    void malformedHeaderLineIsRefusedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoutingPlaygroundView.parseHeaders("format=json\nnonsense"));
        assertTrue(e.getMessage().contains("line 2"));
        assertEquals(Map.of("n", 3L, "on", true), RoutingPlaygroundView.parseHeaders("n=3\non=true"));
    }
}
