package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.ReturnedMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which queues a message reaches, for every exchange type, and what comes back when none. */
public abstract class AbstractRoutingConformanceTest extends ConformanceSupport {

    /** Publishes one message per key (the body is the key) and returns, per queue, the bodies it holds in order. */
    private Map<String, List<String>> received(String exchange, List<String> queues, List<String> keys) {
        for (String k : keys) {
            publish(exchange, k, "<" + k + ">");
        }
        return drain(queues);
    }

    private Map<String, List<String>> drain(List<String> queues) {
        sleep(150);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String q : queues) {
            int n = ready(q);
            Collector c = new Collector();
            var handle = conn.consume(q, ConsumeOptions.autoAcking(), c);
            out.put(q, n == 0 ? List.of() : c.bodies(n));
            handle.cancel();
        }
        return out;
    }

    @Test
    void theDefaultExchangeRoutesByQueueName() {
        String a = queue("a");
        String b = queue("b");
        publish("", a, "for a");
        publish("", unique("nobody"), "dropped");
        assertEquals(Map.of(a, List.of("for a"), b, List.of()), drain(List.of(a, b)));
    }

    @Test
    void aDirectExchangeRoutesOnExactKeysOnly() {
        String x = exchange("direct", ExchangeType.DIRECT);
        String q1 = queue("q1");
        String q2 = queue("q2");
        conn.bind(q1, x, "compute", Map.of());
        conn.bind(q2, x, "compute.host1", Map.of());
        conn.bind(q2, x, "compute", Map.of());
        Map<String, List<String>> got = received(x, List.of(q1, q2), List.of("compute", "compute.host1", "Compute", "compute.*", ""));
        assertEquals(List.of("<compute>"), got.get(q1));
        assertEquals(List.of("<compute>", "<compute.host1>"), got.get(q2), "a queue bound twice gets one copy");
    }

    @Test
    void aFanoutExchangeIgnoresTheKey() {
        String x = exchange("fanout", ExchangeType.FANOUT);
        String q1 = queue("q1");
        String q2 = queue("q2");
        conn.bind(q1, x, "", Map.of());
        conn.bind(q2, x, "whatever", Map.of());
        Map<String, List<String>> got = received(x, List.of(q1, q2), List.of("a", ""));
        assertEquals(List.of("<a>", "<>"), got.get(q1));
        assertEquals(List.of("<a>", "<>"), got.get(q2));
    }

    /** Pattern → keys it must match, among KEYS. Worked out by hand from RabbitMQ's topic rules. */
    private static final List<String> KEYS = List.of("", "a", "b", "a.b", "a.b.c", "a.", ".", "a..b", "a.x.b", "a.x.y.b",
            "b.a", "compute", "compute.host1", "a*", "ab");

    private static final Map<String, List<String>> TOPIC_CASES = new TreeMap<>(Map.ofEntries(
            Map.entry("a.*", List.of("a.b", "a.")),
            Map.entry("a.#", List.of("a", "a.b", "a.b.c", "a.", "a..b", "a.x.b", "a.x.y.b")),
            Map.entry("#", KEYS),
            Map.entry("*", List.of("a", "b", "compute", "a*", "ab")),
            Map.entry("a.#.b", List.of("a.b", "a..b", "a.x.b", "a.x.y.b")),
            Map.entry("#.#", KEYS),
            Map.entry("a..b", List.of("a..b")),
            Map.entry("*.*", List.of("a.b", "a.", ".", "b.a", "compute.host1")),
            Map.entry("#.b", List.of("b", "a.b", "a..b", "a.x.b", "a.x.y.b")),
            Map.entry("a.*.#", List.of("a.b", "a.b.c", "a.", "a..b", "a.x.b", "a.x.y.b")),
            Map.entry("*.#.*", List.of("a.b", "a.b.c", "a.", ".", "a..b", "a.x.b", "a.x.y.b", "b.a", "compute.host1")),
            Map.entry("compute", List.of("compute")),
            Map.entry("compute.*", List.of("compute.host1")),
            Map.entry("a*", List.of("a*")),
            Map.entry("#.a.#", List.of("a", "a.b", "a.b.c", "a.", "a..b", "a.x.b", "a.x.y.b", "b.a"))));

    @Test
    void topicPatternsMatchWordsExactlyAsRabbitMQ() {
        String x = exchange("topic", ExchangeType.TOPIC);
        Map<String, String> queueOf = new LinkedHashMap<>();
        for (String pattern : TOPIC_CASES.keySet()) {
            String q = queue("t");
            queueOf.put(pattern, q);
            conn.bind(q, x, pattern, Map.of());
        }
        Map<String, List<String>> got = received(x, new ArrayList<>(queueOf.values()), KEYS);
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> actual = new TreeMap<>();
        TOPIC_CASES.forEach((pattern, keys) -> {
            expected.put(pattern, keys.stream().map(k -> "<" + k + ">").toList());
            actual.put(pattern, got.get(queueOf.get(pattern)));
        });
        assertEquals(expected, actual);
    }

    @Test
    void anEmptyBindingKeyOnATopicExchangeMatchesOnlyTheEmptyKey() {
        String x = exchange("topic", ExchangeType.TOPIC);
        String q = queue("q");
        conn.bind(q, x, "", Map.of());
        assertEquals(List.of("<>"), received(x, List.of(q), List.of("", "a", ".")).get(q));
    }

    @Test
    void aTopicKeyWithThreeHashWordsIsBoundBefore43AndRefusedFrom43() {
        String x = exchange("topic", ExchangeType.TOPIC);
        String q = queue("q");
        conn.bind(q, x, "#.a.#", Map.of());
        if (version().atLeast(io.osloscope.engine.broker.RabbitVersion.V4_3)) {
            assertAmqpError(406, "PRECONDITION_FAILED - Topic binding key '#.#.#' uses 3 '#' wildcards, at most 2 are"
                    + " allowed", () -> conn.bind(q, x, "#.#.#", Map.of()));
        } else {
            conn.bind(q, x, "#.#.#", Map.of());
            assertEquals(List.of("<a.b>"), received(x, List.of(q), List.of("a.b")).get(q));
        }
    }

    @Test
    void aHeadersExchangeMatchesAllOrAnyIgnoringXArguments() {
        String x = exchange("headers", ExchangeType.HEADERS);
        String all = queue("all");
        String any = queue("any");
        String none = queue("empty-all");
        conn.bind(all, x, "", args("x-match", "all", "format", "json", "version", 2));
        conn.bind(any, x, "", args("x-match", "any", "format", "json", "version", 2, "x-ignored", "yes"));
        conn.bind(none, x, "", args("x-match", "all"));
        publishWithHeaders(x, "both", Map.of("format", "json", "version", 2));
        publishWithHeaders(x, "format-only", Map.of("format", "json"));
        publishWithHeaders(x, "wrong-value", Map.of("format", "xml", "version", 2L));
        publishWithHeaders(x, "nothing", Map.of("other", "x"));
        publishWithHeaders(x, "x-header-only", Map.of("x-ignored", "yes"));
        Map<String, List<String>> got = drain(List.of(all, any, none));
        assertEquals(List.of("both"), got.get(all));
        assertEquals(List.of("both", "format-only", "wrong-value"), got.get(any));
        assertEquals(List.of("both", "format-only", "wrong-value", "nothing", "x-header-only"), got.get(none));
    }

    @Test
    void withXVariantsOfXMatchAlsoMatchXHeaders() {
        String x = exchange("headers", ExchangeType.HEADERS);
        String all = queue("all-with-x");
        String any = queue("any-with-x");
        conn.bind(all, x, "", args("x-match", "all-with-x", "x-kind", "a", "n", 1));
        conn.bind(any, x, "", args("x-match", "any-with-x", "x-kind", "a", "n", 1));
        publishWithHeaders(x, "both", Map.of("x-kind", "a", "n", 1));
        publishWithHeaders(x, "x-only", Map.of("x-kind", "a"));
        publishWithHeaders(x, "neither", Map.of("x-kind", "b"));
        Map<String, List<String>> got = drain(List.of(all, any));
        assertEquals(List.of("both"), got.get(all));
        assertEquals(List.of("both", "x-only"), got.get(any));
    }

    private void publishWithHeaders(String x, String body, Map<String, Object> headers) {
        conn.publish(x, "", false, MessageProperties.EMPTY.withHeaders(headers), utf8(body));
    }

    @Test
    void anUnroutableMandatoryMessageComesBackToTheReturnListener() throws InterruptedException {
        LinkedBlockingQueue<ReturnedMessage> returned = new LinkedBlockingQueue<>();
        conn.addReturnListener(returned::add);
        String x = exchange("direct", ExchangeType.DIRECT);
        String q = queue("q");
        conn.bind(q, x, "routed", Map.of());
        conn.publish(x, "routed", true, MessageProperties.EMPTY, utf8("kept"));
        conn.publish(x, "unroutable", false, MessageProperties.EMPTY, utf8("silently dropped"));
        conn.publish(x, "unroutable", true, MessageProperties.EMPTY.withCorrelationId("c-1"), utf8("back"));
        ReturnedMessage r = returned.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "returned message");
        assertEquals(312, r.replyCode());
        assertEquals("NO_ROUTE", r.replyText());
        assertEquals(x, r.exchange());
        assertEquals("unroutable", r.routingKey());
        assertEquals("c-1", r.properties().correlationId());
        assertEquals("back", text(r.body()));
        assertNull(returned.poll(200, TimeUnit.MILLISECONDS), "only the mandatory unroutable one comes back");
        assertEquals(1, ready(q));
    }

    @Test
    void propertiesAndBodyArriveUnchanged() {
        String q = queue("q");
        MessageProperties props = new MessageProperties("application/json", "utf-8", Map.of("k", "v", "n", 7),
                2, null, "corr", "reply-q", null, "mid", Instant.ofEpochSecond(1_700_000_000L), "t", null, "app");
        byte[] body = utf8("{\"oslo.version\": \"2.0\"}");
        conn.publish("", q, false, props, body);
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        Delivery d = c.next();
        assertArrayEquals(body, d.body());
        assertEquals("", d.exchange());
        assertEquals(q, d.routingKey());
        assertEquals(q, d.queue());
        MessageProperties p = d.properties();
        assertEquals("application/json", p.contentType());
        assertEquals("utf-8", p.contentEncoding());
        assertEquals("v", String.valueOf(p.headers().get("k")));
        assertEquals(7, ((Number) p.headers().get("n")).intValue());
        assertEquals(2, p.deliveryMode());
        assertEquals("corr", p.correlationId());
        assertEquals("reply-q", p.replyTo());
        assertEquals("mid", p.messageId());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), p.timestamp());
        assertEquals("t", p.type());
        assertEquals("app", p.appId());
        c.assertNothingWithin(Duration.ofMillis(50));
    }
}
