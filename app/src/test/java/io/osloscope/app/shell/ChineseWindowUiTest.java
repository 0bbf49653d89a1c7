package io.osloscope.app.shell;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fx.Views;
import io.osloscope.app.json.JsonEditor;
import io.osloscope.app.lesson.LessonFeature;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.app.traffic.TrafficRow;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main window in Simplified Chinese, after the simulated cloud booted a server and the fire panel cast
 * start_instance, with a call selected in the inspector: no visible text is left in English. Every visible label,
 * text, tab, menu item, table column and tooltip is read line by line; a line without Chinese may only hold
 * protocol words (call, cast, exchange, queue types, service names), names with digits or punctuation
 * (compute.compute1, start_instance, nova-compute@compute1) and numbers.
 */
@ExtendWith(ApplicationExtension.class)
class ChineseWindowUiTest {
    /** oslo, AMQP and nova words that stay as they are in every language, and units. */
    private static final Set<String> PROTOCOL_WORDS = Set.of(
            "call", "cast", "fanout", "reply", "heartbeat", "notification", "rest",
            "exchange", "queue", "routing", "key", "topic", "server", "direct", "headers", "method", "version",
            "namespace", "classic", "quorum", "stream", "broker", "vhost", "tap", "firehose",
            "nova", "compute", "conductor", "scheduler", "api", "placement", "oslo", "osloscope", "memory",
            "rabbit", "rabbitmq", "amqp", "http", "json", "rpc", "pid", "tag", "ms", "s", "zed",
            // the default exchange's node is titled "(default)", as RabbitMQ names it "(AMQP default)"
            "default");
    private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303f\\uff00-\\uffef]");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-@:/<>#*]*");

    private Stage stage;
    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /**
     * The window is built inside the test, not in {@code @Start}: on a loaded machine the cloud's start can outlast
     * TestFX's set-up timeout, and the language must go back to English in any case for the other tests.
     */
    private void openInChinese() throws Exception {
        // as InspectorApp does for --lang zh_CN
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        io.osloscope.app.fx.Texts.use(Locale.SIMPLIFIED_CHINESE);
        ctx = DefaultBackend.start("memory://zh-" + UUID.randomUUID(), 3);
        WaitForAsyncUtils.asyncFx(() -> {
            window = new MainWindow(ctx, new SniffFeature(), new LessonFeature(Locale.SIMPLIFIED_CHINESE, null),
                    new TraceFeature());
            Scene scene = new Scene(window.getRoot(), 1600, 1000);
            new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
            stage.setScene(scene);
            stage.show();
        }).get(120, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        Locale.setDefault(LOCALE_BEFORE);
        io.osloscope.app.fx.Texts.use(null);
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get();
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    /** The JVM's language when this class was loaded, before any test changed it. */
    private static final Locale LOCALE_BEFORE = Locale.getDefault();

    @Test
    void afterABootNoVisibleTextIsEnglish(FxRobot robot) throws Exception {
        openInChinese();
        robot.interact(() -> window.simulation().runScenario(io.osloscope.sim.scenario.Scenario.BOOT.title()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> row("cast", "build_and_run_instance") != null
                && row("call", "select_destinations") != null && row("call", "select_destinations").latency() != null);
        robot.interact(() -> window.showLeftTab(Views.FIRE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.fire() != null
                && robot.lookup("#fireButton").tryQuery().isPresent());
        robot.interact(() -> {
            window.fire().selectMethod("start_instance");
            window.fire().fire();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#fireOutcome").queryAs(Label.class).getText().isEmpty());
        TrafficRow selected = row("call", "select_destinations");
        robot.interact(() -> window.traffic().selectedProperty().set(selected));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#replySummary").tryQuery().isPresent());
        // the status bar samples once a second
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);

        List<String> english = WaitForAsyncUtils.asyncFx(() -> {
            List<String> texts = new ArrayList<>();
            collect(window.getRoot().getScene().getRoot(), texts);
            return texts.stream().flatMap(t -> t.lines()).filter(ChineseWindowUiTest::english).distinct().toList();
        }).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), english, "English left in the Chinese window");
        // and the walk did see the views: the stream's rows and the inspector's reply
        String status = robot.lookup("#replySummary").queryAs(Label.class).getText();
        assertTrue(CJK.matcher(status).find(), status);
    }

    private TrafficRow row(String kind, String method) {
        return window.traffic().rows().stream()
                .filter(r -> kind.equals(r.kind()) && method.equals(r.rpcMethod())).findFirst().orElse(null);
    }

    /** True for a line without Chinese that holds a word which is neither a protocol word nor a name. */
    static boolean english(String line) {
        if (line.isBlank() || CJK.matcher(line).find()) {
            return false;
        }
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            String t = m.group().replaceAll("[.:\\-/]+$", "");
            boolean name = t.matches(".*[0-9_.@/:<>#*\\-].*") // compute.compute1, start_instance, nova-api
                    || t.matches("[A-Z0-9]{2,}|[A-Z]")         // JSON, RPC; a queue-type badge's C, Q, S
                    || t.matches("[A-Za-z]+[A-Z][A-Za-z]*");  // RabbitMQ, InstanceActionEvent
            if (!name && !PROTOCOL_WORDS.contains(t.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The texts a user sees under {@code node}: invisible branches and typed-in or JSON data are skipped. */
    private static void collect(Node node, List<String> out) {
        if (!node.isVisible() || node instanceof JsonEditor) {
            return;
        }
        if (node instanceof TextInputControl input) {
            if (input.getText() == null || input.getText().isEmpty()) {
                add(out, input.getPromptText());
            }
            return;
        }
        if (node instanceof Labeled l) {
            add(out, l.getText());
        }
        if (node instanceof Text t) {
            add(out, t.getText());
        }
        if (node instanceof Control c && c.getTooltip() != null) {
            add(out, c.getTooltip().getText());
        }
        if (node.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip tip) {
            add(out, tip.getText());
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                add(out, tab.getText());
                if (tab.getTooltip() != null) {
                    add(out, tab.getTooltip().getText());
                }
            }
        }
        if (node instanceof TableView<?> table) {
            columns(table.getColumns(), out);
            if (table.getPlaceholder() instanceof Labeled p) {
                add(out, p.getText());
            }
        }
        if (node instanceof MenuBar bar) {
            bar.getMenus().forEach(menu -> items(menu, out));
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static void columns(List<? extends TableColumnBase<?, ?>> columns, List<String> out) {
        for (TableColumnBase<?, ?> c : columns) {
            add(out, c.getText());
            columns(c.getColumns(), out);
        }
    }

    private static void items(MenuItem item, List<String> out) {
        add(out, item.getText());
        if (item instanceof Menu menu) {
            menu.getItems().forEach(i -> items(i, out));
        }
    }

    private static void add(List<String> out, String text) {
        if (text != null) {
            out.add(text);
        }
    }
}
