package io.osloscope.app.topology;

import io.osloscope.app.topology.model.MessageKind;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

import java.util.List;

/** The key to token shapes and queue-type badges (shape, letter and colour), shown in the view's header. */
final class Legend {
    private Legend() {
    }

    static HBox create() {
        HBox box = new HBox();
        box.getStyleClass().add("legend");
        for (MessageKind k : List.of(MessageKind.CALL, MessageKind.CAST, MessageKind.FANOUT, MessageKind.REPLY,
                MessageKind.FAILURE)) {
            Label l = new Label(k.label(), TokenLayer.shape(k));
            l.getStyleClass().add("legend-item");
            box.getChildren().add(l);
        }
        javafx.scene.control.Separator sep = new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL);
        box.getChildren().add(sep);
        for (String type : List.of("classic", "quorum", "stream")) {
            Label l = new Label(type, QueueTypeBadge.create(type, 16));
            l.getStyleClass().addAll("legend-item", "legend-queue-type");
            box.getChildren().add(l);
        }
        return box;
    }
}
