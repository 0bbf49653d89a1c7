package io.osloscope.app.shell;

import io.osloscope.app.fx.FxEventPump;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficBatch;
import io.osloscope.app.traffic.TrafficViewModel;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.NodeEvents;
import javafx.scene.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Which source the live views show, and the switch between them: the simulation on the app's own broker, or a
 * capture or recording. Owns the one event subscription of the window and the pump that hands its batches to
 * the stream and the live topology on the FX thread. FX thread.
 */
final class SourceSwitcher implements AutoCloseable {
    static final int SUBSCRIPTION_CAPACITY = 200_000;

    private final TrafficViewModel traffic;
    private final Consumer<Node> topologySlot;
    private final Runnable nodesChanged;
    private final List<Consumer<List<EngineEvent>>> liveViews = new ArrayList<>();
    /** Views that follow whatever source is shown (the Trace tab), told when it changes. */
    private final List<Follower> followers = new ArrayList<>();
    private TrafficAssembler assembler = new TrafficAssembler();
    private FxEventPump<TrafficBatch> pump;
    private EventHub hub;
    /** Names the capture in the status bar; null while the simulation is shown. */
    private Supplier<String> captureWhere;
    private EventHub simulationEvents;
    private Node simulationTopology;
    private Consumer<List<EngineEvent>> simulationTopologyEvents;

    /**
     * {@code topologySlot} puts a topology view in the window; {@code nodesChanged} runs when a simulated node
     * changed state (the simulation and fire panels list nodes).
     */
    SourceSwitcher(TrafficViewModel traffic, Consumer<Node> topologySlot, Runnable nodesChanged) {
        this.traffic = traffic;
        this.topologySlot = topologySlot;
        this.nodesChanged = nodesChanged;
        traffic.droppedSource(this::dropped);
    }

    /** The simulation's events are there: followed at once unless a capture is showing. */
    void simulationStarted(EventHub events) {
        simulationEvents = events;
        if (captureWhere == null) {
            pump = pumpFor(events);
        }
    }

    /** The simulation's topology view: shown now unless a capture is showing, and again on {@link #showSimulation}. */
    void simulationTopology(Node view, Consumer<List<EngineEvent>> onEvents) {
        simulationTopology = view;
        simulationTopologyEvents = onEvents;
        if (captureWhere == null) {
            topologySlot.accept(view);
            liveViews.add(onEvents);
        }
    }

    /** A capture or recording instead of the simulation; {@code where} names it in the status bar. */
    void showSource(EventHub source, Supplier<String> where, Node topologyView, Consumer<List<EngineEvent>> topologyEvents) {
        restart(source);
        captureWhere = where;
        topologySlot.accept(topologyView);
        liveViews.add(topologyEvents);
    }

    /** Back to the simulation (its events and topology, once they are there). */
    void showSimulation() {
        restart(simulationEvents);
        captureWhere = null;
        if (simulationTopology != null) {
            topologySlot.accept(simulationTopology);
            liveViews.add(simulationTopologyEvents);
        }
    }

    private record Follower(Consumer<List<EngineEvent>> batches, Runnable sourceChanged) {
    }

    /** {@code batches} gets every batch of the shown source, on the FX thread; {@code sourceChanged} runs on a switch. */
    void follow(Consumer<List<EngineEvent>> batches, Runnable sourceChanged) {
        followers.add(new Follower(batches, sourceChanged));
    }

    /** The capture's description for the status bar, or null while the simulation is shown. */
    String captureWhere() {
        return captureWhere == null ? null : captureWhere.get();
    }

    long published() {
        return hub == null ? 0 : hub.publishedCount();
    }

    long dropped() {
        return pump == null ? 0 : pump.dropped();
    }

    TrafficAssembler assembler() {
        return assembler;
    }

    private void restart(EventHub source) {
        closePump();
        traffic.clear();
        liveViews.clear();
        for (Follower f : followers) {
            f.sourceChanged().run();
        }
        assembler = new TrafficAssembler();
        hub = null;
        if (source != null) {
            pump = pumpFor(source);
        }
    }

    private FxEventPump<TrafficBatch> pumpFor(EventHub source) {
        hub = source;
        TrafficAssembler a = assembler;
        EventSubscription sub = source.subscribe(EventFilter.ALL, SUBSCRIPTION_CAPACITY);
        return new FxEventPump<>("stream", sub, a::assemble, this::fxApply, Duration.ofMillis(100), FxThread.executor());
    }

    private void fxApply(TrafficBatch batch) {
        traffic.append(batch);
        for (Consumer<List<EngineEvent>> v : liveViews) {
            v.accept(batch.events());
        }
        for (Follower f : followers) {
            f.batches().accept(batch.events());
        }
        for (EngineEvent e : batch.events()) {
            if (e instanceof NodeEvents.NodeStateChanged) {
                nodesChanged.run();
                break;
            }
        }
    }

    private void closePump() {
        if (pump != null) {
            pump.close();
            pump = null;
        }
    }

    @Override
    public void close() {
        closePump();
    }
}
