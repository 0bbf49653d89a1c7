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

    private static final List<String> PALETTES = List.of("/io/osloscope/app/theme/light.css",
            "/io/osloscope/app/theme/dark.css", "/io/osloscope/app/theme/contrast.css");
    /** The chrome: these come from AtlantaFX's variables, so our controls and AtlantaFX's never disagree. */
    private static final List<String> CHROME = List.of("-rpc-fg", "-rpc-fg-muted", "-rpc-fg-on-emphasis", "-rpc-bg",
            "-rpc-bg-subtle", "-rpc-bg-row-alt", "-rpc-border", "-rpc-accent", "-rpc-accent-soft", "-rpc-highlight",
            "-rpc-selection");
    private static final Pattern ASSIGNED = Pattern.compile("(-rpc-[a-z-]+)\\s*:\\s*([^;]+);");

    @Test
    void everyThemeDefinesTheSameColours() throws IOException {
        for (String palette : PALETTES) {
            assertEquals(defined(PALETTES.get(0)), defined(palette), palette);
        }
    }

    @Test
    void theChromeColoursAreAtlantaFxVariablesInEveryTheme() throws IOException {
        for (String palette : PALETTES) {
            Matcher m = ASSIGNED.matcher(read(palette).replaceAll("(?s)/\\*.*?\\*/", ""));
            Set<String> seen = new TreeSet<>();
            while (m.find()) {
                if (CHROME.contains(m.group(1))) {
                    assertTrue(m.group(2).trim().startsWith("-color-"), palette + ": " + m.group(1) + " is "
                            + m.group(2) + ", not one of AtlantaFX's -color-* variables");
                    seen.add(m.group(1));
                }
            }
            assertEquals(new TreeSet<>(CHROME), seen, palette);
        }
    }

    @Test
    void viewsUseNeitherAtlantaFxVariablesNorLiteralColoursDirectly() throws IOException {
        Pattern literal = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|:\\s*(white|black)\\b|-color-[a-z]");
        for (String css : VIEW_CSS) {
            Matcher m = literal.matcher(read(css).replaceAll("(?s)/\\*.*?\\*/", ""));
            if (m.find()) {
                org.junit.jupiter.api.Assertions.fail(css + " has a colour of its own (" + m.group() + "); use -rpc-*");
            }
        }
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
