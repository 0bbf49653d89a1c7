/**
 * The live topology view: services, exchanges, queues and bindings drawn left to right, with
 * calm animated message tokens. Everything here runs on the FX thread; the model it draws lives
 * in {@code topology.model} and knows nothing of JavaFX.
 */
package io.osloscope.app.topology;
