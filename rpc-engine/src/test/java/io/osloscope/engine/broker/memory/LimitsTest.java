package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.observe.EventHub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-queue memory bound and what happens when a queue reaches it. */
class LimitsTest {

    private static List<String> fillAndDrain(Limits.Overflow overflow) throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(new EventHub(), Limits.DEFAULT.withMaxQueueBytes(10, overflow))) {
            BrokerConnection c = broker.connect(ConnectionOptions.named("limits"));
            c.declareQueue(QueueSpec.named("q"));
            for (String s : List.of("aaaa", "bbbb", "cccc", "dddd")) {
                c.publish("", "q", false, null, s.getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(2, c.declareQueuePassive("q").messageCount());
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            c.consume("q", ConsumeOptions.autoAcking(), d -> got.add(new String(d.body(), StandardCharsets.UTF_8)));
            List<String> out = new ArrayList<>();
            out.add(got.poll(5, TimeUnit.SECONDS));
            out.add(got.poll(5, TimeUnit.SECONDS));
            return out;
        }
    }

    @Test
    void atTheBoundDropHeadDiscardsTheOldestMessages() throws InterruptedException {
        assertEquals(List.of("cccc", "dddd"), fillAndDrain(Limits.Overflow.DROP_HEAD));
    }

    @Test
    void atTheBoundDropNewDiscardsTheArrivingMessage() throws InterruptedException {
        assertEquals(List.of("aaaa", "bbbb"), fillAndDrain(Limits.Overflow.DROP_NEW));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withMaxQueueBytes(0, Limits.Overflow.DROP_HEAD));
    }
}
