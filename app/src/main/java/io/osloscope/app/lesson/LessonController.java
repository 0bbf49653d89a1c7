package io.osloscope.app.lesson;

import io.osloscope.sim.lesson.Lesson;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.util.List;
import java.util.ResourceBundle;

/** Binds LessonView.fxml to a {@link LessonViewModel}; the lessons to choose from are handed in. FX thread. */
public final class LessonController {
    private final LessonViewModel model;
    private final List<Lesson> choices;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<Lesson> lessons;
    @FXML private Button open;
    @FXML private Label problem;
    @FXML private Label progress;
    @FXML private Label title;
    @FXML private Label narration;
    @FXML private Label tryIt;
    @FXML private Label checkpoint;
    @FXML private Button back;
    @FXML private Button next;
    @FXML private GridPane lens;
    @FXML private Label javaSender;
    @FXML private Label javaHandler;
    @FXML private Label pythonSender;
    @FXML private Label pythonHandler;
    @FXML private Label lensWhat;

    public LessonController(LessonViewModel model, List<Lesson> choices) {
        this.model = model;
        this.choices = List.copyOf(choices);
    }

    @FXML
    private void initialize() {
        if (resources != null) {
            model.setTexts(new LessonViewModel.Texts(resources.getString("stepOf"), resources.getString("waiting"),
                    resources.getString("playing"), resources.getString("reached"), resources.getString("missed"),
                    resources.getString("noCluster")));
        }
        lessons.getItems().setAll(choices);
        lessons.setConverter(new StringConverter<>() {
            @Override
            public String toString(Lesson l) {
                return l == null ? "" : l.title();
            }

            @Override
            public Lesson fromString(String s) {
                return null;
            }
        });
        model.lessonProperty().addListener((o, a, l) -> {
            if (l != null && lessons.getItems().contains(l)) {
                lessons.getSelectionModel().select(l);
            }
        });
        if (model.lessonProperty().get() != null) {
            lessons.getSelectionModel().select(model.lessonProperty().get());
        }
        open.disableProperty().bind(lessons.valueProperty().isNull());
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        progress.textProperty().bind(model.progressProperty());
        title.textProperty().bind(model.titleProperty());
        narration.textProperty().bind(model.narrationProperty());
        tryIt.textProperty().bind(model.tryItProperty());
        tryIt.visibleProperty().bind(model.tryItProperty().isNotEmpty());
        tryIt.managedProperty().bind(tryIt.visibleProperty());
        checkpoint.textProperty().bind(model.checkpointProperty());
        model.reachedProperty().addListener((o, a, r) -> checkpoint.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("reached"), r));
        back.disableProperty().bind(model.canBackProperty().not());
        next.disableProperty().bind(model.canNextProperty().not());
        model.lensProperty().addListener((o, a, l) -> showLens(l));
        showLens(model.lensProperty().get());
    }

    private void showLens(LessonViewModel.Lens l) {
        String sent = resources == null ? "sent by" : resources.getString("lens.sender");
        String handled = resources == null ? "handled by" : resources.getString("lens.handler");
        lens.setVisible(l != null);
        lens.setManaged(l != null);
        if (l == null) {
            lensWhat.setText(resources == null ? "" : resources.getString("lens.none"));
            return;
        }
        javaSender.setText(sent + ": " + l.javaSender());
        javaHandler.setText(handled + ": " + l.javaHandler());
        pythonSender.setText(sent + ": " + l.pythonSender());
        pythonHandler.setText(handled + ": " + l.pythonHandler());
        lensWhat.setText(l.title() + " — " + l.what());
    }

    @FXML
    private void open() {
        Lesson l = lessons.getValue();
        if (l != null) {
            model.open(l);
        }
    }

    @FXML
    private void back() {
        model.back();
    }

    @FXML
    private void next() {
        model.next();
    }
}
