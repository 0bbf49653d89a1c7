package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.TransportConnectionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream queues ({@code x-queue-type: stream}) through AMQP 0-9-1: an append-only log each consumer reads from its
 * own offset, without removing, with a prefetch and manual acks. Facts checked on RabbitMQ 3.10.8 and 4.0.5; where
 * those two answer differently the assertion depends on {@link #version()}. The message count a declare reports for
 * a stream is not asserted: RabbitMQ's lags behind publishing by seconds.
 */
public abstract class AbstractStreamConformanceTest extends ConformanceSupport {

    private boolean fourOh() {
        return version().atLeast(RabbitVersion.V4_0);
    }

    protected String stream(String base, Object... extraArgs) {
        Map<String, Object> a = args(extraArgs);
        a.put("x-queue-type", "stream");
        return queue(new QueueSpec(unique(base), true, false, false, a));
    }

    /** Publishes with a pause after each, so that every message is a chunk of its own on RabbitMQ too. */
    private void append(String stream, String... bodies) {
        for (String b : bodies) {
            publish("", stream, b);
            sleep(60);
        }
    }

    private static ConsumeOptions from(Object offset, int prefetch) {
        return new ConsumeOptions(null, false, prefetch, false, offset == null ? Map.of() : Map.of("x-stream-offset", offset));
    }

    private static long offsetOf(Delivery d) {
        Object v = d.properties().headers().get("x-stream-offset");
        assertTrue(v instanceof Long, () -> "x-stream-offset header is a long, got " + v);
        return (Long) v;
    }

    @Test
    void streamDeliversFromFirstWithEachMessagesOffsetAsALongHeader() {
        String s = stream("s");
        append(s, "m0", "m1", "m2");
        Collector c = new Collector();
        conn.consume(s, from("first", 10), c);
        List<String> bodies = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Delivery d = c.next();
            bodies.add(text(d.body()));
            offsets.add(offsetOf(d));
            assertFalse(d.redelivered());
            d.ack();
        }
        assertEquals(List.of("m0", "m1", "m2"), bodies);
        assertEquals(List.of(0L, 1L, 2L), offsets);
    }

    @Test
    void streamReadingRemovesNothingSoEveryConsumerReadsEverything() {
        String s = stream("s");
        append(s, "a", "b");
        Collector first = new Collector();
        conn.consume(s, from("first", 10), first);
        first.next().ack();
        first.next().ack();
        Collector second = new Collector();
        connect("second").consume(s, from("first", 10), second);
        assertEquals(List.of("a", "b"), second.bodies(2));
        assertEquals(0, conn.declareQueuePassive(s).consumerCount(), "a stream reports no consumers, even with two");
    }

    @Test
    void streamFromLastStartsAtTheNewestMessageSoARestartedServerGetsItAgain() {
        String s = stream("s");
        append(s, "fanout-1", "fanout-2", "fanout-3");
        for (int restart = 0; restart < 2; restart++) {
            BrokerConnection server = connect("server-" + restart);
            Collector c = new Collector();
            server.consume(s, from("last", 1), c);
            Delivery d = c.next();
            assertEquals("fanout-3", text(d.body()));
            assertEquals(2L, offsetOf(d));
            d.ack();
            c.assertNothingWithin(Duration.ofMillis(300));
            server.close();
        }
    }

    @Test
    void streamFromNextOrWithoutOffsetSeesOnlyLaterMessages() {
        String s = stream("s");
        append(s, "old");
        Collector next = new Collector();
        Collector plain = new Collector();
        conn.consume(s, from("next", 5), next);
        conn.consume(s, from(null, 5), plain);
        next.assertNothingWithin(Duration.ofMillis(300));
        append(s, "new");
        Delivery d = next.next();
        assertEquals("new", text(d.body()));
        assertEquals(1L, offsetOf(d));
        assertEquals("new", plain.nextBody());
    }

    @Test
    void streamFromANumericOffsetStartsThere() {
        String s = stream("s");
        append(s, "m0", "m1", "m2", "m3");
        Collector asLong = new Collector();
        Collector asInt = new Collector();
        conn.consume(s, from(2L, 10), asLong);
        conn.consume(s, from(3, 10), asInt);
        assertEquals(List.of("m2", "m3"), asLong.bodies(2));
        assertEquals(List.of("m3"), asInt.bodies(1));
        asInt.assertNothingWithin(Duration.ofMillis(200));
    }

    @Test
    void streamFromATimestampStartsAtTheFirstMessageOfThatSecond() {
        String s = stream("s");
        append(s, "before");
        sleep(2100);
        Date mid = new Date();
        append(s, "after");
        Collector c = new Collector();
        conn.consume(s, from(mid, 10), c);
        Delivery d = c.next();
        assertEquals("after", text(d.body()));
        assertEquals(1L, offsetOf(d));
        c.assertNothingWithin(Duration.ofMillis(300));
        Collector future = new Collector();
        conn.consume(s, from(new Date(System.currentTimeMillis() + 60_000), 10), future);
        future.assertNothingWithin(Duration.ofMillis(300));
        Collector past = new Collector();
        conn.consume(s, from(new Date(System.currentTimeMillis() - 60_000), 10), past);
        assertEquals(List.of("before", "after"), past.bodies(2));
    }

    @Test
    void streamPrefetchBoundsUnackedDeliveriesAndAnAckOnlyReturnsCredit() {
        String s = stream("s");
        append(s, "m0", "m1", "m2", "m3", "m4");
        Collector c = new Collector();
        conn.consume(s, from("first", 2), c);
        Delivery d0 = c.next();
        Delivery d1 = c.next();
        c.assertNothingWithin(Duration.ofMillis(300));
        d0.ack();
        assertEquals("m2", c.nextBody());
        c.assertNothingWithin(Duration.ofMillis(200));
        d1.ackMultiple();
        assertEquals("m3", c.nextBody());
        Collector again = new Collector();
        connect("again").consume(s, from("first", 10), again);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), again.bodies(5), "acks removed nothing");
    }

    @Test
    void streamConsumersKeepTheirOwnPositions() {
        String s = stream("s");
        append(s, "m0", "m1", "m2");
        Collector a = new Collector();
        Collector b = new Collector();
        conn.consume(s, from("first", 10), a);
        conn.consume(s, from(1L, 10), b);
        assertEquals(List.of("m0", "m1", "m2"), a.bodies(3));
        assertEquals(List.of("m1", "m2"), b.bodies(2));
        append(s, "m3");
        assertEquals("m3", a.nextBody());
        assertEquals("m3", b.nextBody());
    }

    @Test
    void streamConsumeWithoutPrefetchIsRefusedOnTheChannel() {
        String s = stream("s");
        String rs = "queue '" + s + "' in vhost '/'";
        assertAmqpError(406, "PRECONDITION_FAILED - consumer prefetch count is not set for "
                        + (fourOh() ? "stream " + rs : "'" + rs + "'"),
                () -> conn.consume(s, from("first", 0), new Collector()));
        assertTrue(conn.isOpen(), "a channel error leaves the connection open");
        assertEquals(s, conn.declareQueuePassive(s).name());
    }

    @Test
    void streamConsumeWithAutoAckClosesTheConnectionWith540() {
        String s = stream("s");
        assertAmqpError(540, "NOT_IMPLEMENTED - automatic acknowledgement not supported by stream "
                        + (fourOh() ? "" : "queues ") + "queue '" + s + "' in vhost '/'",
                () -> conn.consume(s, new ConsumeOptions(null, true, 10, false, Map.of()), new Collector()));
        eventually(Duration.ofSeconds(5), "connection closed", () -> !conn.isOpen());
    }

    @Test
    void streamBasicGetIsNotImplementedAndClosesTheConnection() {
        String s = stream("s");
        append(s, "m0");
        assertAmqpError(540, "NOT_IMPLEMENTED - basic.get not supported by stream queues queue '" + s
                + "' in vhost '/'", () -> conn.get(s, false));
        eventually(Duration.ofSeconds(5), "connection closed", () -> !conn.isOpen());
        assertThrows(TransportConnectionException.class, () -> conn.declareQueuePassive(s));
    }

    @Test
    void streamPurgeIsNotImplementedAndClosesTheConnection() {
        String s = stream("s");
        append(s, "m0");
        assertAmqpError(540, "NOT_IMPLEMENTED - queue.purge not supported by stream queues queue '" + s
                + "' in vhost '/'", () -> conn.purgeQueue(s));
        eventually(Duration.ofSeconds(5), "connection closed", () -> !conn.isOpen());
        Collector c = new Collector();
        connect("after").consume(s, from("first", 1), c);
        assertEquals("m0", c.nextBody(), "nothing was purged");
    }

    @Test
    void streamNackIsAnAckOn4ButClosesTheConnectionOn310() {
        String s = stream("s");
        append(s, "m0", "m1", "m2");
        BrokerConnection reader = connect("reader");
        Collector c = new Collector();
        reader.consume(s, from("first", 1), c);
        c.next().nack(true);
        if (fourOh()) {
            Delivery d = c.next();
            assertEquals("m1", text(d.body()), "credit returned, nothing requeued");
            assertFalse(d.redelivered());
            d.reject(true);
            assertEquals("m2", c.nextBody());
        } else {
            eventually(Duration.ofSeconds(5), "connection closed (540)", () -> !reader.isOpen());
        }
    }

    @Test
    void streamOffsetRabbitCannotReadClosesTheConnectionWith541() {
        String s = stream("s");
        // The refusal answers the consume (a broker's refusal, not an outage: exit 5 in the CLI), and the broker takes
        // the whole connection with it: the next call fails as closed.
        AmqpException e = assertAmqpError(541, null, () -> conn.consume(s, from("junk", 10), new Collector()));
        assertTrue(e.replyText().startsWith("INTERNAL_ERROR"), e.replyText());
        eventually(Duration.ofSeconds(5), "connection closed", () -> !conn.isOpen());
        assertThrows(TransportConnectionException.class, () -> conn.declareQueuePassive(s));
    }

    @Test
    void streamMaxAgeTakesRabbitsUnitsAndRefusesOthers() {
        String ok = stream("age", "x-max-age", "7D");
        assertEquals(ok, conn.declareQueuePassive(ok).name());
        stream("age", "x-max-age", "1800s");
        String bad = unique("age");
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-max-age' for queue '" + bad + "' in vhost '/': invalid_max_age",
                () -> conn.declareQueue(new QueueSpec(bad, true, false, false,
                        args("x-queue-type", "stream", "x-max-age", "7X"))));
        BrokerConnection other = connect("other");
        String number = unique("age");
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-max-age' for queue '" + number
                        + "' in vhost '/': {unacceptable_type,signedint}",
                () -> other.declareQueue(new QueueSpec(number, true, false, false,
                        args("x-queue-type", "stream", "x-max-age", 10))));
    }

    @Test
    void streamDeliveryKeepsThePublishersPropertiesBesideTheOffset() {
        String s = stream("s");
        conn.publish("", s, false, MessageProperties.EMPTY.withContentType("application/json")
                .withHeaders(Map.of("k", "v")), utf8("{}"));
        Collector c = new Collector();
        connect("reader").consume(s, from("first", 1), c);
        Delivery d = c.next();
        assertEquals("application/json", d.properties().contentType());
        assertEquals("v", d.properties().headers().get("k"));
        assertEquals(0L, offsetOf(d));
        assertEquals(s, d.routingKey());
        assertEquals("", d.exchange());
    }
}
