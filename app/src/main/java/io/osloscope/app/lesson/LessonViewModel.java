package io.osloscope.app.lesson;

import io.osloscope.sim.CodeLens;
import io.osloscope.sim.lesson.Lesson;
import io.osloscope.sim.lesson.LessonRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The lesson panel's state, without the toolkit: the lesson, the current step and what it says, whether its
 * checkpoint was reached, the elements to highlight and the code lens of the step's message (or of the message
 * selected in the stream). A step is played once, the first time it is reached; Back and Next over played steps
 * only show them again. Playing runs on {@code engine}, results come back on {@code fx}.
 */
public final class LessonViewModel {
    /** Plays one step on the cloud, blocking (a {@link LessonRunner}). */
    public interface Player extends Function<Lesson.Step, LessonRunner.Outcome> {
    }

    /** The code lens of one message: sender and handler, Java and Python, and a sentence. */
    public record Lens(String title, String javaSender, String javaHandler, String pythonSender, String pythonHandler,
                       String what) {
        static Lens of(CodeLens.Entry e) {
            return new Lens(e.method(), e.sender().javaReference() + "\n" + e.sender().javaExcerpt(),
                    e.handler().javaReference() + "\n" + e.handler().javaExcerpt(), e.sender().pythonReference(),
                    e.handler().pythonReference(), e.what());
        }
    }

    private final Executor engine;
    private final Executor fx;
    private final Map<Integer, LessonRunner.Outcome> outcomes = new HashMap<>();
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty narration = new SimpleStringProperty("");
    private final StringProperty tryIt = new SimpleStringProperty("");
    private final StringProperty checkpoint = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty reached = new SimpleBooleanProperty();
    private final BooleanProperty canBack = new SimpleBooleanProperty();
    private final BooleanProperty canNext = new SimpleBooleanProperty();
    private final ObservableList<String> highlight = FXCollections.observableArrayList();
    private final ObjectProperty<Lens> lens = new SimpleObjectProperty<>();
    private Player player;
    private Texts texts = Texts.ENGLISH;

    /** The lines the view model writes itself (the FXML's texts are in LessonView.properties). */
    public record Texts(String stepOf, String waiting, String playing, String reached, String missed,
                        String noCluster) {
        public static final Texts ENGLISH = new Texts("Step %d of %d", "waiting for: %s", "playing…", "✔ %s",
                "✘ %s", "waiting for the simulated cluster…");
    }

    public LessonViewModel(Executor engine, Executor fx) {
        this.engine = engine;
        this.fx = fx;
    }

    public void setTexts(Texts t) {
        texts = t;
    }

    /** The cloud is up: steps can be played. Plays the current step if it was waiting for that. */
    public void setPlayer(Player p) {
        player = p;
        if (lesson.get() != null && index.get() >= 0 && !outcomes.containsKey(index.get())) {
            play(index.get());
        }
        updateButtons();
    }

    /** Starts {@code l} at its first step. */
    public void open(Lesson l) {
        outcomes.clear();
        problem.set("");
        lesson.set(l);
        show(0);
    }

    /** A lesson could not be read: one line, the current lesson stays. */
    public void failed(String line) {
        problem.set(line);
    }

    public void next() {
        if (canNext.get()) {
            show(index.get() + 1);
        }
    }

    public void back() {
        if (canBack.get()) {
            show(index.get() - 1);
        }
    }

    /** The code lens follows a message selected in the stream ({@code routingKey} and {@code exchange} give its topic). */
    public void selectMessage(String method, String exchange, String routingKey) {
        Optional<CodeLens.Entry> e = CodeLens.lookup(CodeLens.topicOf(exchange, routingKey), method);
        e.ifPresent(x -> lens.set(Lens.of(x)));
    }

    private void show(int i) {
        Lesson l = lesson.get();
        if (l == null || i < 0 || i >= l.steps().size()) {
            return;
        }
        index.set(i);
        Lesson.Step s = l.steps().get(i);
        title.set(s.title());
        progress.set(String.format(texts.stepOf(), i + 1, l.steps().size()));
        narration.set(s.narration());
        tryIt.set(s.tryIt() == null ? "" : s.tryIt());
        highlight.setAll(s.highlight());
        lens.set(lensOf(s, outcomes.get(i)));
        LessonRunner.Outcome o = outcomes.get(i);
        if (o != null) {
            showOutcome(s, o);
        } else if (player == null) {
            checkpoint.set(texts.noCluster());
            reached.set(false);
        } else {
            play(i);
        }
        updateButtons();
    }

