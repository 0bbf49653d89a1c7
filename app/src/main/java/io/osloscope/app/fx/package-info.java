/**
 * The only thread-crossing helpers of the app: {@link io.osloscope.app.fx.FxEventPump} moves an engine
 * event subscription onto the FX thread in batches, {@link io.osloscope.app.fx.FxThread} names the FX
 * executor. Everything else in the app either runs on the FX thread or is plain engine-side code.
 */
package io.osloscope.app.fx;
