/**
 * The observation stream: immutable {@link io.osloscope.engine.observe.EngineEvent}s published by
 * engine threads into an {@link io.osloscope.engine.observe.EventHub} and pulled by consumers from
 * bounded subscriptions. Publishing never blocks; drops are counted. No UI toolkit here.
 *
 * <p>Message events carry a {@link io.osloscope.engine.observe.MessageSnapshot} whose summary is the engine's one
 * classification of the message; calls and replies are paired once ({@code pairing}) and announced as
 * {@link io.osloscope.engine.observe.RpcEvents.CallPaired}.
 */
package io.osloscope.engine.observe;
