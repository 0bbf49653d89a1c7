package io.osloscope.sim.lesson;

import java.util.List;
import java.util.Map;

/**
 * A guided lesson: a scripted scenario told step by step, read from a data file ({@link LessonLoader}). Each step
 * says something ({@code narration}), points at parts of the topology ({@code highlight}: {@code node:nova-api},
 * {@code exchange:nova}, {@code queue:compute.compute1}, {@code edge:rest}), may do something to the simulated cloud
 * ({@link Action}), and may wait until the cloud shows what it talks about ({@link Checkpoint}).
 *
 * @param id       the name on the command line ({@code osloscope --lesson story})
 * @param language the data file's language tag ({@code en}, {@code zh_CN})
 */
public record Lesson(String id, String language, String title, String summary, List<Step> steps) {
    public Lesson {
        steps = List.copyOf(steps);
    }

    /**
     * One step. {@code tryIt} is a prompt for the learner (null: none); {@code code} names the method whose sender
     * and handler the code lens shows when the step has no checkpoint message ({@code compute.start_instance}).
     */
    public record Step(String title, String narration, List<String> highlight, String tryIt, Action action,
                       Checkpoint checkpoint, String code) {
        public Step {
            highlight = List.copyOf(highlight);
        }
    }

    /** What a step does to the cloud: {@code does} is one of {@link LessonRunner#ACTIONS}, {@code with} its arguments. */
    public record Action(String does, Map<String, String> with) {
        public Action {
            with = Map.copyOf(with);
        }

        public String arg(String name, String fallback) {
            return with.getOrDefault(name, fallback);
        }
    }

    /**
     * What a step waits for: an event of kind {@code event} (one of {@link LessonRunner#CHECKPOINTS}) matching every
     * non-null field, within {@code withinSeconds}. {@code expect} is the line the panel shows once it is reached.
     */
    public record Checkpoint(String event, String method, String kind, String queue, String error, Integer depth,
                             int withinSeconds, String expect) {
    }
}
