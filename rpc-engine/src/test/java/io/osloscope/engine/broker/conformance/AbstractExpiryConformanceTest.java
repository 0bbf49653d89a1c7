package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.AmqpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message TTL, per-message expiration, x-expires and x-max-length. Times are short; waits poll with deadlines. */
public abstract class AbstractExpiryConformanceTest extends ConformanceSupport {

    private boolean missing(String q) {
        try {
            conn.declareQueuePassive(q);
            return false;
        } catch (AmqpException e) {
            return e.replyCode() == 404;
        }
    }

    @Test
    void messagesOlderThanTheQueueTtlLeaveTheQueueAndAreNeverDelivered() {
        String q = queue(QueueSpec.named(unique("ttl")).withArguments(Map.of("x-message-ttl", 150)));
        publishAll("", q, "old1", "old2");
        awaitReady(q, 2);
        eventually(Duration.ofSeconds(5), "expired messages dropped without a consumer", () -> ready(q) == 0);
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        publish("", q, "fresh");
        assertEquals("fresh", c.nextBody());
        c.assertNothingWithin(Duration.ofMillis(100));
    }

    @Test
    void aMessageWithAnExpirationIsNeverDeliveredAfterIt() {
        String q = queue("q");
        conn.publish("", q, false, MessageProperties.EMPTY.withExpiration("100"), utf8("short-lived"));
        publish("", q, "durable");
        sleep(300);
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        assertEquals("durable", c.nextBody());
        c.assertNothingWithin(Duration.ofMillis(150));
    }

    @Test
    void anExpiredMessageAtTheHeadLeavesWithoutAConsumer() {
        String q = queue("q");
        conn.publish("", q, false, MessageProperties.EMPTY.withExpiration("100"), utf8("short-lived"));
        awaitReady(q, 1);
        eventually(Duration.ofSeconds(5), "expired head dropped", () -> ready(q) == 0);
    }

    @Test
    void aRequeuedMessageKeepsItsExpiry() {
        String q = queue(QueueSpec.named(unique("ttl")).withArguments(Map.of("x-message-ttl", 300)));
        publish("", q, "m1");
        Collector c = new Collector();
        ConsumerHandle h = conn.consume(q, ConsumeOptions.manualAck(1), c);
        var d = c.next();
        h.cancel();
        sleep(400);
        d.nack(true);
        eventually(Duration.ofSeconds(5), "requeued expired message dropped", () -> ready(q) == 0);
    }

    @Test
    void aDeclareCountsAsUseAndPostponesXExpires() {
        String q = queue(QueueSpec.named(unique("expires")).withArguments(Map.of("x-expires", 300)));
        for (int i = 0; i < 5; i++) {
            sleep(150);
            conn.declareQueuePassive(q);
        }
        sleep(700);
        assertTrue(missing(q), "expired once nobody declared it any more");
    }

    @Test
    void anUnusedQueueWithXExpiresIsDeleted() {
        String q = queue(QueueSpec.named(unique("expires")).withArguments(Map.of("x-expires", 200)));
        conn.declareQueuePassive(q);
        sleep(350);
        assertTrue(missing(q), "unused for longer than x-expires");
    }

    @Test
    void aQueueWithAConsumerDoesNotExpire() {
        String q = queue(QueueSpec.named(unique("expires")).withArguments(Map.of("x-expires", 200)));
        ConsumerHandle h = conn.consume(q, ConsumeOptions.autoAcking(), new Collector());
        sleep(500);
        assertEquals(1, conn.declareQueuePassive(q).consumerCount());
        h.cancel();
        sleep(350);
        assertTrue(missing(q), "expired once the consumer left");
    }

    @Test
    void xMaxLengthDropsFromTheHead() {
        String q = queue(QueueSpec.named(unique("max")).withArguments(Map.of("x-max-length", 2)));
        publishAll("", q, "m1", "m2", "m3", "m4", "m5");
        awaitReady(q, 2);
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        assertEquals(List.of("m4", "m5"), c.bodies(2));
        c.assertNothingWithin(Duration.ofMillis(100));
    }

    @Test
    void xMaxLengthBytesDropsFromTheHead() {
        String q = queue(QueueSpec.named(unique("maxbytes")).withArguments(Map.of("x-max-length-bytes", 10)));
        publishAll("", q, "aaaa", "bbbb", "cccc", "dddd");
        awaitReady(q, 2);
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        assertEquals(List.of("cccc", "dddd"), c.bodies(2));
    }
}
