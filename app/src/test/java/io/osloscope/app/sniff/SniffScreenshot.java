package io.osloscope.app.sniff;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.Screenshot;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.sniff.CaptureMode;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the README screenshot of the window sniffing a real RabbitMQ (run by hand under Xvfb):
 * {@code SniffScreenshot <transport-url-with-vhost> <out.png> <firehose|tap> <peer command...>}. It connects
 * with the form (firehose consent given), starts the peer command (e.g. real oslo.messaging peers) while
 * capturing, selects a paired call and writes the PNG.
 */
public final class SniffScreenshot extends Application {
    private AppContext ctx;
    private MainWindow window;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        List<String> a = getParameters().getRaw();
        ctx = DefaultBackend.start("memory://shot", 2);
        window = new MainWindow(ctx, new SniffFeature());
        Scene scene = new Scene(window.getRoot(), 1600, 1000);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.setTitle("Osloscope");
        stage.show();
        ConnectViewModel form = window.feature(SniffFeature.class).connectForm();
        form.urlProperty().set(a.get(0));
        form.modeProperty().set(CaptureMode.parse(a.get(2)));
        window.feature(SniffFeature.class).showConnect();
        form.connect(true, window.feature(SniffFeature.class).viewModel()::attach).whenComplete((s, e) -> {
            if (e != null) {
                System.err.println("connect failed: " + e.getMessage());
                Platform.exit();
                System.exit(1);
            }
            Thread peers = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        new ProcessBuilder(a.subList(3, a.size())).inheritIO().start().waitFor();
                    }
                } catch (Exception ex) {
                    System.err.println("peers: " + ex.getMessage());
                }
            });
            peers.setDaemon(true);
            peers.start();
            PauseTransition p = new PauseTransition(Duration.seconds(25));
            p.setOnFinished(x -> shoot(scene, Path.of(a.get(1))));
            p.play();
        });
    }

    private void shoot(Scene scene, Path out) {
        for (TrafficRow r : window.traffic().rows()) {
            if ("call".equals(r.kind()) && r.latency() != null) {
                window.traffic().selectedProperty().set(r);
                break;
            }
        }
        PauseTransition p = new PauseTransition(Duration.seconds(2));
        p.setOnFinished(x -> {
            try {
                Screenshot.write(scene, out);
                System.out.println("wrote " + out);
            } catch (Exception e) {
                e.printStackTrace();
            }
            window.close();
            ctx.close();
            Platform.exit();
            System.exit(0);
        });
        p.play();
    }
}
