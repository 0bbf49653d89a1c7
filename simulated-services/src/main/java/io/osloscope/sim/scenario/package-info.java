/**
 * Headless scenarios over a {@link io.osloscope.sim.SimulatedCloud}:
 * {@link io.osloscope.sim.scenario.ScenarioRunner} runs a {@link io.osloscope.sim.scenario.Scenario}
 * and returns a JSON summary (messages by kind, instances by state, latencies).
 */
package io.osloscope.sim.scenario;
