package io.osloscope.app.playground;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.topology.NovaOnMemory;
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

/** Opens the routing playground on an in-memory nova topology. Args: {@code [screenshot.png]}. */
public final class RoutingPlaygroundPreview {
    private RoutingPlaygroundPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Nested so the main class does not extend Application (class path launch). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getRaw();
            NovaOnMemory nova = new NovaOnMemory(3);
            RoutingPlaygroundView view = new RoutingPlaygroundView(nova.broker);
            view.selectExchange("nova");
            view.setRoutingKey("compute.host2");
            stage.setTitle("Routing playground preview");
            stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1100, 800), ThemeSwitcher.Theme.LIGHT));
            stage.show();
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
