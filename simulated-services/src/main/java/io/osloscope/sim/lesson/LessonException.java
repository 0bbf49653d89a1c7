package io.osloscope.sim.lesson;

/** A lesson that cannot be read or run; the message is one line a trainer can act on. */
public final class LessonException extends RuntimeException {
    public LessonException(String message) {
        super(message);
    }

    public LessonException(String message, Throwable cause) {
        super(message, cause);
    }
}
