package io.osloscope.app.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real main window, headless, pointed at the real RabbitMQ in tap mode the way a user does it: the
 * toolbar's "Connect to RabbitMQ…", the URL typed into the form, Connect. A raw oslo cast published on a
 * unique exchange must show in the stream decoded with its method; Disconnect returns to the simulation.
 */
@RequiresRabbit
@ExtendWith(ApplicationExtension.class)
class SniffWindowUiTest {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String exchange = "osloscope-uitest-" + suffix;
    private final String queue = "osloscope-uitest-q-" + suffix;
    private AppContext ctx;
    private MainWindow window;
    private Connection admin;

    @Start
    void start(Stage stage) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RabbitTestSupport.host());
        f.setPort(RabbitTestSupport.port());
        f.setUsername(RabbitTestSupport.user());
        f.setPassword(RabbitTestSupport.password());
        admin = f.newConnection("osloscope-uitest");
        try (Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(exchange, "topic", false, true, null);
            ch.queueDeclare(queue, false, false, true, null);
            ch.queueBind(queue, exchange, "probe." + suffix);
        }
        ctx = DefaultBackend.start("memory://sniff-ui-" + UUID.randomUUID(), 1);
        window = new MainWindow(ctx, new SniffFeature());
        Scene scene = new Scene(window.getRoot(), 1600, 1000);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        ctx.close();
        try (Channel ch = admin.createChannel()) {
            ch.queueDelete(queue);
            ch.exchangeDelete(exchange);
        }
        admin.close();
    }

    private Optional<TrafficRow> row(String method) {
        return window.traffic().rows().stream().filter(r -> method.equals(r.method())).findFirst();
    }

    @Test
    void connectingInTapModeShowsARealCastDecodedWithItsMethodAndDisconnectReturnsToTheSimulation(FxRobot robot)
            throws Exception {
        Label mode = robot.lookup("#modeIndicator").queryAs(Label.class);
        assertEquals("memory:// simulation", mode.getText());

        robot.clickOn("#connectRabbit");
        robot.doubleClickOn("#sniffUrl").eraseText(40);
        WaitForAsyncUtils.asyncFx(() -> window.feature(SniffFeature.class).connectForm().urlProperty()
                .set(RabbitTestSupport.transportUrl())).get();
        robot.clickOn("#sniffTap");
        robot.clickOn("#sniffConnect");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.feature(SniffFeature.class).viewModel().sessionProperty().get() != null);
        SniffSession s = window.feature(SniffFeature.class).viewModel().sessionProperty().get();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> s.status().orElseThrow().tappedExchanges().contains(exchange));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(mode.getText().endsWith("tap — replies not visible"), mode.getText());

        String method = "osloscope_ui_probe_" + suffix;
        String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {\\\"n\\\": 1}, \\\"version\\\": \\\"1.0\\\", \\\"_unique_id\\\": \\\"u-"
                + suffix + "\\\"}\"}";
        try (Channel ch = admin.createChannel()) {
            ch.basicPublish(exchange, "probe." + suffix, new AMQP.BasicProperties.Builder()
                    .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).build(),
                    body.getBytes(StandardCharsets.UTF_8));
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> row(method).isPresent());
        TrafficRow r = row(method).orElseThrow();
        assertEquals("cast", r.kind());
        assertEquals(exchange, r.exchange());
        assertEquals("probe." + suffix, r.routingKey());

        robot.clickOn("#toolbarDisconnect");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.feature(SniffFeature.class).viewModel().sessionProperty().get() == null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("memory:// simulation", mode.getText());
        assertTrue(row(method).isEmpty(), "the stream shows the simulation again");
    }
}
