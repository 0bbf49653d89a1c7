/**
 * Service lifecycle as in nova's {@code service.py}: {@link io.osloscope.sim.service.Service}
 * ({@code create}, {@code serve}, {@code stop}, {@code await}) around a
 * {@link io.osloscope.sim.service.Manager} that is the RPC endpoint, plus the
 * {@code baseapi} endpoint every nova service serves.
 */
package io.osloscope.sim.service;
