package io.osloscope.app.scenario;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.backend.DefaultBackend;
import io.osloscope.sim.scenario.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window runs the simulated services' scenarios, the same ones {@code osloscope simulate} runs. */
class CloudSimulationControlTest {
    private final AppContext ctx = DefaultBackend.start("memory://cloud-simulation-control-test", 2);
    private final SimulationControl sim = ctx.simulation();

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void theScenarioListIsTheSimulatedServicesSet() {
        assertEquals(Arrays.stream(Scenario.values()).map(Scenario::title).toList(), sim.scenarios());
    }

    @Test
    void bootRunsOnTheWindowsCloudUntilTheServerIsActive() {
        String line = sim.runScenario(Scenario.BOOT.title());
        assertTrue(line.startsWith("boot: ok in "), line);
        assertTrue(line.contains("\"ACTIVE\":1"), line);
    }

    @Test
    void pauseAndStepActOnTheBrokersPacing() {
        sim.setPaused(true);
        assertTrue(sim.paused());
        assertFalse(sim.step(), "nothing held yet");
        sim.setPaused(false);
        assertFalse(sim.paused());
    }
}
