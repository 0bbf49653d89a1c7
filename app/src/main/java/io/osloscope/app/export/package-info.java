/**
 * Exports for slides: {@link io.osloscope.app.export.SvgWriter} turns a drawn view (the topology, the flow) into
 * SVG from its shapes and texts as shown; {@link io.osloscope.app.export.ImageFiles} writes PNG and animated GIF
 * (the JDK's own GIF writer). Depends on no view; the views call it. FX thread for anything reading nodes.
 */
package io.osloscope.app.export;
