package io.osloscope.sim;

import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.sim.nova.objects.NovaStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration rehearsal on one running broker: a zed cloud redeployed in kolla-2025.1 meets its own classic queues
 * (406, one line per refused declare); with recovery the old queues go and the cloud runs on quorum queues.
 */
class DialectSwitchTest {
    private final Transport base = Transport.of(new InMemoryBroker(),
            TransportOptions.defaults().withControlExchange("nova"));
    private final SimulatedCloud cloud = SimulatedCloud.start(base, 2,
            SimulatedCloud.Options.defaults().withRest("127.0.0.1", -1));

    @AfterEach
    void close() {
        cloud.close();
        base.close();
    }

    private Map<String, QueueType> types() {
        Map<String, QueueType> out = new TreeMap<>();
        base.broker().capability(TopologySource.class).orElseThrow().topology().queues()
                .forEach(q -> out.put(q.name(), q.type()));
        return out;
    }

    @Test
    void withoutRecoveryEachRefusedDeclareIsOneLineAndTheRefusedNodesStayStopped() {
        assertEquals(QueueType.CLASSIC, types().get("conductor"));
        SimulatedCloud.Switch s = cloud.switchOptions(Dialect.byId("kolla-2025.1").applyTo(base.options()), false);

        assertFalse(s.complete());
        assertTrue(s.deleted().isEmpty());
        assertTrue(s.refused().stream().anyMatch(l -> l.startsWith("nova-conductor: 406 ") && l.contains("'conductor'")
                && l.contains("x-queue-type")), s.refused().toString());
        assertTrue(s.refused().stream().noneMatch(l -> l.contains("\n")));
        assertTrue(s.notRunning().contains("conductor"), s.notRunning().toString());
        assertEquals(QueueType.CLASSIC, types().get("conductor"), "nothing deleted without recovery");
        assertTrue(s.notRunning().containsAll(java.util.List.of("compute1", "compute2")), s.notRunning().toString());
        assertTrue(cloud.nodes().stream().anyMatch(n -> n.host().equals("conductor") && !n.running()),
                "a node left stopped is still listed: " + cloud.nodes());

        SimulatedCloud.Switch again = cloud.switchOptions(Dialect.byId("kolla-2025.1").applyTo(base.options()), true);
        assertTrue(again.complete(), again.toString());
        assertEquals(java.util.List.of("compute1", "compute2"), cloud.computeHosts(),
                "the computes a refused switch left stopped come back");
    }

    @Test
    void withRecoveryTheOldClassicQueuesGoAndTheCloudRunsOnQuorumQueuesAndKeepsItsDatabase() {
        cloud.conductor().database().create(MethodCatalog.sampleInstance("compute1", NovaStates.STOPPED,
                NovaStates.POWERING_ON, NovaStates.SHUTDOWN));
        SimulatedCloud.Switch s = cloud.switchOptions(Dialect.byId("kolla-2025.1").applyTo(base.options()), true);

        assertTrue(s.complete(), s.toString());
        assertFalse(s.refused().isEmpty(), "the old shapes were in the way first");
        assertTrue(s.deleted().stream().anyMatch(d -> d.startsWith("queue 'conductor'")), s.deleted().toString());
        Map<String, QueueType> types = types();
        for (String q : new String[]{"conductor", "scheduler", "compute", "compute.compute1", "compute.compute2"}) {
            assertEquals(QueueType.QUORUM, types.get(q), q + " in " + types);
        }
        assertEquals(1, cloud.conductor().database().size(), "the cell database survives the redeploy");
        assertEquals(5, cloud.nodes().size(), "conductor, scheduler, two computes, api");
        assertTrue(cloud.nodes().stream().allMatch(NodeInfo::running), cloud.nodes().toString());
    }
}
