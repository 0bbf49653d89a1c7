package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.error.AmqpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quorum queues and the declare rules of queue types, as RabbitMQ 3.10.8 and 4.0.5 behave (measured): what a
 * quorum or stream declare must be, how a redeclare compares {@code x-queue-type}, redeliveries counted in
 * {@code x-delivery-count}, the delivery limit (none by default before 4.0, 20 from 4.0), and dead-lettering with
 * {@code x-death}. Assertions that differ between releases ask {@link #version()}.
 */
public abstract class AbstractQuorumConformanceTest extends ConformanceSupport {

    private static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");

    /** True when the broker refuses non-durable, non-exclusive queues (upstream 4.3); a real broker says itself. */
    protected boolean refusesTransientQueues() {
        return version().atLeast(RabbitVersion.V4_3);
    }

    /**
     * Where dead letters go: a durable classic queue, which every release takes (upstream 4.3 refuses a transient
     * non-exclusive one); the dead-lettering does not depend on the target's durability.
     */
    private String deadLetterQueue() {
        return queue(QueueSpec.named(unique("dlq")).withDurable(true));
    }

    private String quorum(String base, Object... moreArgs) {
        Map<String, Object> a = args(moreArgs);
        a.put("x-queue-type", "quorum");
        return queue(QueueSpec.named(unique(base)).withDurable(true).withArguments(a));
    }

    private static String rs(String q) {
        return "queue '" + q + "' in vhost '/'";
    }

    // ---- declare rules ----------------------------------------------------------------------------

    @Test
    void quorumAndStreamDeclaresMustBeDurableNotExclusiveNotAutoDelete() {
        for (String type : List.of("quorum", "stream")) {
            String q = unique("typed");
            track(q);
            Map<String, Object> a = Map.of("x-queue-type", type);
            if (!refusesTransientQueues()) {
                assertAmqpError(406, "PRECONDITION_FAILED - invalid property 'non-durable' for " + rs(q),
                        () -> connect("nondurable").declareQueue(QueueSpec.named(q).withArguments(a)));
            }
            assertAmqpError(406, "PRECONDITION_FAILED - invalid property 'exclusive-owner' for " + rs(q),
                    () -> connect("exclusive").declareQueue(QueueSpec.named(q).withDurable(true).withExclusive(true)
                            .withArguments(a)));
            assertAmqpError(406, "PRECONDITION_FAILED - invalid property 'auto-delete' for " + rs(q),
                    () -> connect("autodelete").declareQueue(QueueSpec.named(q).withDurable(true).withAutoDelete(true)
                            .withArguments(a)));
            assertAmqpError(406, "PRECONDITION_FAILED - invalid property 'exclusive-owner' for " + rs(q),
                    () -> connect("exclusive-transient").declareQueue(QueueSpec.named(q).withExclusive(true)
                            .withArguments(a)));
        }
    }

    @Test
    void quorumSuiteUnknownOrMistypedQueueTypeIsRefused() {
        String q = unique("badtype");
        track(q);
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-queue-type' for " + rs(q)
                        + ": \"unsupported queue type 'fifo'\"",
                () -> connect("bad").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(Map.of("x-queue-type", "fifo"))));
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-queue-type' for " + rs(q)
                        + ": {unacceptable_type,signedint}",
                () -> connect("bad").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(Map.of("x-queue-type", 5))));
    }

    @Test
    void quorumAndStreamQueuesCannotBeServerNamed() {
        assertAmqpError(406, "PRECONDITION_FAILED - Cannot declare a server-named queue for type rabbit_quorum_queue",
                () -> conn.declareQueue(QueueSpec.named("").withDurable(true).withArguments(QUORUM)));
        assertAmqpError(406, "PRECONDITION_FAILED - Cannot declare a server-named queue for type rabbit_stream_queue",
                () -> connect("stream").declareQueue(QueueSpec.named("").withDurable(true)
                        .withArguments(Map.of("x-queue-type", "stream"))));
    }

    @Test
    void quorumRefusesClassicArgumentsAndClassicAndStreamRefuseQuorumOnes() {
        String q = unique("args");
        track(q);
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-max-priority' for " + rs(q)
                        + " of queue type rabbit_quorum_queue",
                () -> connect("q").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(args("x-queue-type", "quorum", "x-max-priority", 5))));
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-delivery-limit' for " + rs(q)
                        + " of queue type rabbit_classic_queue",
                () -> connect("c").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(Map.of("x-delivery-limit", 5))));
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-message-ttl' for " + rs(q)
                        + " of queue type rabbit_stream_queue",
                () -> connect("s").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(Map.of("x-queue-type", "stream", "x-message-ttl", 5))));
        assertAmqpError(406, "PRECONDITION_FAILED - invalid arg 'x-dead-letter-routing-key' for " + rs(q)
                        + ": routing_key_but_no_dlx_defined",
                () -> connect("c").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(Map.of("x-queue-type", "quorum", "x-dead-letter-routing-key", "k"))));
    }

    @Test
    void quorumRedeclareComparesQueueTypeAsTheReleaseDoes() {
        String q = quorum("redeclare");
        assertEquals(0, conn.declareQueue(QueueSpec.named(q).withDurable(true).withArguments(QUORUM)).messageCount());
        String received = version().atLeast(RabbitVersion.V4_0) ? "'classic'" : "none";
        String current = version().atLeast(RabbitVersion.V4_0) ? "'quorum'" : "the value 'quorum' of type 'longstr'";
        assertAmqpError(406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for " + rs(q) + ": received "
                + received + " but current is " + current, () -> connect("bare").declareQueue(
                QueueSpec.named(q).withDurable(true)));
        assertAmqpError(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for " + rs(q)
                        + ": received 'false' but current is 'true'",
                () -> connect("transient").declareQueue(QueueSpec.named(q).withArguments(QUORUM)));
        assertAmqpError(406, "PRECONDITION_FAILED - inequivalent arg 'x-delivery-limit' for " + rs(q)
                        + ": received the value '5' of type 'signedint' but current is none",
                () -> connect("limit").declareQueue(QueueSpec.named(q).withDurable(true)
                        .withArguments(args("x-queue-type", "quorum", "x-delivery-limit", 5))));
    }

    @Test
    void quorumTypeAgainstAClassicQueueIsInequivalentAndExplicitClassicIsTheDefault() {
        String c = queue(QueueSpec.named(unique("classic")).withDurable(true));
        conn.declareQueue(QueueSpec.named(c).withDurable(true).withArguments(Map.of("x-queue-type", "classic")));
        conn.declareQueue(QueueSpec.named(c).withDurable(true));
        String received = version().atLeast(RabbitVersion.V4_0) ? "'quorum'" : "the value 'quorum' of type 'longstr'";
        String current = version().atLeast(RabbitVersion.V4_0) ? "'classic'" : "none";
        assertAmqpError(406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for " + rs(c) + ": received "
                + received + " but current is " + current, () -> connect("quorum").declareQueue(
                QueueSpec.named(c).withDurable(true).withArguments(QUORUM)));
    }

    @Test
    void transientQueueDeclareOnAQuorumEraBrokerFollowsItsRelease() {
        String q = unique("transient");
        track(q);
        BrokerConnection c = connect("transient");
        if (refusesTransientQueues()) {
            AmqpException e = assertAmqpError(541, null, () -> c.declareQueue(QueueSpec.named(q)));
            assertTrue(e.replyText().startsWith("INTERNAL_ERROR - Feature `transient_nonexcl_queues` is deprecated."),
                    e.replyText());
            assertFalse(c.isOpen(), "541 closes the whole connection");
        } else {
            assertEquals(q, c.declareQueue(QueueSpec.named(q)).name());
            assertTrue(c.isOpen());
        }
    }

    // ---- redelivery counting and the delivery limit -------------------------------------------------

    @Test
    void quorumRedeliveriesCarryTheDeliveryCount() {
        String q = quorum("count");
        publish("", q, "m");
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        Delivery first = got.next();
        assertFalse(first.redelivered());
        assertNull(headers(first).get("x-delivery-count"), "a consumer's first delivery carries no count");
        first.nack(true);
        Delivery second = got.next();
        assertTrue(second.redelivered());
        if (version().atLeast(RabbitVersion.V4_3)) {
            // 4.3 holds a nack with requeue against nothing: acquired once more, no failed delivery counted
            assertEquals(1L, headers(second).get("x-acquired-count"));
            assertNull(headers(second).get("x-delivery-count"));
        } else {
            assertEquals(1L, headers(second).get("x-delivery-count"));
        }
        second.reject(true);
        Delivery third = got.next();
        assertEquals(version().atLeast(RabbitVersion.V4_3) ? 1L : 2L, headers(third).get("x-delivery-count"),
                "a reject with requeue counts on every release");
        if (version().atLeast(RabbitVersion.V4_3)) {
            assertEquals(2L, headers(third).get("x-acquired-count"));
        }
        assertEquals("m", text(third.body()));
        third.ack();
    }

    @Test
    void quorumConsumerThatGoesAwayCountsAsADelivery() {
        String q = quorum("goes-away", "x-delivery-limit", 1);
        publish("", q, "m");
        for (int i = 0; i < 2; i++) {
            BrokerConnection c = connect("leaves-" + i);
            Collector got = new Collector();
            c.consume(q, ConsumeOptions.manualAck(1), got);
            assertEquals("m", got.nextBody());
            c.close();
        }
        awaitReady(q, 0);
        Collector after = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), after);
        after.assertNothingWithin(Duration.ofMillis(300));
    }

    @Test
    void quorumDeliveryLimitDeadLettersWithXDeath() {
        String dlx = exchange("dlx", ExchangeType.FANOUT);
        String dlq = deadLetterQueue();
        conn.bind(dlq, dlx, "", Map.of());
        String q = quorum("limited", "x-delivery-limit", 2, "x-dead-letter-exchange", dlx);
        conn.publish("", q, false, MessageProperties.EMPTY.withHeaders(Map.of("a", 1)).withMessageId("id1"),
                utf8("m"));
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        for (int i = 0; i < 3; i++) {
            got.next().reject(true);
        }
        got.assertNothingWithin(Duration.ofMillis(200));
        Delivery dead = consumeOne(dlq);
        assertEquals(dlx, dead.exchange());
        assertEquals(q, dead.routingKey());
        assertEquals("id1", dead.properties().messageId());
        Map<String, Object> h = headers(dead);
        assertEquals(1, h.get("a"));
        assertNull(h.get("x-delivery-count"));
        assertDeath(h, q, "delivery_limit", "", q, null);
    }

    @Test
    void quorumDefaultDeliveryLimitIsTwentyFromRabbit40AndNoneBefore() {
        String q = quorum("default-limit");
        publish("", q, "m");
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        // reject, not nack: from 4.3 a nack with requeue no longer counts against the limit (see the next test)
        for (int i = 0; i < 21; i++) {
            got.next().reject(true);
        }
        if (version().atLeast(RabbitVersion.V4_0)) {
            got.assertNothingWithin(Duration.ofMillis(300));
            awaitReady(q, 0);
        } else {
            Delivery d = got.next();
            assertEquals(21L, headers(d).get("x-delivery-count"));
            d.ack();
        }
    }

    @Test
    void quorumNackWithRequeueCountsAgainstTheLimitBefore43AndNotFrom43() {
        String q = quorum("nack-limit", "x-delivery-limit", 2);
        publish("", q, "m");
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        for (int i = 0; i < 3; i++) {
            got.next().nack(true);
        }
        if (version().atLeast(RabbitVersion.V4_3)) {
            Delivery d = got.next();
            assertEquals(3L, headers(d).get("x-acquired-count"), "4.3: acquired three times before, never failed");
            d.ack();
        } else {
            got.assertNothingWithin(Duration.ofMillis(300));
            awaitReady(q, 0);
        }
    }

    /** Unlike a classic queue (AbstractExpiryConformanceTest), declares do not keep a quorum queue alive. */
    @Test
    void quorumQueueXExpiresIgnoresPassiveDeclares() {
        String q = quorum("expires", "x-expires", 300);
        eventually(Duration.ofSeconds(15), q + " expired while polled", () -> {
            try {
                conn.declareQueuePassive(q);
                sleep(50);
                return false;
            } catch (AmqpException e) {
                return e.replyCode() == AmqpException.NOT_FOUND;
            }
        });
    }

    @Test
    void quorumQueueXExpiresIgnoresRedeclaresSoTheQueueComesBackEmpty() {
        String q = quorum("expires", "x-expires", 300);
        publish("", q, "kept only while the queue lives");
        awaitReady(q, 1);
        QueueSpec again = QueueSpec.named(q).withDurable(true)
                .withArguments(args("x-queue-type", "quorum", "x-expires", 300));
        eventually(Duration.ofSeconds(15), q + " expired and was declared anew", () -> {
            sleep(100);
            return conn.declareQueue(again).messageCount() == 0;
        });
    }

    // ---- dead-lettering -----------------------------------------------------------------------------

    @Test
    void quorumRejectWithoutRequeueDeadLettersWithTheRoutingKeyAndOriginalExpiration() {
        String dlx = exchange("dlx", ExchangeType.TOPIC);
        String dlq = deadLetterQueue();
        conn.bind(dlq, dlx, "#", Map.of());
        String q = quorum("rejecting", "x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "dead.key");
        conn.publish("", q, false, MessageProperties.EMPTY.withExpiration("60000"), utf8("m"));
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        got.next().reject(false);
        Delivery dead = consumeOne(dlq);
        assertEquals("dead.key", dead.routingKey());
        assertNull(dead.properties().expiration(), "the expiration moves into x-death");
        assertDeath(headers(dead), q, "rejected", "", q, "60000");
    }

    @Test
    void quorumExpiredMessagesAreDeadLettered() {
        String dlx = exchange("dlx", ExchangeType.FANOUT);
        String dlq = deadLetterQueue();
        conn.bind(dlq, dlx, "", Map.of());
        String q = quorum("expiring", "x-message-ttl", 50, "x-dead-letter-exchange", dlx);
        publish("", q, "m");
        Delivery dead = consumeOne(dlq);
        assertEquals("m", text(dead.body()));
        assertDeath(headers(dead), q, "expired", "", q, null);
    }

    @Test
    void classicQueuesDeadLetterLikeQuorumQueuesInTheQuorumSuite() {
        String dlx = exchange("dlx", ExchangeType.FANOUT);
        String dlq = deadLetterQueue();
        conn.bind(dlq, dlx, "", Map.of());
        String q = queue(QueueSpec.named(unique("classic")).withDurable(true)
                .withArguments(Map.of("x-dead-letter-exchange", dlx)));
        publish("", q, "m");
        Collector got = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), got);
        Delivery d = got.next();
        assertNull(headers(d).get("x-delivery-count"), "classic queues do not count");
        d.nack(false);
        assertDeath(headers(consumeOne(dlq)), q, "rejected", "", q, null);
    }

    @Test
    void quorumRequeuedMessageGoesBackWhereTheReleasePutsIt() {
        String q = quorum("order");
        publishAll("", q, "A", "B");
        awaitReady(q, 2);
        Collector got = new Collector();
        BrokerConnection c = connect("order");
        var h = c.consume(q, ConsumeOptions.manualAck(1), got);
        Delivery a = got.next();
        assertEquals("A", text(a.body()));
        h.cancel();
        a.nack(true);
        awaitReady(q, 2);
        Collector again = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), again);
        String expected = version().atLeast(RabbitVersion.V4_0) ? "A" : "B";
        assertEquals(expected, again.nextBody(), "4.x returns to the head, 3.10 to the back");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Delivery consumeOne(String queue) {
        Collector got = new Collector();
        conn.consume(queue, ConsumeOptions.manualAck(1), got);
        Delivery d = got.next();
        d.ack();
        return d;
    }

    private static Map<String, Object> headers(Delivery d) {
        Map<String, Object> h = d.properties().headers();
        return h == null ? Map.of() : h;
    }

    /** The x-death entry and x-first/last-death headers RabbitMQ writes for one death. */
    @SuppressWarnings("unchecked")
    private void assertDeath(Map<String, Object> h, String queue, String reason, String exchange, String routingKey,
                             String originalExpiration) {
        List<Object> deaths = (List<Object>) h.get("x-death");
        assertEquals(1, deaths.size(), () -> "x-death: " + deaths);
        Map<String, Object> e = (Map<String, Object>) deaths.get(0);
        assertEquals(1L, e.get("count"));
        assertEquals(reason, e.get("reason"));
        assertEquals(queue, e.get("queue"));
        assertEquals(exchange, e.get("exchange"));
        assertEquals(List.of(routingKey), e.get("routing-keys"));
        assertInstanceOf(Date.class, e.get("time"));
        assertEquals(originalExpiration, e.get("original-expiration"));
        assertEquals(exchange, h.get("x-first-death-exchange"));
        assertEquals(queue, h.get("x-first-death-queue"));
        assertEquals(reason, h.get("x-first-death-reason"));
        if (version().atLeast(RabbitVersion.V4_0)) {
            assertEquals(exchange, h.get("x-last-death-exchange"));
            assertEquals(queue, h.get("x-last-death-queue"));
            assertEquals(reason, h.get("x-last-death-reason"));
        } else if (!version().atLeast(RabbitVersion.V3_13)) {
            assertFalse(h.containsKey("x-last-death-reason"), "3.10 writes no x-last-death-*");
        }
    }
}
