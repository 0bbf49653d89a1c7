package io.osloscope.app.lesson;

import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Views;
import io.osloscope.sim.lesson.Lesson;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.List;
import java.util.Objects;

/** The lesson panel: LessonView.fxml bound by a {@link LessonController}. FX thread. */
public final class LessonView {
    private final Parent root;

    public LessonView(LessonViewModel model, List<Lesson> choices) {
        root = ViewLoader.<Parent, LessonController>load(Views.LESSON.fxml(), new LessonController(model, choices))
                .root();
        root.getStylesheets().add(Objects.requireNonNull(LessonView.class.getResource("lesson.css")).toExternalForm());
    }

    public Node getRoot() {
        return root;
    }
}
