package io.osloscope.app.json;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A JSON editor: keys, strings, numbers and literals coloured ({@code json-*} classes, in base.css), line numbers,
 * and a fold marker beside every object or array that spans lines (click it, or Ctrl+Shift+[ and Ctrl+Shift+] at
 * the caret). {@link #textProperty()} is the whole text, to bind to a view model. Usable in FXML. FX thread.
 */
public final class JsonEditor extends VirtualizedScrollPane<CodeArea> {
    private static final KeyCombination FOLD = new KeyCodeCombination(KeyCode.OPEN_BRACKET,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination UNFOLD = new KeyCodeCombination(KeyCode.CLOSE_BRACKET,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private List<JsonSyntax.Block> blocks = List.of();
    private boolean syncing;

    public JsonEditor() {
        super(new CodeArea());
        CodeArea area = getContent();
        getStyleClass().add("json-editor");
        area.getStyleClass().add("json-area");
        area.editableProperty().bind(editable);
        area.textProperty().addListener((o, was, now) -> {
            restyle(now);
            if (!syncing) {
                syncing = true;
                text.set(now);
                syncing = false;
            }
        });
        text.addListener((o, was, now) -> {
            if (!syncing) {
                syncing = true;
                area.replaceText(now == null ? "" : now);
                area.moveTo(0);
                area.requestFollowCaret();
                syncing = false;
            }
        });
        area.setParagraphGraphicFactory(this::gutter);
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FOLD.match(e)) {
                blockAt(area.getCurrentParagraph()).ifPresent(b -> fold(b, true));
                e.consume();
            } else if (UNFOLD.match(e)) {
                blockAt(area.getCurrentParagraph()).ifPresent(b -> fold(b, false));
                e.consume();
            }
        });
    }

    public StringProperty textProperty() {
        return text;
    }

    public String getText() {
        return text.get();
    }

    public void setText(String value) {
        text.set(value);
    }

    public BooleanProperty editableProperty() {
        return editable;
    }

    public boolean isEditable() {
        return editable.get();
    }

    public void setEditable(boolean value) {
        editable.set(value);
    }

    public boolean isWrapText() {
        return getContent().isWrapText();
    }

    public void setWrapText(boolean value) {
        getContent().setWrapText(value);
    }

    /** Whether the lines after {@code line} (0-based) are folded away. */
    public boolean isFolded(int line) {
        return line + 1 < getContent().getParagraphs().size() && getContent().isFolded(line + 1);
    }

    /** Folds (or unfolds) the block opened on {@code line}; false if no block spanning lines opens there. */
    public boolean fold(int line, boolean folded) {
        Optional<JsonSyntax.Block> block = blocks.stream().filter(b -> b.firstLine() == line).findFirst();
        block.ifPresent(b -> fold(b, folded));
        return block.isPresent();
    }

    private void fold(JsonSyntax.Block b, boolean folded) {
        if (folded && !isFolded(b.firstLine())) {
            getContent().foldParagraphs(b.firstLine(), b.lastLine());
        } else if (!folded && isFolded(b.firstLine())) {
            getContent().unfoldParagraphs(b.firstLine());
        }
    }

    /** The innermost block around {@code line}. */
    private Optional<JsonSyntax.Block> blockAt(int line) {
        JsonSyntax.Block best = null;
        for (JsonSyntax.Block b : blocks) {
            if (b.firstLine() <= line && line <= b.lastLine()
                    && (best == null || b.lastLine() - b.firstLine() < best.lastLine() - best.firstLine())) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    private void restyle(String now) {
        blocks = JsonSyntax.blocks(now);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int at = 0;
        for (JsonSyntax.Token t : JsonSyntax.tokens(now)) {
            spans.add(Collections.emptyList(), t.start() - at);
            spans.add(Collections.singleton(t.style()), t.end() - t.start());
            at = t.end();
        }
        spans.add(Collections.emptyList(), now.length() - at);
        getContent().setStyleSpans(0, spans.create());
    }

    /** Line number and, where a block opens, its fold marker (▾ open, ▸ folded). */
    private Node gutter(int line) {
        Label number = new Label(Integer.toString(line + 1));
        number.getStyleClass().add("json-line-number");
        Label marker = new Label(" ");
        marker.getStyleClass().add("json-fold");
        if (blocks.stream().anyMatch(b -> b.firstLine() == line)) {
            marker.setText(isFolded(line) ? "▸" : "▾");
            marker.setOnMouseClicked(e -> fold(line, !isFolded(line)));
        }
        HBox box = new HBox(number, marker);
        box.getStyleClass().add("json-gutter");
        return box;
    }
}
