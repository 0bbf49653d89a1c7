/**
 * Recordings: captures saved as JSON Lines (raw properties, base64 body, decoded view, timing) with
 * optional redaction, read back and replayed into the same pipeline. Writers are single-threaded.
 */
package io.osloscope.engine.sniff.record;
