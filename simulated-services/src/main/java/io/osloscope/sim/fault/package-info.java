/**
 * Fault injection per simulated node: {@link io.osloscope.sim.fault.FaultPlan} holds what is
 * switched on, and the broker it {@linkplain io.osloscope.sim.fault.FaultPlan#inject injects} applies down / slow / dropped replies
 * beneath the RPC layer (so the RPC engine is used exactly as a real service uses it), and can
 * share one broker connection among many simulated nodes. That broker offers the plan as its
 * {@link io.osloscope.engine.broker.FaultControl} capability.
 */
package io.osloscope.sim.fault;
