/**
 * The message inspector: {@link io.osloscope.app.message.MessageDetails} decodes a selected message (oslo
 * envelope, reply, routing explanation) with the engine's decoder on an engine executor;
 * {@link io.osloscope.app.message.InspectorViewModel} publishes the result on the FX thread;
 * InspectorView.fxml and {@link io.osloscope.app.message.InspectorController} show it.
 */
package io.osloscope.app.message;
