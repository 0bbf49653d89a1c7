package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.observe.pairing.CallTracker;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthHintsTest {
    private static QueueView q(String name, int messages, int consumers) {
        return new QueueView(name, messages, 0, consumers, false, false, false, null,
                name.startsWith("reply_") || name.contains("_fanout_") ? Map.of("x-expires", 1800000L) : Map.of(),
                QueueType.CLASSIC);
    }

    private static ManagementSnapshot snap(List<QueueView> queues) {
        List<BindingView> bindings = new ArrayList<>();
        for (QueueView q : queues) {
            if (!q.name().startsWith("reply_") && !q.name().contains("_fanout_")) {
                bindings.add(new BindingView("nova", q.name(), q.name(), Map.of()));
            }
        }
        return new ManagementSnapshot(Instant.now(), "/", new TopologySnapshot(List.of(), queues, bindings), Map.of(),
                List.of());
    }

    @Test
    void aServerQueueWithoutConsumerOrphanQueuesAndAGrowingBacklogAreReported() {
        ManagementSnapshot before = snap(List.of(q("compute.host1", 0, 0), q("compute.host2", 0, 1),
                q("compute", 5, 1), q("notifications.info", 0, 0)));
        ManagementSnapshot now = snap(List.of(q("compute.host1", 3, 0), q("compute.host2", 0, 1), q("compute", 40, 1),
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
    void aCinderVolumeQueueWithoutConsumerNamesItsBackend() {
        ManagementSnapshot now = snap(List.of(q("cinder-volume.cmp1@lvm.cmp1", 0, 0), q("cinder-volume", 0, 1)));
        List<HealthHint> hints = HealthHints.compute(now, now, new CallTracker(), 0);
        assertEquals(List.of("cinder-volume.cmp1@lvm.cmp1"), subjects(hints, Kind.NO_CONSUMER));
        assertTrue(hints.stream().anyMatch(h -> h.kind() == Kind.NO_CONSUMER
                && h.message().contains("the cinder-volume service on cmp1@lvm looks down")), hints.toString());
    }

    @Test
    void aHealthyBrokerHasNoHints() {
        ManagementSnapshot ok = snap(List.of(q("compute.host1", 0, 1), q("reply_1", 0, 1)));
        assertEquals(List.of(), HealthHints.compute(ok, ok, new CallTracker(), 0));
    }

    private static List<String> subjects(List<HealthHint> hints, Kind kind) {
        return hints.stream().filter(h -> h.kind() == kind).map(HealthHint::subject).toList();
    }
}
