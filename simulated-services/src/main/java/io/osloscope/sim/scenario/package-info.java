/**
 * The scenarios, one set for the command line ({@code osloscope simulate}) and the window's simulation panel:
 * {@link io.osloscope.sim.scenario.ScenarioRunner} runs a {@link io.osloscope.sim.scenario.Scenario} on a cloud it
 * starts ({@code run}) or on one already running ({@code runOn}), and returns a JSON summary (messages by kind,
 * instances by state, latencies) that {@code oneLine} shortens for a status bar.
 */
package io.osloscope.sim.scenario;
