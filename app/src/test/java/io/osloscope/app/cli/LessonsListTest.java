package io.osloscope.app.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code osloscope --lessons}: one line per built-in lesson, the id first, then the title, in the chosen language. */
class LessonsListTest {
    private static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertTrue(CliMain.handles(args), "the launcher hands --lessons to the command line");
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void listsTheSixLessonsIdThenTitle() {
        List<String> lines = run("--lessons", "--lang", "en");
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertEquals("story\tThe story: one server booted, from REST to the compute", lines.get(0));
        assertTrue(lines.get(5).startsWith("dialects\t"));
        assertTrue(run("--lessons", "--lang", "zh_CN").get(0).startsWith("story\t完整的故事"));
    }
}
