package io.osloscope.engine.observe;

import io.osloscope.engine.observe.NodeEvents.NodeStateChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub never blocks, loses nothing it has room for, keeps each publisher's order and counts drops. */
class EventHubTest {

    @Test
    void concurrentPublishersLoseNothingAndKeepTheirOrder() throws InterruptedException {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 1 << 20);
        int threads = 4;
        int perThread = 25_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String host = "h" + t;
            ts.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    hub.publish(new NodeStateChanged(hub.nextSeq(), Instant.EPOCH, "bin", host, Integer.toString(i)));
                }
            }));
        }
        ts.forEach(Thread::start);
        List<EngineEvent> got = new ArrayList<>();
        while (got.size() < threads * perThread) {
            sub.drainTo(got, 10_000);
        }
        for (Thread t : ts) {
            t.join();
        }
        Map<String, Integer> next = new HashMap<>();
        for (EngineEvent e : got) {
            NodeStateChanged n = (NodeStateChanged) e;
            int expected = next.getOrDefault(n.host(), 0);
            assertEquals(expected, Integer.parseInt(n.state()), "order of " + n.host());
            next.put(n.host(), expected + 1);
        }
        assertEquals(0, sub.dropped());
        assertTrue(sub.isEmpty());
    }

    @Test
    void aFullSubscriptionDropsTheNewestAndCountsThem() {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 3);
        for (int i = 0; i < 5; i++) {
            hub.publish(new NodeStateChanged(hub.nextSeq(), Instant.EPOCH, "bin", "h", Integer.toString(i)));
        }
        List<EngineEvent> got = new ArrayList<>();
        assertEquals(3, sub.drainTo(got, 10));
        assertEquals(List.of("0", "1", "2"), got.stream().map(e -> ((NodeStateChanged) e).state()).toList());
        assertEquals(2, sub.dropped());
        hub.publish(new NodeStateChanged(hub.nextSeq(), Instant.EPOCH, "bin", "h", "later"));
        assertEquals(1, sub.drainTo(got, 10), "room again after draining");
    }
}
