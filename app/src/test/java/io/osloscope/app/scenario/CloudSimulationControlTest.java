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

    /**
     * The migration rehearsal's broker switch: the running zed cloud's broker restarts as RabbitMQ 4.3, which refuses
     * zed's transient queues with 541 (the services that declare one stay stopped, the panel says why); kolla-2025.1
     * then runs there, boots a server and answers the fire panel.
     */
    @Test
    void theBrokerRestartsAs43WhereZedIsRefusedWith541AndKolla2025Runs() throws Exception {
        assertEquals("RabbitMQ 4.0 rules", sim.broker());
        assertTrue(sim.releases().contains("4.3"), sim.releases().toString());
        SimulationControl.DialectSwitch zed = sim.switchRelease("4.3", "zed", false);
        assertEquals("RabbitMQ 4.3 rules", sim.broker(), "the broker line follows the switch");
        assertFalse(zed.complete(), String.join("\n", zed.lines()));
        assertTrue(zed.lines().get(0).startsWith("⚠ RabbitMQ 4.3: "), zed.lines().get(0));
        assertTrue(zed.lines().stream().anyMatch(l -> l.startsWith("✘ refused: ") && l.contains(": 541 ")
                && l.contains("transient_nonexcl_queues")), String.join("\n", zed.lines()));

        SimulationControl.DialectSwitch kolla = sim.switchDialect("kolla-2025.1", false);
        assertTrue(kolla.complete(), String.join("\n", kolla.lines()));
        String boot = sim.runScenario(Scenario.BOOT.title());
        assertTrue(boot.startsWith("boot: ok in ") && boot.contains("\"ACTIVE\":1"), boot);
        var ping = ctx.fire().fire(new io.osloscope.app.fire.FireRequest(
                io.osloscope.app.fire.FireRequest.TargetKind.SERVER, null, "compute", "compute1", "1.0", "baseapi",
                "ping", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("arg", "x"), true,
                java.time.Duration.ofSeconds(10), "req-release-test")).get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(ping.ok(), ping.errorClass() + ": " + ping.errorMessage());
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
