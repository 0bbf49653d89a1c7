/**
 * The observation stream: immutable {@link io.osloscope.engine.observe.EngineEvent}s published by
 * engine threads into an {@link io.osloscope.engine.observe.EventHub} and pulled by consumers from
 * bounded subscriptions. Publishing never blocks; drops are counted. No UI toolkit here.
 */
package io.osloscope.engine.observe;
