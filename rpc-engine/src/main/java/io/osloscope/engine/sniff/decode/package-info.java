/**
 * Tolerant oslo.messaging decoding: {@link io.osloscope.engine.sniff.decode.OsloDecoder} classifies any
 * (properties, body) pair and never throws. Pure functions, safe on any thread.
 */
package io.osloscope.engine.sniff.decode;
