package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.QueueSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause, single step and slow motion, applied inside the broker to every consumer. */
class DeliveryGateTest {
    private final InMemoryBroker broker = new InMemoryBroker();
    private final BrokerConnection conn = broker.connect(ConnectionOptions.named("trainer"));
    private final LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        broker.close();
    }

    private void consume(String q) {
        conn.declareQueue(QueueSpec.named(q));
        conn.consume(q, ConsumeOptions.autoAcking(), d -> got.add(q + ":" + new String(d.body(), StandardCharsets.UTF_8)));
    }

    private void publish(String q, String body) {
        conn.publish("", q, false, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private String next() throws InterruptedException {
        return got.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void aPausedBrokerHoldsDeliveriesUntilSteppedOneByOne() throws InterruptedException {
        consume("a");
        consume("b");
        DeliveryGate gate = broker.gate();
        gate.pause();
        assertTrue(gate.isPaused());
        publish("a", "1");
        publish("b", "1");
        publish("a", "2");
        assertNull(got.poll(150, TimeUnit.MILLISECONDS), "nothing while paused");
        assertEquals(3, gate.heldCount());
        assertTrue(gate.step());
        assertEquals("a:1", next());
        assertNull(got.poll(100, TimeUnit.MILLISECONDS), "exactly one per step");
        assertTrue(gate.step());
        assertEquals("b:1", next());
        gate.resume();
        assertEquals("a:2", next());
        assertEquals(0, gate.heldCount());
        assertFalse(gate.step(), "nothing held any more");
        publish("b", "2");
        assertEquals("b:2", next());
    }

    @Test
    void slowMotionSpacesDeliveriesOut() throws InterruptedException {
        consume("q");
        broker.gate().setSpeed(0.25);
        assertEquals(200, broker.gate().currentIntervalMillis());
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            publish("q", "m" + i);
        }
        assertEquals(List.of("q:m0", "q:m1", "q:m2"), List.of(next(), next(), next()));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took >= 450, "three deliveries at 200 ms spacing took " + took + " ms");
        broker.gate().setSpeed(1.0);
        publish("q", "fast");
        assertEquals("q:fast", got.poll(1, TimeUnit.SECONDS));
    }

    @Test
    void aNonsenseSpeedIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> broker.gate().setSpeed(0));
        assertThrows(IllegalArgumentException.class, () -> broker.gate().setSpeed(Double.NaN));
    }

    @Test
    void heldDeliveriesOfAClosedConnectionGoBackToTheQueue() throws InterruptedException {
        BrokerConnection other = broker.connect(ConnectionOptions.named("other"));
        conn.declareQueue(QueueSpec.named("q"));
        other.consume("q", ConsumeOptions.manualAck(5), d -> got.add("other"));
        broker.gate().pause();
        publish("q", "m1");
        assertEquals(1, broker.gate().heldCount());
        other.close();
        broker.gate().resume();
        assertNull(got.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(1, conn.declareQueuePassive("q").messageCount());
    }
}
