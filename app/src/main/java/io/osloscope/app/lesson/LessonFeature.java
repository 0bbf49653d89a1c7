package io.osloscope.app.lesson;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.fx.Views;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.WindowFeature;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.sim.lesson.Lesson;
import io.osloscope.sim.lesson.LessonException;
import io.osloscope.sim.lesson.LessonLoader;
import io.osloscope.sim.lesson.LessonRunner;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * Plugs lessons into the window: a "Lesson" tab on the left with the {@link LessonView}, the topology highlighting
 * what the current step talks about, the code lens following the stream's selection, Space and Alt+Left/Right to
 * move. Plays on the window's own simulated cloud once it is up ({@link #attached}). FX thread.
 */
public final class LessonFeature implements WindowFeature {
    private final Locale locale;
    private final String initial;
    private final ExecutorService player = AppContext.catchingPool("osloscope-lesson-player", 1);
    private final LessonViewModel model = new LessonViewModel(player, FxThread.executor());
    private final List<Lesson> choices = new ArrayList<>();
    private LessonView view;
    private MainWindow window;
    private LessonRunner runner;

    /**
     * {@code locale} picks the lessons' language (English where there is no translation); {@code initial} is a
     * built-in lesson's id or a lesson file to open at once, or null.
     */
    public LessonFeature(Locale locale, String initial) {
        this.locale = locale == null ? Locale.getDefault() : locale;
        this.initial = initial;
    }

    @Override
    public void install(MainWindow w) {
        window = w;
        w.addLeftTab(Views.LESSON.title(), () -> view().getRoot());
        model.highlight().addListener((ListChangeListener<String>) c -> highlight());
        model.checkpointProperty().addListener((o, a, b) -> highlight());
        w.traffic().selectedProperty().addListener((o, a, row) -> select(row));
        // a filter, so Space moves the lesson on whichever button or chooser has the focus (text fields and lists keep it)
        w.getRoot().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && model.lessonProperty().get() != null && !typing(e)) {
                space();
                e.consume();
            }
        });
        if (initial != null) {
            open(initial);
        }
    }

    /** Opens a built-in lesson or a lesson file and shows the tab; a lesson that cannot be read is one line in it. */
    public void open(String idOrFile) {
        loadChoices();
        try {
            Lesson l = LessonLoader.resolve(idOrFile, locale);
            if (!choices.contains(l) && choices.stream().noneMatch(c -> c.id().equals(l.id()))) {
                choices.add(l);
            }
            model.open(l);
        } catch (LessonException e) {
            model.failed(e.getMessage());
            System.err.println("osloscope: " + e.getMessage());
        }
        window.showLeftTab(Views.LESSON);
        window.widenLeft(0.34);
    }

    @Override
    public void attached(AppContext ctx) {
        if (ctx.cloud() == null) {
            return;
        }
        runner = new LessonRunner(ctx.cloud(), (dialect, recover) -> {
            var s = ctx.simulation().switchDialect(dialect, recover);
            FxThread.executor().execute(() -> {
                if (window.simulation() != null) {
                    window.simulation().refresh();
                }
            });
            return s.lines().isEmpty() ? dialect : s.lines().get(0);
        });
        model.setPlayer(runner::play);
        highlight();
    }

    private LessonView view() {
        if (view == null) {
            // NOTE(perf): the lessons are read when the panel is first shown, not before the window's first frame
            loadChoices();
            view = new LessonView(model, choices);
        }
        return view;
    }

    private void loadChoices() {
        if (choices.isEmpty()) {
            choices.addAll(LessonLoader.builtIn(locale));
        }
    }

    private void highlight() {
        if (window != null && window.topology() != null) {
            window.topology().highlightElements(model.highlight());
        }
    }

    private void select(TrafficRow row) {
        if (row != null && row.method() != null) {
            model.selectMessage(row.method(), row.exchange(), row.routingKey());
        }
    }

    /** Space: one delivery while deliveries are paused, the next step otherwise. */
    private void space() {
        if (window.simulation() != null && window.simulation().pausedProperty().get()) {
            window.simulation().step();
        } else {
            model.next();
        }
    }

    private static boolean typing(KeyEvent e) {
        Object t = e.getTarget();
        return t instanceof TextInputControl || t instanceof javafx.scene.control.TableView<?>
                || t instanceof javafx.scene.control.ListView<?>;
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(
                new Shortcut(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN), "next lesson step",
                        model::next),
                new Shortcut(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), "previous lesson step",
                        model::back));
    }

    public LessonViewModel model() {
        return model;
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        player.shutdownNow();
    }
}
