package io.osloscope.app.topology;

import io.osloscope.app.theme.ThemeSwitcher;
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
 * Opens the topology view alone on an in-memory broker holding a nova-shaped topology, with a
 * stream of boot flows published through it.
 * Args: {@code [computes] [screenshot.png]}; with a file it writes the window after
 * 4 s ({@code -Dpreview.delayMs}) and exits; a third arg also writes {@link TopologyView#exportPng}.
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
        NovaOnMemory nova = new NovaOnMemory(computes);
        nova.drain();
        TopologyView view = new TopologyView(nova.broker);
        // Traffic on an engine-side thread (a boot every 700 ms, a fanout every fourth), and a pump
        // that hands the view one batch per 100 ms, as the shell does. Timelines would catch up in
        // bursts after a slow start, which is not what a user sees.
        int[] n = {0};
        java.util.concurrent.ScheduledExecutorService traffic = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "preview-traffic");
                    t.setDaemon(true);
                    return t;
                });
        new javafx.animation.AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last == 0) {
                    traffic.scheduleWithFixedDelay(() -> {
                        n[0]++;
                        nova.bootFlow("host" + (1 + n[0] % computes), "req-" + n[0]);
                        if (n[0] % 4 == 0) {
                            nova.fanout("update_aggregates");
                        }
                    }, 300, 700, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                if (now - last >= 100_000_000L) {
                    last = now;
                    var batch = nova.drain();
                    long t0 = System.nanoTime();
                    view.onEvents(batch);
                    if (System.getenv("PREVIEW_DEBUG") != null) {
                        System.out.printf("batch %d tokens %d onEvents %.1f ms at %d%n", batch.size(),
                                view.activeTokens(), (System.nanoTime() - t0) / 1e6, now / 1_000_000);
                    }
                }
            }
        }.start();
        stage.setTitle("Topology preview");
        stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1600, 1000), ThemeSwitcher.Theme.LIGHT));
        stage.show();
        if (args.size() > 1) {
            Timeline shot = new Timeline(new KeyFrame(Duration.millis(Integer.getInteger("preview.delayMs", 4000)), e -> {
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
