package io.osloscope.sim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.TestTransports;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioRunnerTest {
    private static ObjectNode run(Scenario s, int computes, int count) {
        try (Transport t = TestTransports.memory()) {
            return new ScenarioRunner(t, new ScenarioRunner.Settings(s, computes, count, Duration.ofSeconds(30))).run();
        }
    }

    @Test
    void bootScenarioReportsEveryServerActiveAndTheMessagesItTook() {
        ObjectNode r = run(Scenario.BOOT, 3, 6);
        assertEquals("ok", r.get("outcome").asText(), r.toPrettyString());
        assertEquals(6, r.get("instances").get("ACTIVE").asInt());
        assertEquals(6, r.get("messages").get("by_method").get("build_and_run_instance").asInt());
        assertEquals(6, r.get("messages").get("by_method").get("select_destinations").asInt());
        assertEquals(6, r.get("figures").get("boot_to_settled_ms").get("count").asInt());
        assertTrue(r.get("messages").get("fanout").asInt() >= 6, "instance-info fanouts after each boot");
    }

    @Test
    void startStopScenarioEndsWithEveryServerActiveAgain() {
        ObjectNode r = run(Scenario.START_STOP, 2, 2);
        assertEquals("ok", r.get("outcome").asText(), r.toPrettyString());
        assertEquals(2, r.get("messages").get("by_method").get("stop_instance").asInt());
        assertEquals(2, r.get("messages").get("by_method").get("start_instance").asInt());
        assertEquals(2, r.get("instances").get("ACTIVE").asInt());
    }

    @Test
    void fanoutScenarioReachesEveryCompute() {
        ObjectNode r = run(Scenario.FANOUT, 5, 3);
        assertEquals("ok", r.get("outcome").asText(), r.toPrettyString());
        assertEquals(5, r.get("figures").get("computes_reached").asInt());
        assertEquals(15, r.get("figures").get("deliveries").asInt());
    }

    @Test
    void computeDownScenarioShowsCastsPilingUpThenDraining() {
        ObjectNode r = run(Scenario.COMPUTE_DOWN, 2, 4);
        assertEquals("ok", r.get("outcome").asText(), r.toPrettyString());
        int onHost = r.get("figures").get("servers_on_down_host").asInt();
        assertTrue(onHost >= 1, r.toPrettyString());
        assertEquals(onHost, r.get("figures").get("queued_while_down").asInt());
        assertEquals(onHost, r.get("instances").get("SHUTOFF").asInt());
    }

    @Test
    void unknownScenarioNamesAreRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.parse("reboot"));
        assertTrue(e.getMessage().contains("boot, boot-storm, start-stop, fanout, compute-down"), e.getMessage());
    }

    @Test
    void runOnARunningCloudCountsOnlyTheMessagesTheScenarioCaused() {
        try (Transport t = TestTransports.memory(); SimulatedCloud cloud = SimulatedCloud.start(t, 2)) {
            ObjectNode r = ScenarioRunner.runOn(cloud, Scenario.BOOT_STORM, 3, Duration.ofSeconds(30));
            assertEquals("ok", r.get("outcome").asText(), r.toPrettyString());
            assertEquals("boot-storm", r.get("scenario").asText());
            assertEquals(3, r.get("instances").get("ACTIVE").asInt());
            assertEquals(3, r.get("messages").get("by_method").get("build_and_run_instance").asInt());
            assertFalse(r.get("messages").get("by_method").has("ping"), "start-up traffic is not counted");
            assertTrue(ScenarioRunner.oneLine(r).startsWith("boot-storm: ok in "), ScenarioRunner.oneLine(r));
        }
    }

    @Test
    void computeDownWithoutComputesSaysWhatToDo() {
        try (Transport t = TestTransports.memory(); SimulatedCloud cloud = SimulatedCloud.start(t, 0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ScenarioRunner.runOn(cloud, Scenario.COMPUTE_DOWN, 1, Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("add one first"), e.getMessage());
        }
    }
}
