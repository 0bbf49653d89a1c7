package io.osloscope.engine.rpc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one argument a broker's 406 names when a declare differs from what it holds (RabbitMQ's
 * {@code inequivalent arg 'A' for queue 'N' in vhost 'V': received X but current is Y}), as plain text. The driver
 * reads it for oslo's non-durable fallback; {@link RefusalExplainer}s read it to explain the refusal.
 *
 * @param argument the differing argument ({@code durable}, {@code x-queue-type}, ...)
 * @param entity   {@code exchange} or {@code queue}
 * @param name     the entity's name
 * @param received the value this side sent
 * @param current  the value the broker holds
 */
public record InequivalentArg(String argument, String entity, String name, String received, String current) {
    private static final Pattern INEQUIVALENT = Pattern.compile(
            "inequivalent arg '([^']+)' for (exchange|queue) '((?:[^']|'(?! in vhost))*)' in vhost '[^']*': "
                    + "received (.+?) but current is (.+)$");
    private static final Pattern TYPED = Pattern.compile("^the value '(.*)' of type '[^']*'$");

    /** The difference a 406 reply text names, or null when it is not an "inequivalent arg" refusal. */
    public static InequivalentArg parse(String replyText) {
        if (replyText == null) {
            return null;
        }
        Matcher m = INEQUIVALENT.matcher(replyText.strip());
        if (!m.find()) {
            return null;
        }
        return new InequivalentArg(m.group(1), m.group(2), m.group(3), value(m.group(4)), value(m.group(5)));
    }

    /** {@code 'true'} -> true; {@code the value '1800000' of type 'signedint'} -> 1800000; {@code none} -> none. */
    static String value(String v) {
        String t = v.strip();
        Matcher typed = TYPED.matcher(t);
        if (typed.matches()) {
            return typed.group(1);
        }
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.equals("the correct value")) {
            return "(what was sent)";
        }
        return t;
    }
}
