package io.osloscope.app.theme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One palette: only the theme defines {@code -rpc-*} colours, and it defines every one a stylesheet uses. */
class PaletteTest {
    private static final List<String> VIEW_CSS = List.of("/io/osloscope/app/theme/base.css",
            "/io/osloscope/app/sequence/sequence.css", "/io/osloscope/app/topology/topology.css",
            "/io/osloscope/app/playground/playground.css", "/io/osloscope/app/lesson/lesson.css",
            "/io/osloscope/app/traffic/TrafficView.css", "/io/osloscope/app/trace/TraceView.css");
    private static final Pattern DEFINED = Pattern.compile("(-rpc-[a-z-]+)\\s*:");
    private static final Pattern USED = Pattern.compile("(-rpc-[a-z-]+)");

    @Test
    void lightAndDarkDefineTheSameColours() throws IOException {
        assertEquals(defined("/io/osloscope/app/theme/light.css"), defined("/io/osloscope/app/theme/dark.css"));
    }

    @Test
    void viewsDefineNoColoursAndUseOnlyThePalettes() throws IOException {
        Set<String> palette = defined("/io/osloscope/app/theme/light.css");
        for (String css : VIEW_CSS) {
            assertTrue(defined(css).isEmpty(), css + " defines " + defined(css));
            Set<String> used = new TreeSet<>();
            Matcher m = USED.matcher(read(css));
            while (m.find()) {
                used.add(m.group(1));
            }
            used.removeAll(palette);
            assertTrue(used.isEmpty(), css + " uses colours the theme lacks: " + used);
        }
    }

    private static Set<String> defined(String css) throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = DEFINED.matcher(read(css).replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String read(String css) throws IOException {
        try (InputStream in = PaletteTest.class.getResourceAsStream(css)) {
            assertTrue(in != null, css);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
