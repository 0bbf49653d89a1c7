package io.osloscope.app.trace;

import io.osloscope.app.fx.Views;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.WindowFeature;

/**
 * Plugs the Trace tab into the window: a tab beside the topology, fed with the same event batches as the stream,
 * whatever the source (simulation, capture, recording), and emptied when the source changes. The view is built when
 * the tab is first shown; the traces are collected from the start. FX thread.
 */
public final class TraceFeature implements WindowFeature {
    private final TraceViewModel model = new TraceViewModel();
    private TraceView view;

    @Override
    public void install(MainWindow window) {
        window.addGraphTab(Views.TRACE.title(), () -> view().getRoot());
        window.followEvents(batch -> model.onEvents(batch, System.nanoTime()), model::reset);
    }

    public TraceViewModel model() {
        return model;
    }

    /** The tab's view, built on first use. */
    public TraceView view() {
        if (view == null) {
            view = new TraceView(model);
        }
        return view;
    }

    @Override
    public void close() {
    }
}
