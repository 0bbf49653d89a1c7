package io.osloscope.app.topology;

import io.osloscope.engine.observe.EngineEvent;
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
import java.util.List;

/**
 * Opens the topology view alone with a simulated nova cloud and a stream of boot flows.
 * Args: {@code [computes] [screenshot.png]}; with a file it writes the window after 2.5 s and exits.
 */
public final class TopologyViewPreview {
    private TopologyViewPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; kept nested so the main class does not extend Application (class path launch). */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        int computes = args.isEmpty() ? 10 : Integer.parseInt(args.get(0));
        TopologyView view = new TopologyView(new EventOnlyBroker());
        view.onEvents(FakeNova.topology(computes));
        FakeNova traffic = new FakeNova();
        int[] n = {0};
        Timeline t = new Timeline(new KeyFrame(Duration.millis(700), e -> {
            traffic.events().clear();
            int host = 1 + (n[0]++ % computes);
            traffic.bootFlow("compute.host" + host, "req-" + n[0]);
            if (n[0] % 4 == 0) {
                traffic.message("nova-conductor:202:c2", "compute_fanout", "fanout", "",
                        List.of(), null, FakeNova.cast("update_aggregates", "req-f"));
            }
            List<EngineEvent> batch = List.copyOf(traffic.events());
            view.onEvents(batch);
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
        stage.setTitle("Topology preview");
        stage.setScene(new Scene((Parent) view.getRoot(), 1600, 1000));
        stage.show();
        if (args.size() > 1) {
            Timeline shot = new Timeline(new KeyFrame(Duration.millis(2500), e -> {
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                            new File(args.get(1)));
                    if (args.size() > 2) {
                        view.exportPng(new File(args.get(2)).toPath());
                    }
                } catch (Exception ex) {
                    ex.printStackTrace();
                }
                Platform.exit();
            }));
            shot.play();
        }
    }
}
}
