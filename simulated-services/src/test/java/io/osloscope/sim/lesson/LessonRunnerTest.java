package io.osloscope.sim.lesson;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.SimulatedCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every built-in lesson played step by step on a simulated cloud on its own in-memory broker, as the window and
 * {@code --lesson ID --screenshot-dir} play it: every checkpoint is reached, in order.
 */
class LessonRunnerTest {
    private Transport transport;
    private SimulatedCloud cloud;

    static List<String> lessons() {
        return LessonLoader.BUILT_IN;
    }

    @AfterEach
    void close() {
        if (cloud != null) {
            cloud.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyCheckpointIsReached(String id) {
        transport = Transport.open("memory://lesson-" + UUID.randomUUID(), "nova");
        cloud = SimulatedCloud.start(transport, 3);
        Lesson lesson = LessonLoader.builtIn(id, Locale.ENGLISH);
        List<String> missed = new ArrayList<>();
        try (LessonRunner runner = new LessonRunner(cloud, null)) {
            int n = 0;
            for (Lesson.Step step : lesson.steps()) {
                n++;
                LessonRunner.Outcome o = runner.play(step);
                if (!o.reached()) {
                    missed.add("step " + n + " (" + step.title() + "): " + o.seen());
                }
            }
        }
        assertEquals(List.of(), missed, id + ": checkpoints not reached");
    }
}
