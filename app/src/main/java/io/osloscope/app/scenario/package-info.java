/**
 * Simulation controls: nodes up/down, computes added and removed, faults, the broker's delivery pacing (pause,
 * step, speed) and scenarios. The scenarios themselves are the simulated services' ({@code sim.scenario}), the
 * same ones {@code osloscope simulate} runs; this package only lists and starts them. {@link io.osloscope.app.scenario.SimulationControl} is the engine side; its calls run
 * on an engine executor, never on the FX thread. SimControlsView.fxml + {@link io.osloscope.app.scenario.SimControlsController}
 * show {@link io.osloscope.app.scenario.SimControlsViewModel}.
 */
package io.osloscope.app.scenario;
