package io.osloscope.app.traffic;

import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a stream column as wide as the widest text its cells have shown, and its header's, so that text is never
 * cut short. Widths are measured once per distinct text and font (senders, methods and kinds repeat), and the column
 * only ever widens: a row that scrolls away does not make the columns jump. FX thread.
 */
final class ContentWidth {
    /** Room beside the text, besides the cell's own padding: rounding, and the header's sort-arrow gap. */
    private static final double SLACK = 4;
    private static final double HEADER_PADDING = 14;
    private final TableColumn<?, ?> column;
    private final Runnable widened;
    private final Map<String, Double> measured = new HashMap<>();
    private final Text probe = new Text();
    private Font font;
    /** The widest need seen, applied to the column after the layout pass that found it. */
    private double need;
    private boolean pending;

    /** @param widened run after the column widened (the stream then re-chooses its resize policy) */
    ContentWidth(TableColumn<?, ?> column, Runnable widened) {
        this.column = column;
        this.widened = widened;
    }

    /** Widens the column, if need be, for {@code text} drawn in {@code cellFont} with {@code padding} beside it. */
    void fit(String text, Font cellFont, double padding) {
        if (!cellFont.equals(font)) {
            font = cellFont;
            measured.clear();
            double header = width(column.getText(), Font.font(cellFont.getFamily(), FontWeight.BOLD,
                    cellFont.getSize())) + HEADER_PADDING;
            widen(header);
        }
        Double w = measured.get(text);
        if (w == null) {
            w = width(text, cellFont);
            measured.put(text, w);
        }
        widen(w + padding + SLACK);
    }

    private double width(String text, Font f) {
        probe.setFont(f);
        probe.setText(text);
        return Math.ceil(probe.getLayoutBounds().getWidth());
    }

    /**
     * Min, pref and max alike: the table's resize policy then gives all spare room to the flexible column.
     * NOTE(layout): cells measure while they are laid out; a column resized in the middle of that pass left the rows
     * already laid out at the old widths (cells out of line with the headers), so the width is set just after it.
     */
    private void widen(double w) {
        if (w <= need) {
            return;
        }
        need = w;
        if (!pending) {
            pending = true;
            Platform.runLater(this::apply);
        }
    }

    private void apply() {
        pending = false;
        if (need > column.getMinWidth() || column.getMaxWidth() != column.getMinWidth()) {
            double to = Math.max(need, column.getMinWidth());
            column.setMinWidth(to);
            column.setPrefWidth(to);
            column.setMaxWidth(to);
            widened.run();
        }
    }
}
