package io.osloscope.app.topology;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

/**
 * A queue's type as a badge that reads without colour: classic a square with C, quorum a circle with Q, stream an
 * arrow-shaped box with S (a log read forwards), a family of mixed types a dashed square with ±. The colour
 * ({@code .qt-classic}, ...) only repeats what shape and letter say.
 */
final class QueueTypeBadge {
    private QueueTypeBadge() {
    }

    /** A badge {@code size} pixels high for {@code type} (classic, quorum, stream, mixed; null is classic). */
    static Node create(String type, double size) {
        String t = type == null ? "classic" : type;
        double s = size;
        Shape shape = switch (t) {
            case "quorum" -> new Circle(s / 2);
            case "stream" -> new Polygon(0, 0, s * 0.85, 0, s * 1.2, s / 2, s * 0.85, s, 0, s);
            default -> new Rectangle(s, s);
        };
        shape.getStyleClass().add("qt-shape");
        Label letter = new Label(switch (t) {
            case "quorum" -> "Q";
            case "stream" -> "S";
            case "mixed" -> "±";
            default -> "C";
        });
        letter.getStyleClass().add("qt-letter");
        letter.setStyle("-fx-font-size: " + Math.round(s * 0.62) + "px;");
        StackPane badge = new StackPane(shape, letter);
        badge.getStyleClass().addAll("qt-badge", "qt-" + t);
        badge.setMinSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        badge.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        badge.setUserData(t);
        return badge;
    }
}
