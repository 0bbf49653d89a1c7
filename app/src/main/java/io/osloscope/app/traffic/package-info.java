/**
 * The message stream: {@link io.osloscope.app.traffic.TrafficAssembler} turns engine events into rows on
 * the pump's timer thread; {@link io.osloscope.app.traffic.TrafficViewModel} (FX thread, no nodes) keeps the
 * capped window, filters, pause and follow-tail; {@link io.osloscope.app.traffic.TrafficView} loads
 * {@code TrafficView.fxml} with its {@link io.osloscope.app.traffic.TrafficController}, whose table is built in code.
 */
package io.osloscope.app.traffic;
