/**
 * The fire panel: pick a target and a method (from the simulated services' catalog or free-form), edit
 * JSON arguments, call or cast. {@link io.osloscope.app.fire.FireService} is the engine side (RpcClient);
 * {@link io.osloscope.app.fire.FireViewModel} holds the form on the FX thread; FireView.fxml lays it out and
 * {@link io.osloscope.app.fire.FireController} binds the two.
 */
package io.osloscope.app.fire;
