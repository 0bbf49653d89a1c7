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
    void presenterAndLanguageAreReadAndAnUnknownLanguageIsRefused() {
        AppOptions o = AppOptions.parse(List.of("--presenter", "--lang", "zh_CN", "--computes", "2"));
        assertTrue(o.presenter());
        assertEquals(java.util.Locale.SIMPLIFIED_CHINESE, o.lang());
        assertEquals(2, o.computes());
        assertEquals(java.util.Locale.SIMPLIFIED_CHINESE, AppOptions.parse(List.of("--lang=zh-CN")).lang());
        assertEquals(java.util.Locale.ENGLISH, AppOptions.parse(List.of("--lang", "en")).lang());
        assertNull(AppOptions.parse(List.of()).lang());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--lang", "fr")))
                .getMessage().contains("en or zh_CN"));
        assertEquals(java.util.Locale.SIMPLIFIED_CHINESE, AppOptions.languageFor(java.util.Locale.TAIWAN));
        assertEquals(java.util.Locale.ENGLISH, AppOptions.languageFor(java.util.Locale.GERMANY));
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
}
