package io.osloscope.app.sequence;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.topology.FakeNova;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RpcEvents;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Opens the sequence view on a boot flow with a fanout, a failed reply and a timeout. Args: {@code [screenshot.png]}. */
public final class SequenceViewPreview {
    private SequenceViewPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Nested so the main class does not extend Application (class path launch). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            FakeNova f = new FakeNova();
            f.bootFlow("compute.host3", "req-1");
            f.message("nova-conductor:202:c2", "compute_fanout", "fanout", "", List.of("compute_fanout_" + "a1".repeat(16), "compute_fanout_" + "b2".repeat(16)),
                    null, FakeNova.cast("update_aggregates", "req-1"));
            f.message("nova-scheduler:303:s2", "", "direct", FakeNova.CONDUCTOR_REPLY, List.of(FakeNova.CONDUCTOR_REPLY),
                    "nova-conductor:202:c3", FakeNova.reply(true));
            List<EngineEvent> flow = new ArrayList<>(f.events());
            flow.add(new RpcEvents.RpcTimedOut(99_999, Instant.parse("2026-11-25T10:01:00Z"), "m1",
                    "select_destinations", java.time.Duration.ofSeconds(60)));
            SequenceView view = new SequenceView();
            view.show(flow);
            stage.setTitle("Sequence preview");
            stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1300, 800), ThemeSwitcher.Theme.LIGHT));
            stage.show();
            List<String> args = getParameters().getRaw();
            if (!args.isEmpty()) {
                new Timeline(new KeyFrame(Duration.millis(1500), e -> {
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                                new File(args.get(0)));
                    } catch (Exception ex) {
                        ex.printStackTrace();
                    }
                    Platform.exit();
                })).play();
            }
        }
    }
}
