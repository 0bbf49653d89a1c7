package io.osloscope.engine.sniff;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.sniff.Goldens.Golden;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds 120,000 seeded mutations of the golden messages (byte flips, truncation, splices, JSON-aware
 * token swaps, deep nesting, odd properties) to the decoder: it must return a message for each, never throw, and its ingest fast
 * path ({@code summarize}) must agree with the full decode every time.
 */
class OsloDecoderFuzzTest {
    private static final long SEED = 0x05_10_5C_0DEL;
    private static final int ITERATIONS = 120_000;
    private static final String[] TOKENS = {"null", "true", "false", "{", "}", "[", "]", "\"", "\\", "\\\"",
            "\\\\\\\"", ":", ",", "NaN", "-Infinity", "1e999", "\\u0000", "\\ud800", "\u00e9", "\"oslo.message\"",
            "\"_msg_id\"", "\"failure\"", "\"ending\"", "\"method\"", "\"event_type\"", "{\"a\":", "0x1f"};

    private final OsloDecoder decoder = new OsloDecoder(64 << 10, 2048, false);

    @Test
    void theDecoderSurvivesOneHundredTwentyThousandMutatedGoldenMessages() {
        List<Golden> goldens = Goldens.all();
        SplittableRandom rnd = new SplittableRandom(SEED);
        Map<MessageKind, Integer> kinds = new EnumMap<>(MessageKind.class);
        for (int i = 0; i < ITERATIONS; i++) {
            Golden g = goldens.get(rnd.nextInt(goldens.size()));
            Golden other = goldens.get(rnd.nextInt(goldens.size()));
            byte[] body = mutate(g.body(), other.body(), rnd);
            MessageProperties props = mutateProps(g.properties(), rnd);
            DecodedMessage m;
            String exchange = rnd.nextInt(10) == 0 ? null : g.exchange();
            try {
                m = decoder.decode(props, body, exchange, g.routingKey());
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + SEED + ", golden " + g.name() + ") threw " + t, t);
                return;
            }
            assertNotNull(m.kind(), "iteration " + i);
            assertEquals(body == null ? 0 : body.length, m.size(), "iteration " + i);
            MessageSummary fast;
            try {
                fast = decoder.summarize(props, body, exchange, g.routingKey());
            } catch (Throwable t) {
                fail("iteration " + i + " summarize threw " + t, t);
                return;
            }
            assertEquals(m.summary(), fast, "iteration " + i + ": the fast path must agree with the full decoder");
            if (m.problem() != null && m.problem().startsWith("decoder error")) {
                fail("iteration " + i + " hit the decoder's last-resort guard: " + m.problem());
            }
            kinds.merge(m.kind(), 1, Integer::sum);
        }
        // The mutations are mild often enough that decodable oslo messages survive among the wreckage.
        assertTrue(kinds.getOrDefault(MessageKind.OTHER, 0) > ITERATIONS / 10, kinds.toString());
        assertTrue(kinds.getOrDefault(MessageKind.CALL, 0) > 100, kinds.toString());
        assertTrue(kinds.getOrDefault(MessageKind.REPLY, 0) + kinds.getOrDefault(MessageKind.FAILURE_REPLY, 0) > 100,
                kinds.toString());
    }

    private static byte[] mutate(byte[] body, byte[] other, SplittableRandom rnd) {
        byte[] b = body.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (rnd.nextInt(9)) {
                case 0 -> { // flip bytes
                    for (int k = 0, n = 1 + rnd.nextInt(8); k < n && b.length > 0; k++) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length)); // truncate
                case 2 -> { // splice another golden in
                    int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                    int from = rnd.nextInt(other.length);
                    b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, from, other.length));
                }
                case 3 -> b = insert(b, TOKENS[rnd.nextInt(TOKENS.length)], rnd); // JSON-ish token
                case 4 -> b = replaceFirst(b, "\"ending\\\\\": true", "\"ending\\\\\": " + TOKENS[rnd.nextInt(TOKENS.length)]);
                case 5 -> b = replaceFirst(b, "oslo.version\": \"2.0\"", "oslo.version\": " + pick(rnd, "\"3.0\"", "2", "null", "\"2.0.1\"", "[]"));
                case 6 -> { // deep nesting
                    int depth = 1 + rnd.nextInt(400);
                    b = concat(("[".repeat(depth)).getBytes(StandardCharsets.UTF_8), b);
                }
                case 7 -> { // delete a range
                    if (b.length > 2) {
                        int from = rnd.nextInt(b.length - 1);
                        int to = from + 1 + rnd.nextInt(Math.min(64, b.length - from - 1) + 1);
                        b = concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, Math.min(to, b.length), b.length));
                    }
                }
                default -> { // leave it, or make it empty or huge-ish
                    int p = rnd.nextInt(20);
                    if (p == 0) {
                        b = new byte[0];
                    } else if (p == 1) {
                        b = concat(b, new byte[70_000]);
                    }
                }
            }
        }
        return b;
    }

    private static MessageProperties mutateProps(MessageProperties p, SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> MessageProperties.EMPTY;
            case 1 -> p.withContentType("text/plain");
            case 2 -> p.withExpiration("not-a-number");
            case 3 -> p.withHeaders(Map.of("compression", pick(rnd, "gzip", "bz2", "application/x-gzip")));
            case 4 -> null;
            default -> p;
        };
    }

    private static String pick(SplittableRandom rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static byte[] insert(byte[] b, String token, SplittableRandom rnd) {
        int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
        return concat(concat(Arrays.copyOf(b, at), token.getBytes(StandardCharsets.UTF_8)),
                Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] replaceFirst(byte[] b, String what, String with) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.replaceFirst(java.util.regex.Pattern.quote(what), java.util.regex.Matcher.quoteReplacement(with))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
