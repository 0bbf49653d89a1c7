package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.AmqpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumers: order, round robin, prefetch, acknowledgements, redelivery, cancel, auto-delete, exclusivity. */
public abstract class AbstractConsumingConformanceTest extends ConformanceSupport {

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("m" + i);
        }
        return out;
    }

    @Test
    void aQueueDeliversInPublishOrder() {
        String q = queue("q");
        List<String> sent = numbered(200);
        sent.forEach(b -> publish("", q, b));
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.autoAcking(), c);
        assertEquals(sent, c.bodies(200));
    }

    @Test
    void aFirstDeliveryIsNotFlaggedRedelivered() {
        String q = queue("q");
        publish("", q, "m1");
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), c);
        Delivery d = c.next();
        assertFalse(d.redelivered());
        assertTrue(d.deliveryTag() > 0);
        d.ack();
    }

    @Test
    void consumersOfOneQueueTakeTurns() {
        String q = queue("q");
        Collector a = new Collector();
        Collector b = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(10), a);
        conn.consume(q, ConsumeOptions.manualAck(10), b);
        numbered(6).forEach(m -> publish("", q, m));
        assertEquals(List.of("m1", "m3", "m5"), a.bodies(3));
        assertEquals(List.of("m2", "m4", "m6"), b.bodies(3));
    }

    @Test
    void prefetchLimitsUnacknowledgedDeliveriesPerConsumer() {
        String q = queue("q");
        Collector a = new Collector();
        Collector b = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), a);
        conn.consume(q, ConsumeOptions.manualAck(2), b);
        numbered(6).forEach(m -> publish("", q, m));
        Delivery first = a.next();
        assertEquals(2, b.bodies(2).size());
        a.assertNothingWithin(Duration.ofMillis(200));
        assertEquals(3, ready(q), "the rest waits in the queue");
        first.ack();
        a.next();
        a.assertNothingWithin(Duration.ofMillis(100));
        assertEquals(2, ready(q));
    }

    @Test
    void ackedMessagesAreGoneForGood() {
        String q = queue("q");
        publishAll("", q, "m1", "m2");
        BrokerConnection other = connect("consumer");
        Collector c = new Collector();
        other.consume(q, ConsumeOptions.manualAck(0), c);
        c.next().ack();
        c.next().ack();
        other.close();
        sleep(100);
        assertEquals(0, ready(q));
    }

    @Test
    void aMultipleAckSettlesTheEarlierDeliveriesOfItsConsumerAndNoLaterOnes() {
        String q = queue("q");
        publishAll("", q, "m1", "m2", "m3", "m4");
        BrokerConnection other = connect("consumer");
        Collector c = new Collector();
        other.consume(q, ConsumeOptions.manualAck(0), c);
        Delivery m1 = c.next();
        Delivery m2 = c.next();
        Delivery m3 = c.next();
        c.next();
        m1.reject(false);
        m3.ackMultiple();
        m2.ack();
        m3.ackMultiple();
        publish("", q, "m5");
        Delivery m5 = c.next();
        assertEquals("m5", text(m5.body()), "settling covered deliveries again is ignored; the channel lives on");
        m5.ack();
        other.close();
        sleep(100);
        assertEquals(1, ready(q), "only m4, after m3 and never acked, goes back to the queue");
    }

    @Test
    void aNackWithRequeueComesBackFirstFlaggedRedelivered() {
        String q = queue("q");
        publishAll("", q, "m1", "m2", "m3");
        Collector c = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(2), c);
        Delivery m1 = c.next();
        Delivery m2 = c.next();
        assertEquals(List.of("m1", "m2"), List.of(text(m1.body()), text(m2.body())));
        m2.nack(true);
        Delivery again = c.next();
        assertEquals("m2", text(again.body()), "a requeued message goes back to its place, ahead of m3");
        assertTrue(again.redelivered());
        m1.reject(true);
        Delivery m1again = c.next();
        assertEquals("m1", text(m1again.body()));
        assertTrue(m1again.redelivered());
        again.ack();
        m1again.ack();
        Delivery m3 = c.next();
        assertEquals("m3", text(m3.body()));
        assertFalse(m3.redelivered());
        m3.ack();
    }

    @Test
    void nackOrRejectWithoutRequeueDropsTheMessage() {
        String q = queue("q");
        publishAll("", q, "m1", "m2", "m3");
        Collector c = new Collector();
        ConsumerHandle h = conn.consume(q, ConsumeOptions.manualAck(1), c);
        c.next().nack(false);
        c.next().reject(false);
        Delivery last = c.next();
        assertEquals("m3", text(last.body()));
        last.ack();
        h.cancel();
        sleep(100);
        assertEquals(0, ready(q));
    }

    @Test
    void closingAConnectionRequeuesItsUnackedDeliveriesFlaggedRedelivered() {
        String q = queue("q");
        publishAll("", q, "m1", "m2", "m3");
        BrokerConnection first = connect("first");
        Collector c1 = new Collector();
        first.consume(q, ConsumeOptions.manualAck(2), c1);
        assertEquals(List.of("m1", "m2"), c1.bodies(2));
        first.close();
        Collector c2 = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(10), c2);
        Delivery d1 = c2.next();
        Delivery d2 = c2.next();
        Delivery d3 = c2.next();
        assertEquals(List.of("m1", "m2", "m3"), List.of(text(d1.body()), text(d2.body()), text(d3.body())));
        assertTrue(d1.redelivered() && d2.redelivered());
        assertFalse(d3.redelivered());
    }

    @Test
    void aCancelledConsumerReceivesNothingMore() {
        String q = queue("q");
        Collector c = new Collector();
        ConsumerHandle h = conn.consume(q, ConsumeOptions.autoAcking(), c);
        publish("", q, "m1");
        c.next();
        h.cancel();
        h.cancel();
        publish("", q, "m2");
        c.assertNothingWithin(Duration.ofMillis(200));
        assertEquals(1, ready(q));
    }

    @Test
    void deletingAQueueCancelsItsConsumersFromTheBrokerSide() throws InterruptedException {
        String q = queue("q");
        Collector c = new Collector();
        ConsumerHandle h = conn.consume(q, ConsumeOptions.autoAcking(), c);
        conn.deleteQueue(q, false, false);
        assertEquals(h.consumerTag() + " by broker", c.cancellations.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void anAutoDeleteQueueGoesAfterItsLastConsumerCancels() {
        String q = queue(QueueSpec.named(unique("auto")).withAutoDelete(true));
        sleep(50);
        conn.declareQueuePassive(q);
        ConsumerHandle a = conn.consume(q, ConsumeOptions.autoAcking(), new Collector());
        ConsumerHandle b = conn.consume(q, ConsumeOptions.autoAcking(), new Collector());
        a.cancel();
        sleep(100);
        assertEquals(1, conn.declareQueuePassive(q).consumerCount());
        b.cancel();
        eventually(Duration.ofSeconds(5), "auto-delete queue gone", () -> missing(q));
    }

    private boolean missing(String q) {
        try {
            conn.declareQueuePassive(q);
            return false;
        } catch (AmqpException e) {
            return e.replyCode() == 404;
        }
    }

    @Test
    void anExclusiveConsumerKeepsOthersOut() {
        String q = queue("q");
        conn.consume(q, ConsumeOptions.autoAcking().withExclusive(true), new Collector());
        String text = "ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use";
        assertAmqpError(403, text, () -> conn.consume(q, ConsumeOptions.autoAcking(), new Collector()));
        String q2 = queue("q2");
        conn.consume(q2, ConsumeOptions.autoAcking(), new Collector());
        assertAmqpError(403, "ACCESS_REFUSED - queue '" + q2 + "' in vhost '/' in exclusive use",
                () -> conn.consume(q2, ConsumeOptions.autoAcking().withExclusive(true), new Collector()));
    }

    @Test
    void aBlockedConsumerNeverBlocksThePublisher() throws InterruptedException {
        String q = queue("q");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        List<Thread> handlerThreads = new ArrayList<>();
        DeliveryHandler blocking = d -> {
            handlerThreads.add(Thread.currentThread());
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        conn.consume(q, ConsumeOptions.autoAcking(), blocking);
        publish("", q, "first");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> numbered(2000).forEach(m -> publish("", q, m)));
        release.countDown();
        assertFalse(handlerThreads.contains(Thread.currentThread()), "handlers never run on the publisher's thread");
    }

    @Test
    void otherConsumersKeepGoingWhileOneHandlerIsStuck() throws InterruptedException {
        String q = queue("q");
        CountDownLatch release = new CountDownLatch(1);
        conn.consume(q, ConsumeOptions.manualAck(1), d -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Collector healthy = new Collector();
        conn.consume(q, ConsumeOptions.manualAck(1), d -> {
            healthy.handle(d);
            d.ack();
        });
        numbered(10).forEach(m -> publish("", q, m));
        assertEquals(9, healthy.bodies(9).size());
        release.countDown();
    }

    @Test
    void getOnAnEmptyQueueAnswersEmpty() {
        String q = queue("q");
        assertTrue(conn.get(q, false).isEmpty());
        assertTrue(conn.get(q, true).isEmpty());
        assertTrue(conn.isOpen());
    }

    @Test
    void getOnAMissingQueueIs404() {
        String q = unique("missing");
        assertAmqpError(404, "NOT_FOUND - no queue '" + q + "' in vhost '/'", () -> conn.get(q, false));
        assertTrue(conn.get(queue("q"), true).isEmpty(), "the connection stays usable");
    }

    @Test
    void getTakesTheHeadAndAutoAckRemovesIt() {
        String q = queue("q");
        publishAll("", q, "m1", "m2");
        awaitReady(q, 2);
        Delivery d = conn.get(q, true).orElseThrow();
        assertEquals("m1", text(d.body()));
        assertEquals(q, d.routingKey());
        assertFalse(d.redelivered());
        assertEquals(1, ready(q));
        assertEquals("m2", text(conn.get(q, true).orElseThrow().body()));
        assertTrue(conn.get(q, true).isEmpty());
    }

    @Test
    void getWithManualAckHoldsTheMessageUntilSettled() {
        String q = queue("q");
        publishAll("", q, "m1", "m2");
        awaitReady(q, 2);
        BrokerConnection getter = connect("getter");
        Delivery first = getter.get(q, false).orElseThrow();
        assertEquals("m1", text(first.body()));
        assertEquals(1, ready(q), "an unacked get is not ready");
        first.nack(true);
        Delivery again = getter.get(q, false).orElseThrow();
        assertEquals("m1", text(again.body()), "a requeued get goes back to the head");
        assertTrue(again.redelivered());
        again.ack();
        Delivery second = getter.get(q, false).orElseThrow();
        assertEquals("m2", text(second.body()));
        getter.close();
        awaitReady(q, 1);
        Delivery back = conn.get(q, true).orElseThrow();
        assertEquals("m2", text(back.body()), "closing the connection returned its unsettled get");
        assertTrue(back.redelivered());
    }

    @Test
    void getSkipsMessagesThatExpiredInTheQueue() {
        String q = queue(QueueSpec.named(unique("ttl")).withArguments(java.util.Map.of("x-message-ttl", 100)));
        publish("", q, "stale");
        sleep(300);
        publish("", q, "fresh");
        assertEquals("fresh", text(conn.get(q, true).orElseThrow().body()));
        assertTrue(conn.get(q, true).isEmpty());
    }
}
