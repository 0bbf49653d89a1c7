package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.nova.ComputeRegistration;
import io.osloscope.sim.nova.ConductorManager;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.placement.PlacementClient;
import io.osloscope.sim.service.NodeContext;
import io.osloscope.sim.service.Service;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeFleetTest {

    @Test
    void hostListsExpandRangesKeepZeroPaddingAndRefuseMistakes() {
        assertEquals(List.of("sim1", "sim2", "sim3"), ComputeFleet.expandHosts("sim[1-3]"));
        assertEquals(List.of("cmp08.dc", "cmp09.dc", "cmp10.dc"), ComputeFleet.expandHosts("cmp[08-10].dc"));
        assertEquals(List.of("ctl", "a1", "a2"), ComputeFleet.expandHosts("ctl, a[1-2]"));
        assertEquals(1000, ComputeFleet.expandHosts("sim[1-1000]").size());
        assertThrows(IllegalArgumentException.class, () -> ComputeFleet.expandHosts("sim[3-1]"));
        assertThrows(IllegalArgumentException.class, () -> ComputeFleet.expandHosts("sim[1-x]"));
        assertThrows(IllegalArgumentException.class, () -> ComputeFleet.expandHosts("a,,b"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ComputeFleet.expandHosts("sim1,sim[1-2]"));
        assertTrue(twice.getMessage().contains("repeat"), twice.getMessage());
    }

    @Test
    void aConductorThatRefusesRegistrationGetsOneLinePerComputeAndNoneServes() {
        try (Transport t = TestTransports.memory()) {
            ConductorManager manager = new ConductorManager(NodeContext.of(t, NovaTopics.BIN_CONDUCTOR, "ctl"));
            Service conductor = Service.create(NovaTopics.BIN_CONDUCTOR, NovaTopics.CONDUCTOR, "ctl", manager).serve();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            // the simulated conductor keeps service records but no compute nodes: ComputeNode lookups are refused
            ComputeRegistration.Options reg = ComputeRegistration.Options.defaults(
                    new PlacementClient("http://127.0.0.1:9", "admin:admin"), true);
            try (ComputeFleet fleet = ComputeFleet.start(t, List.of("c1", "c2", "c3"), reg, 2, Duration.ofSeconds(5),
                    lines::add)) {
                assertEquals(0, fleet.services().size());
                assertEquals(List.of("c1", "c2", "c3"), fleet.refused().stream().sorted().toList());
                assertEquals(0, manager.services().size(), "the refused computes' service records are rolled back");
            } finally {
                conductor.stop();
            }
            assertEquals(3, lines.size(), String.valueOf(lines));
            for (String l : lines) {
                assertTrue(l.matches("c\\d: refused: compute node: conductor raised \\S+: .*")
                        && !l.contains("\n"), l);
            }
        }
    }

    @Test
    void withoutRegisteringComputesServeOnTheSimulatedCloudAsBefore() {
        try (Transport t = TestTransports.memory()) {
            Service conductor = Service.create(NovaTopics.BIN_CONDUCTOR, NovaTopics.CONDUCTOR, "ctl",
                    new ConductorManager(NodeContext.of(t, NovaTopics.BIN_CONDUCTOR, "ctl"))).serve();
            List<String> lines = new ArrayList<>();
            try (ComputeFleet fleet = ComputeFleet.start(t, ComputeFleet.expandHosts("c[1-4]"), null, 2,
                    Duration.ofSeconds(5), lines::add)) {
                assertEquals(4, fleet.services().size());
                assertTrue(fleet.services().stream().allMatch(Service::isRunning));
            } finally {
                conductor.stop();
            }
            assertEquals(List.of(), lines);
        }
    }

    /**
     * Computes that register only their service record (no placement) are seen by the simulated conductor: one
     * record each, and their report_state saves arrive there every report interval.
     */
    @Test
    void serviceOnlyComputesReportStateToTheSimulatedConductor() throws Exception {
        try (Transport t = TestTransports.memory()) {
            ConductorManager manager = new ConductorManager(NodeContext.of(t, NovaTopics.BIN_CONDUCTOR, "ctl"));
            Service conductor = Service.create(NovaTopics.BIN_CONDUCTOR, NovaTopics.CONDUCTOR, "ctl", manager).serve();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            ComputeRegistration.Options reg = ComputeRegistration.Options.serviceOnly()
                    .withIntervals(Duration.ofMillis(200), Duration.ofSeconds(60));
            try (ComputeFleet fleet = ComputeFleet.start(t, ComputeFleet.expandHosts("r[1-5]"), reg, 3,
                    Duration.ofSeconds(5), lines::add)) {
                assertEquals(5, fleet.services().size());
                assertEquals(5, manager.services().size());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while ((manager.services().reportStates() < 10 || fleet.reportsAccepted() < 10)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(manager.services().reportStates() >= 10, "report_state saves: "
                        + manager.services().reportStates());
                assertTrue(fleet.reportsAccepted() >= 10, "accepted: " + fleet.reportsAccepted());
            } finally {
                conductor.stop();
            }
            assertEquals(List.of(), lines);
        }
    }
}
