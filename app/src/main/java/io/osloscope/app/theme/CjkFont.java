package io.osloscope.app.theme;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The font for a Chinese window. JavaFX on Linux does not fall back to a CJK font for its default "System" font (the
 * glyphs show as boxes even with Noto CJK installed), so in Chinese the window's root gets the style class of the
 * first installed CJK family, which {@code base.css} maps to that family (its Latin glyphs cover the rest).
 */
public final class CjkFont {
    /** Families tried in order (Linux, then Windows, macOS), each with its style class in base.css. */
    static final Map<String, String> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("Noto Sans CJK SC", "cjk-noto");
        FAMILIES.put("Source Han Sans SC", "cjk-source-han");
        FAMILIES.put("WenQuanYi Micro Hei", "cjk-wqy");
        FAMILIES.put("Microsoft YaHei", "cjk-yahei");
        FAMILIES.put("PingFang SC", "cjk-pingfang");
    }

    private CjkFont() {
    }

    /** The style class for {@code language} given the {@code installed} font families; empty when not Chinese or none fits. */
    public static Optional<String> styleClass(Locale language, Collection<String> installed) {
        if (!"zh".equals(language.getLanguage())) {
            return Optional.empty();
        }
        return FAMILIES.entrySet().stream().filter(e -> installed.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }
}
