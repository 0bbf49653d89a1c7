package io.osloscope.sim.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonLoaderTest {
    @Test
    void everyBuiltInLessonHasAnEnglishAndAChineseFileThatTellTheSameScript() {
        for (String id : LessonLoader.BUILT_IN) {
            Lesson en = LessonLoader.builtIn(id, Locale.ENGLISH);
            Lesson zh = LessonLoader.builtIn(id, Locale.SIMPLIFIED_CHINESE);
            assertEquals("en", en.language(), id);
            assertEquals("zh_CN", zh.language(), id);
            assertEquals(id, en.id());
            assertEquals(id, zh.id());
            assertNotEquals(en.title(), zh.title(), id + ": the Chinese file is translated");
            assertEquals(en.steps().size(), zh.steps().size(), id + ": same number of steps");
            for (int i = 0; i < en.steps().size(); i++) {
                Lesson.Step a = en.steps().get(i);
                Lesson.Step b = zh.steps().get(i);
                String where = id + " step " + (i + 1);
                assertEquals(a.action(), b.action(), where + ": same action");
                assertEquals(a.highlight(), b.highlight(), where + ": same highlights");
                assertEquals(a.code(), b.code(), where + ": same code lens");
                assertEquals(a.checkpoint() == null, b.checkpoint() == null, where);
                if (a.checkpoint() != null) {
                    assertEquals(a.checkpoint().event(), b.checkpoint().event(), where);
                    assertEquals(a.checkpoint().method(), b.checkpoint().method(), where);
                }
            }
        }
    }

    @Test
    void anotherLanguageFallsBackToEnglish() {
        assertEquals("en", LessonLoader.builtIn("story", Locale.GERMAN).language());
        assertEquals("zh_CN", LessonLoader.builtIn("story", Locale.forLanguageTag("zh-CN")).language());
    }

    @Test
    void aTrainersFileLoadsAndBrokenOnesAreOneClearLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("mine.en.json");
        Files.writeString(good, "{\"id\":\"mine\",\"title\":\"My lesson\",\"steps\":[{\"title\":\"One\","
                + "\"narration\":\"Hello\",\"do\":\"boot\",\"checkpoint\":{\"event\":\"rest\"}}]}");
        Lesson l = LessonLoader.resolve(good.toString(), Locale.ENGLISH);
        assertEquals("My lesson", l.title());
        assertEquals("boot", l.steps().get(0).action().does());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\":\"x\",\n\"title\":\"t\",\n\"steps\":[{\"title\":\"a\" \"narration\":\"b\"}]}",
                StandardCharsets.UTF_8);
        LessonException e = assertThrows(LessonException.class, () -> LessonLoader.load(broken));
        assertTrue(e.getMessage().contains("broken.json: not valid JSON at line 3"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());

        Path unknownAction = dir.resolve("a.json");
        Files.writeString(unknownAction, "{\"id\":\"x\",\"title\":\"t\",\"steps\":[{\"title\":\"a\",\"narration\":\"b\","
                + "\"do\":\"explode\"}]}");
        e = assertThrows(LessonException.class, () -> LessonLoader.load(unknownAction));
        assertTrue(e.getMessage().contains("step 1 does \"explode\"; a step can do boot,"), e.getMessage());

        e = assertThrows(LessonException.class, () -> LessonLoader.resolve("nope", Locale.ENGLISH));
        assertTrue(e.getMessage().startsWith("no lesson 'nope': not a built-in lesson (story, "), e.getMessage());
    }
}
