package io.osloscope.engine.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Topic-exchange matching exactly as RabbitMQ does it. Keys and patterns are split on {@code .}
 * keeping empty words ({@code "a..b"} has three words, {@code "a."} two); the empty string has
 * no words at all. In a pattern the whole word {@code *} takes exactly one word (which may be
 * empty) and {@code #} takes zero or more; {@code a*} is an ordinary word.
 */
public final class TopicMatcher {
    private final String pattern;
    private final String[] words;
    private final boolean literal;

    public TopicMatcher(String pattern) {
        this.pattern = pattern;
        this.words = split(pattern);
        boolean wild = false;
        for (String w : words) {
            wild |= w.equals("*") || w.equals("#");
        }
        this.literal = !wild;
    }

    public static String[] split(String key) {
        return key.isEmpty() ? new String[0] : key.split("\\.", -1);
    }

    public boolean matches(String routingKey) {
        if (literal) {
            return pattern.equals(routingKey);
        }
        return match(split(routingKey), null);
    }

    /** Why the pattern matches the key or not, e.g. {@code topic pattern 'a.*' matches 'a.b': '*' took 'b'}. */
    public String explain(String routingKey, boolean[] matched) {
        return explain(routingKey, matched, Locale.ROOT);
    }

    /** {@link #explain(String, boolean[])} in {@code locale} ({@link RoutingTexts}). */
    public String explain(String routingKey, boolean[] matched, Locale locale) {
        if (literal) {
            matched[0] = pattern.equals(routingKey);
            return RoutingTexts.get(locale, matched[0] ? "topic.equals" : "topic.noMatch", pattern, routingKey);
        }
        String[] key = split(routingKey);
        String[] took = new String[words.length];
        matched[0] = match(key, took);
        if (!matched[0]) {
            return RoutingTexts.get(locale, "topic.noMatch", pattern, routingKey);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (took[i] != null) {
                parts.add(RoutingTexts.get(locale, "topic.took", words[i], took[i]));
            }
        }
        return RoutingTexts.get(locale, "topic.matches", pattern, routingKey, String.join(", ", parts));
    }

    /** Backtracking match with a memo of failed (pattern, key) positions, so {@code #.#.#} stays linear-ish. */
    private boolean match(String[] key, String[] took) {
        boolean[] failed = new boolean[(words.length + 1) * (key.length + 1)];
        return match(0, 0, key, took, failed);
    }

    private boolean match(int p, int k, String[] key, String[] took, boolean[] failed) {
        int slot = p * (key.length + 1) + k;
        if (failed[slot]) {
            return false;
        }
        boolean ok;
        if (p == words.length) {
            ok = k == key.length;
        } else if (words[p].equals("#")) {
            ok = false;
            for (int n = 0; !ok && k + n <= key.length; n++) {
                ok = match(p + 1, k + n, key, took, failed);
                if (ok && took != null) {
                    took[p] = n == 0 ? "nothing" : "'" + join(key, k, k + n) + "'";
                }
            }
        } else if (k < key.length && (words[p].equals("*") || words[p].equals(key[k]))) {
            ok = match(p + 1, k + 1, key, took, failed);
            if (ok && took != null && words[p].equals("*")) {
                took[p] = "'" + key[k] + "'";
            }
        } else {
            ok = false;
        }
        if (!ok) {
            failed[slot] = true;
        }
        return ok;
    }

    private static String join(String[] key, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append('.');
            }
            b.append(key[i]);
        }
        return b.toString();
    }
}
