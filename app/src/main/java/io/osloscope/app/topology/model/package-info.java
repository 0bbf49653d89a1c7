/**
 * The topology as plain data: {@link io.osloscope.app.topology.model.TopologyModel} is fed by
 * engine events or by {@link io.osloscope.app.topology.model.TopologySnapshot}s (in-memory broker,
 * later a real RabbitMQ's management API) and derives a collapsed, laid-out graph. No JavaFX here;
 * single-threaded (the view calls it on the FX thread, tests on theirs).
 */
package io.osloscope.app.topology.model;
