package io.osloscope.app.topology;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.engine.observe.EngineEvent;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class TopologyViewTest {
    private TopologyView view;

    @Start
    void start(Stage stage) {
        view = new TopologyView(new EventOnlyBroker());
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1200, 760), ThemeSwitcher.Theme.LIGHT));
        stage.show();
    }

    private void feed(List<EngineEvent> events) {
        WaitForAsyncUtils.asyncFx(() -> view.onEvents(events));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void drawsServerQueueWithItsBindingKeyAndConsumerHost(FxRobot robot) {
        feed(FakeNova.topology(3));

        assertTrue(view.visibleQueueNames().contains("compute.host1"));
        assertTrue(view.visibleTexts().contains("compute.host1"), "queue row and binding key drawn");
        assertTrue(view.visibleTexts().contains("host1"), "host row in the nova-compute group");
        assertTrue(view.visibleTexts().contains("topic exchange"));
        assertTrue(robot.lookup(".topo-node.exchange").queryAll().size() >= 2);
    }

    @Test
    void hundredComputesCollapseAndExpandOnClick(FxRobot robot) {
        feed(FakeNova.topology(100));

        assertFalse(view.visibleQueueNames().contains("compute.host57"));
        assertTrue(view.visibleTexts().stream().anyMatch(t -> t.contains("×100 hosts")));
        assertTrue(robot.lookup(".topo-node").queryAll().size() < 40, "folded picture stays small");

        robot.clickOn("▸ nova-compute");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.visibleQueueNames().contains("compute.host57"), "click unfolds the group and its queues");
        assertTrue(view.visibleTexts().contains("host100"));
    }

    @Test
    void aBurstOfMessagesKeepsTokensBoundedAndTheyAllLeave() throws Exception {
        feed(FakeNova.topology(100));
        FakeNova traffic = new FakeNova();
        for (int i = 0; i < 2_000; i++) {
            traffic.bootFlow("compute.host" + (1 + i % 100), "req-" + i);
        }
        List<EngineEvent> burst = new ArrayList<>(traffic.events());
        feed(burst);

        assertTrue(view.activeTokens() <= TokenLayer.MAX_ACTIVE, "tokens in flight: " + view.activeTokens());
        assertTrue(view.visibleTexts().stream().noneMatch(t -> t.startsWith("compute.host57")),
                "traffic does not unfold groups");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.activeTokens() == 0);
    }

    @Test
    void depthUpdatesWithoutRebuildingTheScene(FxRobot robot) {
        feed(FakeNova.topology(2));
        FakeNova more = new FakeNova();
        more.message("nova-api:101:aa", "nova", "topic", "conductor", List.of("conductor"), null,
                FakeNova.cast("build_instances", "r"));
        feed(more.events());

        assertTrue(view.visibleTexts().contains("1 ready · 1 consumer"), view.visibleTexts().toString());
        assertEquals(1, view.model().queues().get("conductor").depth());
    }

    @Test
    void highlightsAQueueAndTheMessagePath() {
        List<EngineEvent> events = FakeNova.withBootFlow(3);
        feed(events);
        WaitForAsyncUtils.asyncFx(() -> view.highlightQueue("compute.host3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.highlightedIds().contains("q:compute.host3"));

        WaitForAsyncUtils.asyncFx(() -> view.selectMessage(4));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.highlightedIds().containsAll(List.of("pub:nova-conductor", "ex:nova", "q:compute.host3",
                "svc:nova-compute@host3")), view.highlightedIds().toString());
    }

    @Test
    void eachQueueTypeHasItsOwnBadgeShapeAndLetterAndTheLegendKeysThem(FxRobot robot) {
        FakeNova nova = new FakeNova();
        nova.queue("conductor", "durable x-queue-type=quorum");
        nova.queue("conductor_fanout", "durable x-queue-type=stream");
        nova.queue("reply_8f3a", "transient x-expires=1800000");
        feed(nova.events());

        assertEquals("quorum", view.model().queues().get("conductor").type());
        assertEquals("stream", view.model().queues().get("conductor_fanout").type());
        assertEquals("classic", view.model().queues().get("reply_8f3a").type());
        java.util.Map<String, String> badgeOf = new java.util.HashMap<>();
        for (String q : List.of("conductor", "conductor_fanout", "reply_8f3a")) {
            javafx.scene.Node box = robot.lookup("#q_" + q.replaceAll("[^A-Za-z0-9_-]", "_")).query();
            javafx.scene.layout.StackPane badge = (javafx.scene.layout.StackPane) box.lookup(".qt-badge");
            assertTrue(badge != null && badge.isVisible() && badge.getWidth() > 10, "badge drawn on " + q);
            String letter = ((javafx.scene.control.Label) badge.lookup(".qt-letter")).getText();
            badgeOf.put(q, badge.getChildren().get(0).getClass().getSimpleName() + " " + letter);
        }
        assertEquals("Circle Q", badgeOf.get("conductor"), "quorum: shape and letter, not only colour");
        assertEquals("Polygon S", badgeOf.get("conductor_fanout"));
        assertEquals("Rectangle C", badgeOf.get("reply_8f3a"));
        java.util.Set<String> legend = new java.util.TreeSet<>();
        robot.lookup(".legend-queue-type").queryAllAs(javafx.scene.control.Label.class).forEach(l -> {
            assertTrue(l.getGraphic().getStyleClass().contains("qt-" + l.getText()), l.getText());
            legend.add(l.getText());
        });
        assertEquals(java.util.Set.of("classic", "quorum", "stream"), legend);
    }

    @Test
    void exportsTheWholeGraphAsPng(@TempDir Path dir) throws Exception {
        feed(FakeNova.withBootFlow(10));
        Path png = dir.resolve("topology.png");
        WaitForAsyncUtils.asyncFx(() -> view.exportPng(png)).get(10, TimeUnit.SECONDS);

        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 1000 && img.getHeight() > 600, img.getWidth() + "x" + img.getHeight());
    }
}
