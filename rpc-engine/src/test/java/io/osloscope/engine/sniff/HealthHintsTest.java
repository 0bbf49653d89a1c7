package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot.Binding;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot.Queue;
import io.osloscope.engine.observe.pairing.CallTracker;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthHintsTest {
    private static Queue q(String name, long messages, int consumers) {
        return new Queue(name, messages, messages, 0, consumers, 0, 0, false, false, false, "classic",
                name.startsWith("reply_") || name.contains("_fanout_") ? 1800000L : null, null);
    }

    private static TopologySnapshot snap(List<Queue> queues) {
        List<Binding> bindings = new ArrayList<>();
        for (Queue q : queues) {
            if (!q.name().startsWith("reply_") && !q.name().contains("_fanout_")) {
                bindings.add(new Binding("nova", q.name(), "queue", q.name()));
            }
        }
        return new TopologySnapshot(Instant.now(), "/", List.of(), queues, bindings, List.of());
    }

    @Test
    void aServerQueueWithoutConsumerOrphanQueuesAndAGrowingBacklogAreReported() {
        TopologySnapshot before = snap(List.of(q("compute.host1", 0, 0), q("compute.host2", 0, 1),
                q("compute", 5, 1), q("notifications.info", 0, 0)));
        TopologySnapshot now = snap(List.of(q("compute.host1", 3, 0), q("compute.host2", 0, 1), q("compute", 40, 1),
                q("notifications.info", 900, 0), q("reply_0123", 0, 0), q("compute_fanout_abcd", 7, 0)));
        List<HealthHint> hints = HealthHints.compute(now, before, new CallTracker(), 2);
        assertEquals(List.of("compute.host1"), subjects(hints, Kind.NO_CONSUMER),
                "host2 is alive and notifications.info is not a server queue");
        assertTrue(hints.stream().anyMatch(h -> h.kind() == Kind.NO_CONSUMER && h.message().contains("host1 looks down")));
        assertEquals(List.of("reply_0123"), subjects(hints, Kind.ORPHAN_REPLY_QUEUE));
        assertEquals(List.of("compute_fanout_abcd"), subjects(hints, Kind.ORPHAN_FANOUT_QUEUE));
        assertEquals(List.of("compute", "notifications.info"), subjects(hints, Kind.GROWING_BACKLOG));
        assertEquals(1, subjects(hints, Kind.UNROUTABLE).size());
    }

    @Test
    void aHealthyBrokerHasNoHints() {
        TopologySnapshot ok = snap(List.of(q("compute.host1", 0, 1), q("reply_1", 0, 1)));
        assertEquals(List.of(), HealthHints.compute(ok, ok, new CallTracker(), 0));
    }

    private static List<String> subjects(List<HealthHint> hints, Kind kind) {
        return hints.stream().filter(h -> h.kind() == kind).map(HealthHint::subject).toList();
    }
}
