package io.osloscope.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppOptionsTest {
    @Test
    void screenshotAndComputesAreReadInBothSpellings() {
        AppOptions o = AppOptions.parse(List.of("--screenshot", "out.png", "--computes=5"));
        assertEquals(Path.of("out.png"), o.screenshot());
        assertEquals(5, o.computes());
        AppOptions d = AppOptions.parse(List.of());
        assertNull(d.screenshot());
        assertEquals(3, d.computes());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--screenshot")))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--computes", "x")))
                .getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--bogus")))
                .getMessage().contains("unknown option"));
    }

    @Test
    void aLessonIsRenderedStepByStepAtAChosenSize() {
        AppOptions o = AppOptions.parse(List.of("--lesson", "story", "--screenshot-dir", "shots", "--size", "1280x720",
                "--lang", "zh_CN"));
        assertEquals("story", o.lesson());
        assertEquals(Path.of("shots"), o.screenshotDir());
        assertEquals(1280, o.width());
        assertEquals(720, o.height());
        assertEquals("zh", o.locale().getLanguage());
        assertEquals("CN", o.locale().getCountry());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--screenshot-dir", "d")))
                .getMessage().contains("--screenshot-dir needs --lesson"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--size", "big")))
                .getMessage().contains("WIDTHxHEIGHT"));
    }
}
