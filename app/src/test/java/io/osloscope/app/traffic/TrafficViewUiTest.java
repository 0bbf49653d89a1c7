package io.osloscope.app.traffic;

import io.osloscope.app.theme.ThemeSwitcher;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream view loaded from its FXML on a shown stage, fed rows the way the pump does (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class TrafficViewUiTest {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass HIGHLIGHT = PseudoClass.getPseudoClass("highlight");

    private final TrafficViewModel model = new TrafficViewModel(1_000);
    private TrafficView view;
    private long seq;

    @Start
    void start(Stage stage) {
        view = new TrafficView(model);
        Scene scene = new Scene((Parent) view.getRoot(), 1200, 500);
        new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    private TrafficRow row(String kind, String method, String requestId) {
        seq++;
        return new TrafficRow(seq, Instant.parse("2026-01-01T10:00:00Z").plusMillis(seq), seq, kind,
                "nova-conductor:1:abc", "nova", "compute.compute1", method, "6.0", null, "msg" + seq, requestId, null,
                "sent");
    }

    private void append(List<TrafficRow> rows, boolean outcomesChanged) {
        WaitForAsyncUtils.asyncFx(() -> model.append(new TrafficBatch(rows, outcomesChanged, List.of())));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private Optional<TableRow<TrafficRow>> shown(FxRobot robot, TrafficRow item) {
        return robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .map(r -> (TableRow<TrafficRow>) r)
                .filter(r -> r.isVisible() && r.getItem() == item && !r.isEmpty()).findFirst();
    }

    private static String cellText(TableRow<TrafficRow> row, String styleClass) {
        return row.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof TableCell<?, ?> && n.getStyleClass().contains(styleClass))
                .map(n -> ((TableCell<?, ?>) n).getText()).findFirst().orElseThrow();
    }

    @Test
    void filterBarPauseAndCountsAreBoundToTheViewModel(FxRobot robot) {
        append(List.of(row("call", "build_and_run_instance", "req-1"), row("cast", "start_instance", "req-2")), false);
        assertEquals("2 shown · 0 older · 0 dropped", robot.lookup("#streamCounts").queryAs(Label.class).getText());

        robot.clickOn("#methodFilter").write("start");
        assertEquals("start", model.methodFilterProperty().get());
        assertEquals(1, model.visibleRows().size());
        robot.clickOn("#clearFilters");
        assertEquals("", model.methodFilterProperty().get());
        robot.interact(() -> model.kindFilterProperty().set("cast"));
        assertEquals("cast", robot.lookup("#kindFilter").queryAs(ComboBox.class).getValue());
        assertEquals(TrafficController.KIND_CHOICES, robot.lookup("#kindFilter").queryAs(ComboBox.class).getItems());

        robot.clickOn("#pauseStream");
        assertTrue(model.pausedProperty().get());
        append(List.of(row("cast", "stop_instance", "req-3")), false);
        assertTrue(robot.lookup("#streamCounts").queryAs(Label.class).getText().endsWith(" · 1 held"));
    }

    @Test
    void columnsCarryTheirTitlesFromTheViewBundle(FxRobot robot) {
        TableView<?> table = robot.lookup("#streamTable").queryAs(TableView.class);
        assertSame(view.table(), table);
        assertEquals(List.of("Time", "Kind", "From", "Exchange", "Routing key", "Method", "Ver", "msg_id", "Status",
                "Latency"), table.getColumns().stream().map(TableColumn::getText).toList());
    }

    @Test
    void tableBackgroundIsOneFillSoTheSoftwarePipelinePaintsItAsRectangles(FxRobot robot) {
        TableView<?> table = robot.lookup("#streamTable").queryAs(TableView.class);
        assertEquals(1, table.getBackground().getFills().size());
        assertEquals(1, table.getBorder().getStrokes().size());
    }

    @Test
    void anOutcomeArrivingLaterShowsInTheSameRowWithoutRebuildingTheTable(FxRobot robot) {
        TrafficRow call = row("call", "build_and_run_instance", "req-1");
        append(List.of(call, row("cast", "start_instance", "req-2")), false);
        TableRow<TrafficRow> shownRow = shown(robot, call).orElseThrow();
        assertEquals("sent", cellText(shownRow, "status-cell"));
        assertFalse(shownRow.getPseudoClassStates().contains(FAILED));

        call.status("timed out");
        append(List.of(), true);

        TableRow<TrafficRow> after = shown(robot, call).orElseThrow();
        assertSame(shownRow, after, "the row node is reused, not rebuilt");
        assertEquals("timed out", cellText(after, "status-cell"));
        assertTrue(after.getPseudoClassStates().contains(FAILED));
    }

    @Test
    void firedRequestIsHighlightedAndAClickedRowBecomesTheSelection(FxRobot robot) {
        TrafficRow fired = row("call", "build_and_run_instance", "req-fired");
        TrafficRow other = row("cast", "start_instance", "req-other");
        append(List.of(fired, other), false);
        robot.interact(() -> model.highlightRequestIdProperty().set("req-fired"));
        assertTrue(shown(robot, fired).orElseThrow().getPseudoClassStates().contains(HIGHLIGHT));
        assertFalse(shown(robot, other).orElseThrow().getPseudoClassStates().contains(HIGHLIGHT));

        robot.clickOn(shown(robot, other).orElseThrow());
        assertSame(other, model.selectedProperty().get());
    }

    @Test
    @SuppressWarnings("unchecked")
    void followTailKeepsTheNewestRowInViewAsBatchesArrive(FxRobot robot) {
        for (int batch = 0; batch < 5; batch++) {
            List<TrafficRow> rows = new ArrayList<>();
            for (int i = 0; i < 301; i++) { // odd: a reused row shows the other kind after each batch
                rows.add(row(i % 2 == 0 ? "call" : "reply", "m" + i, "req-" + batch + "-" + i));
            }
            append(rows, false);
            TrafficRow newest = rows.get(rows.size() - 1);
            assertTrue(shown(robot, newest).isPresent(), "newest row shown after batch " + batch);
        }
        assertEquals(1_000, model.rows().size());
        assertEquals(505, model.olderProperty().get());
        // reused rows changed kind batch after batch: their kind cell still wears the colour of the row it shows now
        List<TableRow<TrafficRow>> shown = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .map(r -> (TableRow<TrafficRow>) r).filter(r -> r.isVisible() && !r.isEmpty()).toList();
        assertTrue(shown.size() > 5, "rows shown: " + shown.size());
        for (TableRow<TrafficRow> r : shown) {
            Color expected = r.getItem().kind().equals("call") ? Color.web("#0969da") : Color.web("#1a7f37");
            assertEquals(expected, kindCell(r).getTextFill(), r.getItem() + " at " + r.getIndex());
        }
    }

    private static TableCell<?, ?> kindCell(TableRow<TrafficRow> row) {
        return (TableCell<?, ?>) row.getChildrenUnmodifiable().stream()
                .filter(n -> n.getStyleClass().contains("kind-cell")).findFirst().orElseThrow();
    }
}
