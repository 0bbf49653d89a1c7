/**
 * The oslo.messaging 14.0.3 wire format: the 2.0 envelope, RPC requests and replies, remote
 * failures, and a JSON writer that produces Python-{@code json.dumps}-style text. Pure functions and
 * immutable records: safe on any thread, no broker access.
 */
package io.osloscope.engine.wire;
