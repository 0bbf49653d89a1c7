/**
 * The sequence view of one flow: services as lanes, messages as arrows over time.
 * {@link io.osloscope.app.sequence.SequenceDiagram} is plain data built without the toolkit;
 * {@link io.osloscope.app.sequence.SequenceView} draws it on the FX thread.
 */
package io.osloscope.app.sequence;
