package io.osloscope.app.cli;

import io.osloscope.sim.lesson.Lesson;
import io.osloscope.sim.lesson.LessonLoader;

import java.io.PrintStream;
import java.util.Locale;

/** {@code osloscope --lessons}: the built-in lessons, one per line, the id, a tab, then the title. */
final class LessonsList {
    private LessonsList() {
    }

    static void print(String lang, PrintStream out) {
        Locale locale = lang == null ? Locale.getDefault() : Locale.forLanguageTag(lang.replace('_', '-'));
        for (Lesson l : LessonLoader.builtIn(locale)) {
            out.println(l.id() + "\t" + l.title());
        }
    }
}
