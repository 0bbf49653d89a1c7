/**
 * Fault injection per simulated node: {@link io.osloscope.sim.fault.FaultPlan} holds what is
 * switched on, {@link io.osloscope.sim.fault.FaultyBroker} applies down / slow / dropped replies
 * beneath the RPC layer (so the RPC engine is used exactly as a real service uses it), and can
 * share one broker connection among many simulated nodes.
 */
package io.osloscope.sim.fault;
