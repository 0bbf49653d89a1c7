package io.osloscope.app.topology;

import io.osloscope.app.topology.model.MessageKind;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

import java.util.List;

/** The key to token shapes and queue-type badges (shape, letter and colour), shown in the view's header. */
final class Legend {
    private Legend() {
    }

    /** Tokens and queue types, each group kept together; the types go to a second line when the header is narrow. */
    static FlowPane create() {
        io.osloscope.app.fx.Texts texts = io.osloscope.app.fx.Texts.of(TopologyView.class);
        FlowPane box = new FlowPane(14, 4);
        box.setPrefWrapLength(1400);
        javafx.scene.layout.HBox tokens = new javafx.scene.layout.HBox(12);
        tokens.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.getStyleClass().add("legend");
        for (MessageKind k : List.of(MessageKind.CALL, MessageKind.CAST, MessageKind.FANOUT, MessageKind.REPLY,
                MessageKind.FAILURE)) {
            Label l = new Label(texts.getOr("legend." + k.label(), k.label()), TokenLayer.shape(k));
            l.getStyleClass().add("legend-item");
            l.setMinWidth(Region.USE_PREF_SIZE);
            tokens.getChildren().add(l);
        }
        javafx.scene.layout.HBox types = new javafx.scene.layout.HBox(12);
        types.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        types.getChildren().add(new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL));
        for (String type : List.of("classic", "quorum", "stream")) {
            Label l = new Label(type, QueueTypeBadge.create(type, 16));
            l.getStyleClass().addAll("legend-item", "legend-queue-type");
            l.setMinWidth(Region.USE_PREF_SIZE);
            types.getChildren().add(l);
        }
        box.getChildren().addAll(tokens, types);
        return box;
    }
}
