package io.osloscope.app.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in a finished log line: the password of any {@code scheme://user:password@host} URL (also
 * each host of a multi-host oslo URL), and the value of {@code _context_auth_token} and of password-like keys
 * written as JSON ({@code "key": "value"}) or as a Java map ({@code key=value}). The last line of defence:
 * callers should log masked values in the first place.
 */
public final class Redaction {
    static final String MASK = "***";
    private static final Pattern URL_PASSWORD = Pattern.compile("((?:://|,)[^\\s:/@,]*:)[^\\s@/]*@");
    private static final String KEYS = "(?:_context_auth_token|auth_token|password|passwd|secret)";
    private static final Pattern JSON_VALUE = Pattern.compile("(\"" + KEYS + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_KEY = Pattern.compile(".*" + KEYS + ".*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MAP_VALUE = Pattern.compile("(\\b" + KEYS + "=)([^,}\\]\\s]+)", Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** A copy of an oslo request context for logging: secret-looking keys' values replaced by {@code ***}. */
    public static Map<String, Object> context(Map<String, ?> context) {
        Map<String, Object> out = new LinkedHashMap<>();
        context.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? MASK : v));
        return out;
    }

    public static String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String s = URL_PASSWORD.matcher(line).replaceAll("$1" + MASK + "@");
        s = JSON_VALUE.matcher(s).replaceAll("$1\"" + MASK + "\"");
        return MAP_VALUE.matcher(s).replaceAll("$1" + MASK);
    }
}
