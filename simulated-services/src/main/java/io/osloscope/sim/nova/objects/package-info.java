/**
 * nova's versioned objects as they travel over RPC: {@link io.osloscope.sim.nova.objects.Instance}
 * (2.7) with its change tracking, and builders for Flavor, RequestSpec, BuildRequest, Selection and
 * the other primitives the simulated services exchange, plus nova's state vocabularies.
 */
package io.osloscope.sim.nova.objects;
