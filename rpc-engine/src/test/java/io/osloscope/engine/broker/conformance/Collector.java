package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** A delivery handler that keeps what it receives for the test thread to take, in order. */
final class Collector implements DeliveryHandler {
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    final BlockingQueue<String> cancellations = new LinkedBlockingQueue<>();
    final List<Thread> threads = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void handle(Delivery delivery) {
        threads.add(Thread.currentThread());
        deliveries.add(delivery);
    }

    @Override
    public void cancelled(String consumerTag, boolean byBroker) {
        cancellations.add(consumerTag + (byBroker ? " by broker" : " by client"));
    }

    Delivery next() {
        try {
            Delivery d = deliveries.poll(5, TimeUnit.SECONDS);
            if (d == null) {
                fail("no delivery within 5 s");
            }
            return d;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String nextBody() {
        return new String(next().body(), StandardCharsets.UTF_8);
    }

    List<String> bodies(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(nextBody());
        }
        return out;
    }

    void assertNothingWithin(Duration d) {
        try {
            Delivery x = deliveries.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(x, () -> "unexpected delivery " + new String(x.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
