/**
 * Simulation controls: nodes up/down, computes added and removed, faults, the delivery gate (pause, step,
 * speed) and scenarios. {@link io.osloscope.app.scenario.SimulationControl} is the engine side; its calls run
 * on an engine executor, never on the FX thread. SimControlsView.fxml + {@link io.osloscope.app.scenario.SimControlsController}
 * show {@link io.osloscope.app.scenario.SimControlsViewModel}.
 */
package io.osloscope.app.scenario;
