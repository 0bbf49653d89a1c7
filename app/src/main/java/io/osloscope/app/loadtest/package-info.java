/**
 * {@code osloscope loadtest}: boots servers through a nova API, times each to ACTIVE, samples RabbitMQ's
 * management API (queue depths, publish rates) and, given a transport, counts RPC methods with a read-only tap;
 * reports JSON and draws the run as a self-contained HTML/SVG chart. No JavaFX.
 */
package io.osloscope.app.loadtest;
