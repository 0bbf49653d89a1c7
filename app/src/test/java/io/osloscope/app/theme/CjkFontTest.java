package io.osloscope.app.theme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Chinese window gets an installed CJK font; an English one keeps the default; base.css knows every class. */
class CjkFontTest {
    @Test
    void chineseTakesTheFirstInstalledCjkFamily() {
        assertEquals(Optional.of("cjk-noto"), CjkFont.styleClass(Locale.SIMPLIFIED_CHINESE,
                List.of("DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei")));
        assertEquals(Optional.of("cjk-yahei"), CjkFont.styleClass(Locale.SIMPLIFIED_CHINESE,
                List.of("Segoe UI", "Microsoft YaHei")));
        assertEquals(Optional.empty(), CjkFont.styleClass(Locale.SIMPLIFIED_CHINESE, List.of("DejaVu Sans")));
        assertEquals(Optional.empty(), CjkFont.styleClass(Locale.ENGLISH, List.of("Noto Sans CJK SC")));
    }

    @Test
    void baseCssMapsEveryClassToItsFamily() throws IOException {
        String css;
        try (InputStream in = CjkFont.class.getResourceAsStream("base.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CjkFont.FAMILIES.forEach((family, cls) -> assertTrue(
                css.contains(".root." + cls + " { -fx-font-family: \"" + family + "\"; }"), cls));
    }
}
