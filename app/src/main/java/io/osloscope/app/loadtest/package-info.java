/**
 * {@code osloscope loadtest}: boots servers through a nova API, times each to ACTIVE, samples RabbitMQ's
 * management API (queue depths, publish rates) and, given a transport, counts RPC methods with a read-only tap;
 * reports JSON and draws the run as a PNG (Java2D) or a self-contained HTML/SVG page. No JavaFX.
 */
package io.osloscope.app.loadtest;
