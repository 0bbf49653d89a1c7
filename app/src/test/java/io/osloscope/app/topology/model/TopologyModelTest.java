package io.osloscope.app.topology.model;

import io.osloscope.app.topology.FakeNova;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.NodeEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyModelTest {

    private static VisibleGraph graph(TopologyModel m) {
        return GraphBuilder.build(m, new CollapseState());
    }

    @Test
    void serverQueuesAndBindingKeysBecomeNodesAndLabelledEdges() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(3));
        VisibleGraph g = graph(m);

        assertEquals("q:compute.host1", g.queueNodes().get("compute.host1"), "compute.host1 drawn as its own row");
        assertTrue(g.node("qf:server:compute").rows().stream().anyMatch(r -> r.id().equals("q:compute.host1")));
        assertNotNull(g.node("ex:nova"));
        assertEquals("topic", g.node("ex:nova").typeTag());
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("ex:nova") && e.to().equals("q:compute.host1")
                && "compute.host1".equals(e.label())), "binding key shown on the edge");
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("q:compute.host1")
                && e.to().equals("svc:nova-compute@host1")), "server queue feeds its own host's row");
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("q:compute") && e.to().equals("svc:nova-compute")),
                "the shared topic queue feeds the whole group");
    }

    @Test
    void hundredComputesFoldIntoOneGroupAndOneQueueFamily() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(100));
        VisibleGraph g = graph(m);

        VisibleGraph.Node group = g.node("svc:nova-compute");
        assertTrue(group.collapsed());
        assertEquals(100, group.members());
        assertTrue(group.subtitle().contains("×100"), group.subtitle());
        assertTrue(group.rows().isEmpty());
        assertNull(g.node("q:compute.host57"));
        assertEquals("qf:server:compute", g.queueNodes().get("compute.host57"));
        String aFanoutQueue = m.queueNames().stream().filter(q -> q.startsWith("compute_fanout_")).findFirst()
                .orElseThrow();
        assertEquals("qf:fanout:compute", g.queueNodes().get(aFanoutQueue));
        assertTrue(g.nodes().size() < 25, "a 100-compute cloud stays a small picture: " + g.nodes().size());
    }

    @Test
    void expandingAFoldedGroupShowsEveryHost() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(100));
        CollapseState c = new CollapseState();
        c.toggle("svc:nova-compute", 100);
        VisibleGraph g = GraphBuilder.build(m, c);

        assertEquals(100, g.node("svc:nova-compute").rows().size());
        assertEquals("q:compute.host57", g.queueNodes().get("compute.host57"));
        assertEquals("compute.host2", g.node("qf:server:compute").rows().get(1).label(), "queues in natural order");
        assertEquals("host2", g.node("svc:nova-compute").rows().get(1).label(), "hosts in natural order");
    }

    @Test
    void tenComputesStayExpandedButFanoutCopiesFold() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(10));
        VisibleGraph g = graph(m);

        assertFalse(g.node("svc:nova-compute").collapsed());
        assertEquals("q:compute.host10", g.queueNodes().get("compute.host10"));
        assertNotNull(g.node("qf:fanout:compute"));
        assertEquals("×10 · 0 ready · 10 consumers", g.node("qf:fanout:compute").subtitle());
    }

    @Test
    void depthFollowsEnqueueAndDelivery() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(1));
        Instant t = Instant.now();
        m.apply(new BrokerEvents.MessageEnqueued(1000, t, 1, "conductor", 1));
        m.apply(new BrokerEvents.MessageEnqueued(1001, t, 2, "conductor", 2));
        m.apply(new BrokerEvents.MessageEnqueued(1002, t, 3, "conductor", 3));
        assertEquals(3, m.queues().get("conductor").depth());
        m.apply(new BrokerEvents.MessageDelivered(1003, t, 1, "conductor", "1", "nova-conductor:1:x", 1, false,
                "nova", "conductor", null));
        assertEquals(2, m.queues().get("conductor").depth());
        assertTrue(graph(m).node("q:conductor").subtitle().startsWith("2 ready"));
    }

    @Test
    void consumerCountsFollowAddAndCancel() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(2));
        assertEquals(2, m.queues().get("compute").consumers());
        m.apply(new BrokerEvents.TopologyChanged(900, Instant.now(), TopologyChange.CONSUMER_CANCELLED, "ctag",
                "compute", null, null));
        assertEquals(1, m.queues().get("compute").consumers());
    }

    @Test
    void deletedQueueDisappearsWithItsBindings() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(2));
        m.apply(new BrokerEvents.TopologyChanged(900, Instant.now(), TopologyChange.QUEUE_DELETED, "compute.host2",
                null, null, null));
        VisibleGraph g = graph(m);
        assertNull(g.queueNodes().get("compute.host2"));
        assertTrue(g.edges().stream().noneMatch(e -> e.to().equals("q:compute.host2")));
    }

    @Test
    void publishersAndReplyOwnersAreLearnedFromTraffic() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.withBootFlow(3));
        VisibleGraph g = graph(m);

        assertEquals(List.of("nova-api", "nova-conductor", "nova-scheduler"),
                g.publisherNodes().keySet().stream().sorted().collect(Collectors.toList()));
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("pub:nova-api") && e.to().equals("ex:nova")));
        assertNotNull(g.node("ex:"), "replies travel through the default exchange");
        assertEquals(new ServiceId("nova-conductor", "ctl1"), m.queueOwner(FakeNova.CONDUCTOR_REPLY));
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("q:" + FakeNova.CONDUCTOR_REPLY)
                && e.to().equals("svc:nova-conductor@ctl1")), "reply queue feeds the caller");
    }

    @Test
    void downedServiceMarksItsGroup() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(3));
        m.apply(new NodeEvents.NodeStateChanged(999, Instant.now(), "nova-compute", "host2", "down"));
        VisibleGraph.Node group = graph(m).node("svc:nova-compute");
        assertEquals("degraded", group.state());
        assertTrue(group.subtitle().contains("1 down"));
        assertEquals("down", group.rows().get(1).state());
    }

    @Test
    void snapshotReplacesBrokerObjects() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.topology(2));
        m.applySnapshot(new TopologySnapshot(
                List.of(new TopologySnapshot.ExchangeView("neutron", ExchangeType.TOPIC, false, false, Map.of(), false)),
                List.of(new TopologySnapshot.QueueView("q-plugin", 7, 0, 2, false, true, false, "neutron-server:55:ab",
                        Map.of(), QueueType.CLASSIC)),
                List.of(new TopologySnapshot.BindingView("neutron", "q-plugin", "q-plugin", Map.of()))));
        VisibleGraph g = graph(m);
        assertNull(g.node("q:compute.host1"));
        assertEquals("7 ready · 2 consumers", g.node("q:q-plugin").subtitle());
        assertTrue(g.edges().stream().anyMatch(e -> e.to().equals("q:q-plugin") && "q-plugin".equals(e.label())));
    }

    @Test
    void queueTypesComeFromTheDeclareOrTheSnapshotAndFamiliesOfMixedTypesSaySo() {
        TopologyModel m = new TopologyModel();
        FakeNova nova = new FakeNova();
        nova.queue("conductor", "durable x-queue-type=quorum");
        nova.queue("reply_ab12", "x-expires=1800000");
        m.applyAll(nova.events());
        assertEquals("quorum", m.queues().get("conductor").type());
        assertEquals("classic", m.queues().get("reply_ab12").type(), "a declare without x-queue-type is classic");
        assertEquals("quorum", graph(m).node("q:conductor").typeTag());

        m.applySnapshot(new TopologySnapshot(List.of(), List.of(
                queue("compute_fanout", QueueType.STREAM), queue("compute.host1", QueueType.QUORUM),
                queue("compute.host2", QueueType.CLASSIC), queue("q-plugin", null)), List.of()));
        assertEquals("stream", m.queues().get("compute_fanout").type());
        assertNull(m.queues().get("q-plugin").type(), "not known: no badge rather than a wrong one");
        VisibleGraph g = graph(m);
        assertNull(g.node("q:q-plugin").typeTag());
        assertTrue(g.nodes().stream().anyMatch(n -> n.kind() == VisibleGraph.NodeKind.QUEUE_FAMILY
                && "mixed".equals(n.typeTag())), "compute.host1 quorum beside compute.host2 classic");
    }

    /** A queue of a snapshot with one consumer; {@code type} null: a type the snapshot's source could not name. */
    private static TopologySnapshot.QueueView queue(String name, QueueType type) {
        return new TopologySnapshot.QueueView(name, 0, 0, 1, true, false, false, null, Map.of(), type);
    }

    @Test
    void layoutPutsColumnsLeftToRightWithoutOverlaps() {
        TopologyModel m = new TopologyModel();
        m.applyAll(FakeNova.withBootFlow(10));
        VisibleGraph g = graph(m);
        TopologyLayout.Result r = TopologyLayout.layout(g);
        var ex = r.boxes().get("ex:nova");
        var q = r.boxes().get("q:compute.host1");
        var svc = r.boxes().get("svc:nova-compute");
        assertTrue(ex.right() < q.x() && q.right() < svc.x());
        for (VisibleGraph.Node a : g.nodes()) {
            for (VisibleGraph.Node b : g.nodes()) {
                var ba = r.boxes().get(a.id());
                var bb = r.boxes().get(b.id());
                if (a != b && ba.x() == bb.x()) {
                    assertTrue(ba.y() + ba.h() <= bb.y() || bb.y() + bb.h() <= ba.y(), a.id() + " overlaps " + b.id());
                }
            }
        }
    }
}
