/**
 * The oslo.messaging 14.0.3 wire format: the 2.0 envelope, RPC requests and replies, remote
 * failures, and a JSON writer that produces Python-{@code json.dumps}-style text. Pure functions and
 * immutable records: safe on any thread, no broker access.
 *
 * <p>Writing is strict (what oslo 14.0.3 sends); reading comes in two strengths. {@link
 * io.osloscope.engine.wire.WireCodec#decodeRequest} and friends reject what a peer rejects. {@link
 * io.osloscope.engine.wire.OsloDecoder} is the one tolerant reader for everything that shows messages (sniffer,
 * window, command line): it classifies any (properties, body) pair and never throws, says in one line what a
 * peer would have done with a bad message, and masks secrets ({@link io.osloscope.engine.wire.Secrets}).
 * {@link io.osloscope.engine.wire.MessageSummary} is its tree-free listing view.
 */
package io.osloscope.engine.wire;
