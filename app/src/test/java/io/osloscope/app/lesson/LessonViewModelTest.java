package io.osloscope.app.lesson;

import io.osloscope.sim.lesson.Lesson;
import io.osloscope.sim.lesson.LessonLoader;
import io.osloscope.sim.lesson.LessonRunner;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson panel's logic without the toolkit: steps play once, Back replays nothing, the code lens follows. */
class LessonViewModelTest {
    private final List<String> played = new ArrayList<>();

    private LessonViewModel model() {
        LessonViewModel m = new LessonViewModel(Runnable::run, Runnable::run);
        m.setPlayer(step -> {
            played.add(step.title());
            if ("nova-api casts to the conductor".equals(step.title())) {
                return new LessonRunner.Outcome(true, "cast schedule_and_build_instances → nova / conductor", 7,
                        "schedule_and_build_instances", "conductor", "req-1");
            }
            return new LessonRunner.Outcome(!"The scheduler answers".equals(step.title()), "seen", 0, null, null, null);
        });
        return m;
    }

    @Test
    void stepsPlayOnceAndBackShowsWhatWasSeen() {
        LessonViewModel m = model();
        Lesson story = LessonLoader.builtIn("story", Locale.ENGLISH);
        m.open(story);
        assertEquals("Step 1 of 8", m.progressProperty().get());
        assertFalse(m.canBackProperty().get());
        m.next();
        m.next();
        assertEquals("Step 3 of 8", m.progressProperty().get());
        assertEquals("✔ cast schedule_and_build_instances → nova / conductor", m.checkpointProperty().get());
        assertTrue(m.highlight().contains("queue:conductor"));
        m.back();
        m.back();
        m.next();
        assertEquals(3, played.size(), "played each step once: " + played);
        m.next();
        m.next();
        m.next();
        assertEquals("Step 5 of 8", m.progressProperty().get());
        assertEquals("✘ seen", m.checkpointProperty().get(), "a missed checkpoint says so");
        assertFalse(m.reachedProperty().get());
        assertFalse(m.allReached());
    }

    @Test
    void theCodeLensShowsTheStepsMessageAndFollowsTheStreamSelection() {
        LessonViewModel m = model();
        m.open(LessonLoader.builtIn("story", Locale.ENGLISH));
        assertNull(m.lensProperty().get(), "the first step names no code");
        m.next();
        m.next();
        LessonViewModel.Lens lens = m.lensProperty().get();
        assertEquals("nova/conductor/rpcapi.py ComputeTaskAPI.schedule_and_build_instances", lens.pythonSender());
        assertEquals("nova/conductor/manager.py ComputeTaskManager.schedule_and_build_instances",
                lens.pythonHandler());
        assertTrue(lens.javaSender().startsWith("ComputeTaskAPI.schedule_and_build_instances"), lens.javaSender());
        m.selectMessage("start_instance", "nova", "compute.compute2");
        assertEquals("nova/compute/manager.py ComputeManager.start_instance", m.lensProperty().get().pythonHandler());
    }

    @Test
    void withoutTheClusterNothingPlaysAndABrokenLessonIsOneLine() {
        LessonViewModel m = new LessonViewModel(Runnable::run, Runnable::run);
        m.open(LessonLoader.builtIn("fanout", Locale.ENGLISH));
        assertEquals("waiting for the simulated cluster…", m.checkpointProperty().get());
        assertFalse(m.canNextProperty().get());
        m.failed("x.json: not valid JSON at line 3, column 2: Unexpected character");
        assertEquals("x.json: not valid JSON at line 3, column 2: Unexpected character", m.problemProperty().get());
        assertEquals("Fanout: one cast, every server", m.lessonProperty().get().title(), "the open lesson stays");
    }
}
