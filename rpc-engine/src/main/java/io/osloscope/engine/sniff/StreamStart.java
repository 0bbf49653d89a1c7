package io.osloscope.engine.sniff;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the sniffer starts reading {@code <topic>_fanout} streams ({@code --stream-from}): {@code first} (all the
 * stream retains), {@code last} (from the newest chunk), an ISO-8601 instant, or a duration back from now
 * ({@code 30m}, {@code 2h}, {@code 90s}, {@code 1d}). Reading a stream is not consuming: each reader has its own
 * offset and the broker removes nothing for it.
 *
 * @param position "first", "last", or null when {@code since} or {@code back} is set
 */
public record StreamStart(String position, Instant since, Duration back) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    public static StreamStart parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("first") || s.equals("last")) {
            return new StreamStart(s, null, null);
        }
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new StreamStart(null, null, d);
        }
        try {
            return new StreamStart(null, Instant.parse(text.trim()), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--stream-from must be first, last, a time such as "
                    + "2026-05-01T10:00:00Z or a duration back from now such as 30m, 2h, 90s, got '" + text + "'");
        }
    }

    /**
     * The {@code x-stream-offset} consumer argument: "first" or "last" as text, a time as an AMQP timestamp
     * (whole seconds; the broker starts at the first chunk written at or after it).
     */
    public Object offsetArgument(Instant now) {
        if (position != null) {
            return position;
        }
        Instant at = since != null ? since : now.minus(back);
        return Date.from(at);
    }

    @Override
    public String toString() {
        return position != null ? position : since != null ? since.toString() : back.toString();
    }
}
