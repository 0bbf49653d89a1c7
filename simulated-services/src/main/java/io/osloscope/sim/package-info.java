/**
 * The simulated nova cloud as one composition: {@link io.osloscope.sim.SimulatedCloud} (start,
 * nodes, faults, broker gate, REST port) and {@link io.osloscope.sim.MethodCatalog} for firing
 * the simulated services' RPC methods.
 */
package io.osloscope.sim;
