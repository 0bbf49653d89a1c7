package io.osloscope.app.fx;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every view's texts exist in Simplified Chinese: each {@code View.properties} beside an indexed FXML has a
 * {@code View_zh_CN.properties} with the same keys, no blank text, the same placeholders ({0}, %,d, ...) so a
 * formatted text cannot break, and mostly Chinese (not English copied over).
 */
class TranslationsTest {
    /** A MessageFormat argument's index ({0}, {1,number,integer}, {0,choice,...}) or a String.format conversion. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+(?=[,}])|%[,.\\d]*[a-z]");
    /** Texts of views drawn in Java, without FXML: a bundle named like the view class. */
    private static final List<String> CODE_VIEWS = List.of("/io/osloscope/app/topology/TopologyView",
            "/io/osloscope/app/sequence/SequenceView");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

    @Test
    void everyViewTextHasAChineseTranslation() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> bases = new ArrayList<>(CODE_VIEWS);
        for (Views view : Views.values()) {
            if (view.fxml() != null) {
                bases.add(view.fxml().replaceFirst("\\.fxml$", ""));
            }
        }
        for (String base : bases) {
            Properties en = load(base + ".properties");
            if (en == null) {
                continue;
            }
            Properties zh = load(base + "_zh_CN.properties");
            assertNotNull(zh, base + "_zh_CN.properties is missing");
            assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()),
                    base + ": the Chinese keys differ from the English ones");
            int chinese = 0;
            for (String key : en.stringPropertyNames()) {
                String text = zh.getProperty(key);
                assertTrue(!text.isBlank(), base + " " + key + " is blank in Chinese");
                assertEquals(placeholders(en.getProperty(key)), placeholders(text),
                        base + " " + key + ": placeholders differ");
                if (CJK.matcher(text).find()) {
                    chinese++;
                }
            }
            assertTrue(chinese * 2 >= en.size(), base + ": only " + chinese + " of " + en.size()
                    + " texts are in Chinese");
            checked.add(base);
        }
        assertTrue(checked.size() >= 8, "views with texts: " + checked);
    }

    private static List<String> placeholders(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        // a choice format names its argument twice in one language and once in another: compare which, not how often
        return new ArrayList<>(new TreeSet<>(out));
    }

    private static Properties load(String resource) throws IOException {
        try (InputStream in = TranslationsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }
}
