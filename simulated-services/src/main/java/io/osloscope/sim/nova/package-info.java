/**
 * Simulated nova Zed control plane on the RPC engine: managers (the RPC endpoints:
 * {@link io.osloscope.sim.nova.ComputeManager}, {@link io.osloscope.sim.nova.ConductorManager} with
 * {@link io.osloscope.sim.nova.ComputeTaskManager}, {@link io.osloscope.sim.nova.SchedulerManager})
 * and rpcapi clients ({@link io.osloscope.sim.nova.ComputeAPI}, {@link io.osloscope.sim.nova.ConductorAPI},
 * {@link io.osloscope.sim.nova.ComputeTaskAPI}, {@link io.osloscope.sim.nova.SchedulerAPI}) with nova's
 * method names, argument names, versions, topics and exchange {@code nova}.
 */
package io.osloscope.sim.nova;
