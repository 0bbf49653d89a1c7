/**
 * The topology as plain data: {@link io.osloscope.app.topology.model.TopologyModel} is fed by
 * engine events or by the broker SPI's {@link io.osloscope.engine.broker.TopologySnapshot}s (the in-memory
 * broker's, or a real RabbitMQ's read from its management API) and derives a collapsed, laid-out graph. No JavaFX here;
 * single-threaded (the view calls it on the FX thread, tests on theirs).
 */
package io.osloscope.app.topology.model;
