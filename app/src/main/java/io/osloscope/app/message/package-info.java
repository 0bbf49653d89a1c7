/**
 * The message inspector: {@link io.osloscope.app.message.MessageDetails} decodes a selected message (oslo
 * envelope, reply, routing explanation) on an engine executor; {@link io.osloscope.app.message.InspectorViewModel}
 * publishes the result on the FX thread; {@link io.osloscope.app.message.InspectorView} shows it.
 */
package io.osloscope.app.message;
