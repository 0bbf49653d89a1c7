package io.osloscope.app.sniff;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import javafx.scene.Node;
import javafx.scene.Parent;

/** The reply-queue lifeline: ReplyQueuesView.fxml bound by a {@link ReplyQueuesController}. FX thread. */
public final class ReplyQueuesView {
    private final Parent root;

    public ReplyQueuesView(ReplyQueuesViewModel model) {
        root = ViewLoader.<Parent, ReplyQueuesController>load(Views.REPLY_QUEUES.fxml(),
                new ReplyQueuesController(model)).root();
    }

    public Node getRoot() {
        return root;
    }
}
