package io.osloscope.app.trace;

import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.api.NovaApi;
import io.osloscope.sim.nova.objects.Json;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens the Trace tab on the simulated cloud and boots a server through its nova-api, then shows the boot's trace.
 * Args: {@code [screenshot.png]}.
 */
public final class TraceViewPreview {
    private TraceViewPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** Nested so the main class does not extend Application (class path launch). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) throws Exception {
            Transport transport = Transport.of(new InMemoryBroker(),
                    TransportOptions.defaults().withControlExchange("nova"));
            EventSubscription sub = transport.events().subscribe(EventFilter.ALL, 200_000);
            SimulatedCloud cloud = SimulatedCloud.start(transport, 3);
            TraceViewModel model = new TraceViewModel();
            TraceView view = new TraceView(model);
            stage.setTitle("Trace preview");
            stage.setScene(ThemeSwitcher.themed(new Scene((Parent) view.getRoot(), 1280, 560), ThemeSwitcher.Theme.LIGHT));
            stage.show();
            Map<String, Object> ctxt = NovaApi.requestContext();
            cloud.api().createServer(Json.MAPPER.readTree("{\"server\": {\"name\": \"vm1\", \"flavorRef\": \"1\","
                    + " \"imageRef\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\"}}"), "http://sim", ctxt);
            Timeline pump = new Timeline(new KeyFrame(Duration.millis(100), e -> {
                List<EngineEvent> batch = new ArrayList<>();
                sub.drainTo(batch, 10_000);
                model.onEvents(batch, System.nanoTime());
            }));
            pump.setCycleCount(Timeline.INDEFINITE);
            pump.play();
            new Timeline(new KeyFrame(Duration.seconds(3), e -> {
                model.refresh();
                model.selectedRequestProperty().set((String) ctxt.get("request_id"));
            })).play();
            List<String> args = getParameters().getRaw();
            if (!args.isEmpty()) {
                new Timeline(new KeyFrame(Duration.seconds(4.5), e -> {
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                                new File(args.get(0)));
                    } catch (Exception ex) {
                        ex.printStackTrace();
                    }
                    cloud.close();
                    transport.close();
                    Platform.exit();
                })).play();
            }
        }
    }
}
