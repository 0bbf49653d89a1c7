/**
 * Dialects of oslo.messaging's rabbit driver: which options a deployment runs with and so which shapes its
 * services declare (quorum topic queues, quorum reply queues, stream fanout, queue-manager names, ...).
 * {@link io.osloscope.engine.rpc.dialect.DialectResolver} is the one entry point from a transport URL, oslo config
 * files, a dialect name ({@link io.osloscope.engine.rpc.dialect.Dialect}, or {@code auto}, found on the broker by
 * {@link io.osloscope.engine.rpc.dialect.DialectDetector}) and explicit options to a transport's settings.
 * {@link io.osloscope.engine.rpc.OsloTopology} (in {@code rpc}, beside the options) says what each setting declares;
 * {@link io.osloscope.engine.rpc.dialect.DeclareMismatch} explains a broker's refusal of a declare.
 */
package io.osloscope.engine.rpc.dialect;
