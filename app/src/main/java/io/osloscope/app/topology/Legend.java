package io.osloscope.app.topology;

import io.osloscope.app.topology.model.MessageKind;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

import java.util.List;

/** The key to token shapes and colours, shown in the view's header. */
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
        return box;
    }
}