    private void play(int i) {
        Lesson.Step s = lesson.get().steps().get(i);
        Player p = player;
        playing.set(true);
        reached.set(false);
        checkpoint.set(s.checkpoint() == null ? texts.playing() : String.format(texts.waiting(), expectation(s)));
        updateButtons();
        CompletableFuture.supplyAsync(() -> p.apply(s), engine)
                .exceptionally(t -> new LessonRunner.Outcome(false, String.valueOf(t.getCause() == null
                        ? t.getMessage() : t.getCause().getMessage()), 0, null, null, null))
                .thenAcceptAsync(o -> {
                    outcomes.put(i, o);
                    playing.set(false);
                    if (index.get() == i) {
                        showOutcome(s, o);
                        lens.set(lensOf(s, o));
                    }
                    updateButtons();
                }, fx);
    }

    private void showOutcome(Lesson.Step s, LessonRunner.Outcome o) {
        reached.set(o.reached());
        String seen = o.seen() == null || o.seen().isEmpty() ? (s.checkpoint() == null ? "" : expectation(s)) : o.seen();
        checkpoint.set(seen.isEmpty() ? "" : String.format(o.reached() ? texts.reached() : texts.missed(), seen));
    }

    private static String expectation(Lesson.Step s) {
        Lesson.Checkpoint c = s.checkpoint();
        if (c.expect() != null) {
            return c.expect();
        }
        StringBuilder b = new StringBuilder(c.event());
        if (c.kind() != null) {
            b.append(' ').append(c.kind());
        }
        if (c.method() != null) {
            b.append(' ').append(c.method());
        }
        if (c.queue() != null) {
            b.append(" · ").append(c.queue());
        }
        return b.toString();
    }

    /** The step's message when it had one, else the method the step names ({@code compute.start_instance}). */
    static Lens lensOf(Lesson.Step s, LessonRunner.Outcome o) {
        if (o != null && o.method() != null) {
            Optional<CodeLens.Entry> e = CodeLens.lookup(CodeLens.topicOf(null, o.routingKey()), o.method());
            if (e.isPresent()) {
                return Lens.of(e.get());
            }
        }
        if (s.code() != null && s.code().contains(".")) {
            int dot = s.code().indexOf('.');
            return CodeLens.lookup(s.code().substring(0, dot), s.code().substring(dot + 1)).map(Lens::of).orElse(null);
        }
        return null;
    }

    private void updateButtons() {
        Lesson l = lesson.get();
        canBack.set(l != null && index.get() > 0 && !playing.get());
        canNext.set(l != null && index.get() < l.steps().size() - 1 && !playing.get() && player != null);
    }

    /** True when every step played so far reached its checkpoint. */
    public boolean allReached() {
        return outcomes.values().stream().allMatch(LessonRunner.Outcome::reached);
    }

    /** The outcome of step {@code i} (0-based), null when it was not played. */
    public LessonRunner.Outcome outcome(int i) {
        return outcomes.get(i);
    }

    public ObjectProperty<Lesson> lessonProperty() { return lesson; }
    public IntegerProperty indexProperty() { return index; }
    public StringProperty titleProperty() { return title; }
    public StringProperty progressProperty() { return progress; }
    public StringProperty narrationProperty() { return narration; }
    public StringProperty tryItProperty() { return tryIt; }
    public StringProperty checkpointProperty() { return checkpoint; }
    public StringProperty problemProperty() { return problem; }
    public ReadOnlyBooleanProperty playingProperty() { return playing; }
    public ReadOnlyBooleanProperty reachedProperty() { return reached; }
    public ReadOnlyBooleanProperty canBackProperty() { return canBack; }
    public ReadOnlyBooleanProperty canNextProperty() { return canNext; }
    public ObservableList<String> highlight() { return highlight; }
    public ObjectProperty<Lens> lensProperty() { return lens; }

    /** The built-in lessons' ids and titles, for the chooser. */
    public static List<String> ids() {
        return io.osloscope.sim.lesson.LessonLoader.BUILT_IN;
    }
}
