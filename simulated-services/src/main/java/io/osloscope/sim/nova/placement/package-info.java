/**
 * A placement REST client as nova-compute's report client uses it (resource providers, inventories,
 * traits, allocations), with the token the user gives; refusals are {@link io.osloscope.sim.nova.placement.PlacementException}s
 * naming the request and placement's own words.
 */
package io.osloscope.sim.nova.placement;
