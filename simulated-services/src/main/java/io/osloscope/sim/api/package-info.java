/**
 * Simulated nova-api: {@link io.osloscope.sim.api.RestServer} (REST on the JDK HTTP server) in
 * front of {@link io.osloscope.sim.api.NovaApi}, which validates like nova and turns REST into RPC.
 */
package io.osloscope.sim.api;
