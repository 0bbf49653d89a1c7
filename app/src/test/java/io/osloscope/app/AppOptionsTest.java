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

    @Test
    void theWindowOpensARecordingOrABrokerFromTheCommandLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path rec = java.nio.file.Files.writeString(dir.resolve("boot.jsonl"), "");
        AppOptions open = AppOptions.parse(List.of("--open", rec.toString(), "--screenshot", "t.png"));
        assertEquals(rec, open.open());
        assertTrue(!open.sniffing());
        AppOptions live = AppOptions.parse(List.of("--connect", "rabbit://guest:guest@10.0.0.1:5672/nova",
                "--mode=firehose", "--consent-firehose", "--management", "http://10.0.0.1:15672/"));
        assertTrue(live.sniffing());
        var sniffer = live.snifferOptions();
        assertEquals("nova", sniffer.settings().virtualHost());
        assertEquals(io.osloscope.engine.sniff.CaptureMode.FIREHOSE, sniffer.mode());
        assertTrue(sniffer.firehoseConsent());
        assertEquals(java.net.URI.create("http://10.0.0.1:15672/"), sniffer.management());
        Path conf = java.nio.file.Files.writeString(dir.resolve("nova.conf"),
                "[DEFAULT]\ntransport_url = rabbit://nova:secret@ctl:5672/cloud\n");
        AppOptions fromConfig = AppOptions.parse(List.of("--config", conf.toString()));
        assertEquals("cloud", fromConfig.snifferOptions().settings().virtualHost());
        assertEquals(io.osloscope.engine.sniff.CaptureMode.TAP, fromConfig.snifferOptions().mode(), "tap by default");
    }

    @Test
    void contradictionsAndAFirehoseWithoutConsentAreOneLineEach(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path rec = java.nio.file.Files.writeString(dir.resolve("boot.jsonl"), "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--connect",
                "rabbit://h/", "--mode", "firehose"))).getMessage().contains("--consent-firehose"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--open", rec.toString(),
                "--connect", "rabbit://h/"))).getMessage().contains("cannot be combined"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--mode", "tap")))
                .getMessage().contains("go with --connect"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--open",
                dir.resolve("missing.jsonl").toString()))).getMessage().contains("cannot read"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--connect", "rabbit://h/",
                "--mode", "pcap"))).getMessage().startsWith("--mode"));
    }
}
