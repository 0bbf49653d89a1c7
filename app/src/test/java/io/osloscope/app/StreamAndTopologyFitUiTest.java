package io.osloscope.app;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.app.fx.Views;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.sniff.SniffFeature;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.trace.TraceFeature;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded real nova boot in the normal window at 1280x720, in English and in Chinese: no sender (From) and no
 * method in the message stream is cut short with an ellipsis, whichever rows are scrolled into view; every node of
 * the topology lies inside its pane (none below the fold, the reply queues included); the topology header's legend
 * does not run under its counts.
 */
@ExtendWith(ApplicationExtension.class)
class StreamAndTopologyFitUiTest {
    private static final Set<String> CONTENT_COLUMNS = Set.of("column.from", "column.method");
    private Stage stage;
    private AppContext ctx;
    private MainWindow window;
    private Locale before;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get();
        }
        if (ctx != null) {
            ctx.close();
        }
        if (before != null) {
            Locale.setDefault(before);
        }
    }

    @Test
    void inEnglishNothingIsCutAt1280x720(FxRobot robot) throws Exception {
        openTheBoot(Locale.ENGLISH);
        assertFits(robot);
    }

    @Test
    void inChineseNothingIsCutAt1280x720(FxRobot robot) throws Exception {
        openTheBoot(Locale.SIMPLIFIED_CHINESE);
        assertFits(robot);
    }

    private void openTheBoot(Locale language) throws Exception {
        before = Locale.getDefault();
        Locale.setDefault(language);
        ctx = DefaultBackend.start("memory://fit-ui-" + UUID.randomUUID(), 3);
        WaitForAsyncUtils.asyncFx(() -> {
            window = new MainWindow(ctx, new SniffFeature(() -> new ProfileStore(Path.of("target/fit-ui-profiles.json"))),
                    new TraceFeature());
            Scene scene = new Scene(window.getRoot(), 1280, 720);
            new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
            stage.setScene(scene);
            stage.show();
        }).get();
        WaitForAsyncUtils.asyncFx(() -> window.feature(SniffFeature.class).viewModel()
                .openRecording(Path.of("../assets/recordings/real-nova-boot.jsonl"))).get().get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> window.showGraphTab(Views.TOPOLOGY.title())).get();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((window.traffic().visibleRows().size() < 29 || window.topology().model().queues().size() < 10)
                && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Thread.sleep(600); // a few pulses: CSS, the columns' widths, the topology's fit
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void assertFits(FxRobot robot) throws Exception {
        TableView<TrafficRow> table = window.trafficView().table();
        int rows = table.getItems().size();
        assertTrue(rows >= 29, "the boot's messages are listed: " + rows);
        List<String> cut = new ArrayList<>();
        Bounds tableBounds = table.localToScene(table.getLayoutBounds());
        boolean scrollsSideways = table.lookupAll(".scroll-bar").stream().anyMatch(b -> b.isVisible()
                && b instanceof javafx.scene.control.ScrollBar bar
                && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL);
        int checked = 0;
        for (int i = 0; i < rows; i += 4) {
            int at = i;
            WaitForAsyncUtils.asyncFx(() -> table.scrollTo(at)).get();
            WaitForAsyncUtils.waitForFxEvents();
            for (Node n : table.lookupAll(".table-cell")) {
                if (n instanceof TableCell<?, ?> cell && cell.isVisible() && cell.getTableColumn() != null
                        && isContentColumn(cell) && cell.getText() != null && !cell.getText().isEmpty()
                        && ((IndexedCell<?>) cell.getTableRow()).getIndex() < rows) {
                    checked++;
                    String drawn = drawnText(cell);
                    if (!cell.getText().equals(drawn)) {
                        cut.add(cell.getTableColumn().getText() + ": '" + cell.getText() + "' drawn as '" + drawn
                                + "' in " + cell.getWidth() + " px");
                    }
                    double right = cell.localToScene(cell.getLayoutBounds()).getMaxX();
                    if (right > tableBounds.getMaxX() + 1 && !scrollsSideways) {
                        cut.add(cell.getTableColumn().getText() + ": '" + cell.getText()
                                + "' runs past the table's edge and the table cannot scroll sideways");
                    }
                }
            }
        }
        assertTrue(checked > 20, "From and Method cells were looked at: " + checked);
        assertEquals(List.of(), cut.stream().distinct().toList(), "cut short at 1280x720 (table "
                + table.getWidth() + " px wide)");

        ScrollPane pane = (ScrollPane) window.topology().getRoot().lookup(".scroll-pane");
        Bounds visible = pane.localToScene(pane.getLayoutBounds());
        List<String> outside = new ArrayList<>();
        int nodes = 0;
        for (Node n : window.topology().getRoot().lookupAll(".topo-node")) {
            nodes++;
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (b.getMinX() < visible.getMinX() - 1 || b.getMinY() < visible.getMinY() - 1
                    || b.getMaxX() > visible.getMaxX() + 1 || b.getMaxY() > visible.getMaxY() + 1) {
                outside.add(n.getId() + " " + b);
            }
        }
        assertTrue(nodes >= 10, "the simulated cluster is drawn: " + nodes + " nodes");
        assertEquals(List.of(), outside, "topology nodes outside the pane " + visible);

        Node status = window.topology().getRoot().lookup(".topo-status");
        Bounds counts = status.localToScene(status.getLayoutBounds());
        for (Node item : window.topology().getRoot().lookupAll(".legend-item")) {
            Bounds b = item.localToScene(item.getLayoutBounds());
            assertTrue(!b.intersects(counts), "legend item " + b + " runs under the counts " + counts);
        }
    }

    /** The column's key, found by its title in the window's language. */
    private static boolean isContentColumn(TableCell<?, ?> cell) {
        java.util.ResourceBundle texts = java.util.ResourceBundle.getBundle("io.osloscope.app.traffic.TrafficView");
        String title = cell.getTableColumn().getText();
        return CONTENT_COLUMNS.stream().anyMatch(k -> texts.getString(k).equals(title));
    }

    /** The text the cell's skin drew: its text with an ellipsis when the cell is too narrow. */
    private static String drawnText(TableCell<?, ?> cell) {
        for (Node n : cell.getChildrenUnmodifiable()) {
            if (n instanceof Text t) {
                return t.getText();
            }
        }
        return "";
    }
}
