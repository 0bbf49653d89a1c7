package io.osloscope.app.shell;

import io.osloscope.app.AppContext;
import io.osloscope.app.fire.FireView;
import io.osloscope.app.fire.FireViewModel;
import io.osloscope.app.fx.FxEventPump;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.message.InspectorView;
import io.osloscope.app.message.InspectorViewModel;
import io.osloscope.app.scenario.SimControlsView;
import io.osloscope.app.scenario.SimControlsViewModel;
import io.osloscope.app.theme.Styles;
import io.osloscope.app.topology.TopologyView;
import io.osloscope.app.playground.RoutingPlaygroundView;
import io.osloscope.app.sequence.SequenceView;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficBatch;
import io.osloscope.app.traffic.TrafficView;
import io.osloscope.app.traffic.TrafficViewModel;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.NodeEvents;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.StatusBar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The inspector window's content: fire panel and simulation controls on the left; topology (and routing
 * playground) at the top; the message stream beside the message inspector below; status bar at the bottom.
 * Owns the pump that feeds every live view from one event subscription. FX thread.
 */
public final class MainWindow implements AutoCloseable {
    static final int SUBSCRIPTION_CAPACITY = 200_000;

    private final AppContext ctx;
    private final BorderPane root = new BorderPane();
    private final NotificationPane notificationPane;
    private final Notifier notifier;
    private TrafficAssembler assembler = new TrafficAssembler();
    private final TrafficViewModel traffic = new TrafficViewModel();
    private final TrafficView trafficView = new TrafficView(traffic);
    private final InspectorViewModel inspectorModel;
    private final InspectorView inspectorView;
    private final FireViewModel fireModel;
    private final SimControlsViewModel simModel;
    private final StatusViewModel status;
    private FxEventPump<TrafficBatch> pump;
    private io.osloscope.engine.observe.EventHub hub;
    private java.util.function.Supplier<String> sourceWhere;
    private final io.osloscope.app.sniff.SniffFeature sniff;
    private final Timeline sampler;
    private final SplitPane outer = new SplitPane();
    private final SplitPane center = new SplitPane();
    private final SplitPane bottom = new SplitPane();
    private final TabPane leftTabs = new TabPane();
    private final TabPane graphTabs = new TabPane();
    private final StackPane topologySlot = placeholder("Topology view");
    private final StackPane playgroundSlot = placeholder("Routing playground");
    private final List<Consumer<List<EngineEvent>>> liveViews = new ArrayList<>();
    private final TopologyView topology;

    public MainWindow(AppContext ctx) {
        this.ctx = ctx;
        inspectorModel = new InspectorViewModel(ctx.engineExecutor(), FxThread.executor(), traffic::flowOf);
        inspectorModel.rowProperty().bind(traffic.selectedProperty());
        inspectorView = new InspectorView(inspectorModel);
        sniff = new io.osloscope.app.sniff.SniffFeature(ctx);
        fireModel = new FireViewModel(sniff.fireService(), FxThread.executor());
        fireModel.onFired(id -> traffic.highlightRequestIdProperty().set(id));
        simModel = new SimControlsViewModel(ctx.simulation(), ctx.engineExecutor(), FxThread.executor());

        pump = pumpFor(ctx.events());
        traffic.droppedSource(() -> pump.dropped());
        status = new StatusViewModel(() -> hub.publishedCount(), () -> assembler.counts(), () -> pump.dropped(),
                this::where);

        notificationPane = new NotificationPane(layout());
        notificationPane.setShowFromTop(true);
        notificationPane.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        notifier = new Notifier(notificationPane, System.err);
        simModel.onError(e -> notifier.error("Simulation", e));
        root.setCenter(notificationPane);
        root.setBottom(statusBar());
        root.setId("mainWindow");
        if (ctx.broker() != null) {
            topology = new TopologyView(ctx.broker());
            setTopologyView(topology.getRoot(), topology::onEvents);
            traffic.selectedProperty().addListener((o, a, row) -> {
                if (row != null && row.messageRef() != 0) {
                    topology.selectMessage(row.messageRef());
                }
            });
        } else {
            topology = null;
        }
        SequenceView sequence = new SequenceView();
        inspectorView.setFlowView(sequence.getRoot(), sequence::show);
        if (ctx.broker() instanceof InMemoryBroker memory) {
            buildOnFirstSelection(graphTabs.getTabs().get(1),
                    () -> setPlaygroundView(new RoutingPlaygroundView(memory).getRoot()));
        }

        sniff.install(this);

        sampler = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            status.sample(System.nanoTime());
            if (inspectorModel.awaitingOutcome()) {
                inspectorModel.refresh();
            }
        }));
        sampler.setCycleCount(Timeline.INDEFINITE);
        sampler.play();
        status.sample(System.nanoTime());
    }

    private Node layout() {
        Tab fire = new Tab(Views.FIRE.title());
        Tab sim = new Tab(Views.SIMULATION.title(), new SimControlsView(simModel).getRoot());
        leftTabs.getTabs().addAll(sim, fire);
        buildOnFirstSelection(fire, () -> fire.setContent(new FireView(fireModel).getRoot()));
        leftTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        leftTabs.setId("leftTabs");

        graphTabs.getTabs().addAll(new Tab(Views.TOPOLOGY.title(), topologySlot),
                new Tab(Views.PLAYGROUND.title(), playgroundSlot));
        graphTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        graphTabs.setId("graphTabs");

        bottom.getItems().addAll(trafficView.getRoot(), inspectorView.getRoot());
        bottom.setDividerPositions(0.64);
        center.setOrientation(Orientation.VERTICAL);
        center.getItems().addAll(graphTabs, bottom);
        center.setDividerPositions(0.52);
        outer.getItems().addAll(leftTabs, center);
        outer.setDividerPositions(0.17);
        SplitPane.setResizableWithParent(leftTabs, false);
        return outer;
    }

    private Node statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(status.leftProperty());
        Label counts = new Label();
        counts.setId("statusCounts");
        counts.textProperty().bind(status.rightProperty());
        bar.getRightItems().add(counts);
        return bar;
    }

    private FxEventPump<TrafficBatch> pumpFor(io.osloscope.engine.observe.EventHub source) {
        hub = source;
        TrafficAssembler a = assembler;
        EventSubscription sub = source.subscribe(EventFilter.ALL, SUBSCRIPTION_CAPACITY);
        return new FxEventPump<>("stream", sub, a::assemble, this::fxApply,
                java.time.Duration.ofMillis(100), FxThread.executor());
    }

    /**
     * Shows another event source (a real broker's capture or a recording) in the stream, inspector and
     * topology slot, instead of the simulation; {@code where} names it in the status bar.
     */
    public void showSource(io.osloscope.engine.observe.EventHub source, java.util.function.Supplier<String> where,
                           Node topologyView, Consumer<List<EngineEvent>> topologyEvents) {
        pump.close();
        traffic.clear();
        assembler = new TrafficAssembler();
        pump = pumpFor(source);
        sourceWhere = where;
        topologySlot.getChildren().setAll(topologyView);
        liveViews.clear();
        liveViews.add(topologyEvents);
        status.sample(System.nanoTime());
    }

    /** Back to the simulated cloud on the app's own broker. */
    public void showSimulation() {
        pump.close();
        traffic.clear();
        assembler = new TrafficAssembler();
        pump = pumpFor(ctx.events());
        sourceWhere = null;
        liveViews.clear();
        if (topology != null) {
            topologySlot.getChildren().setAll(topology.getRoot());
            liveViews.add(topology::onEvents);
        }
        status.sample(System.nanoTime());
    }

    /** Adds a tab to the left side (e.g. the RabbitMQ connect panel). */
    public void addLeftTab(String title, Node content) {
        leftTabs.getTabs().add(new Tab(title, content));
    }

    public void showLeftTab(String title) {
        leftTabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> leftTabs.getSelectionModel().select(t));
    }

    private String where() {
        if (sourceWhere != null) {
            return sourceWhere.get();
        }
        long nodes = simModel.nodes().stream().filter(n -> !n.down()).count();
        return io.osloscope.app.sniff.ModeText.SIMULATION + " · " + ctx.description() + " · " + nodes + " of " + simModel.nodes().size() + " nodes up";
    }

    private void fxApply(TrafficBatch batch) {
        traffic.append(batch);
        for (Consumer<List<EngineEvent>> v : liveViews) {
            v.accept(batch.events());
        }
        for (EngineEvent e : batch.events()) {
            if (e instanceof NodeEvents.NodeStateChanged) {
                simModel.refresh();
                fireModel.refreshServers();
                break;
            }
        }
    }

    /** Puts a live view (topology) in its slot; it receives every event batch on the FX thread. */
    public void setTopologyView(Node view, Consumer<List<EngineEvent>> onEvents) {
        topologySlot.getChildren().setAll(view);
        liveViews.add(onEvents);
    }

    public void setPlaygroundView(Node view) {
        playgroundSlot.getChildren().setAll(view);
    }

    /**
     * Runs {@code build} when {@code tab} is first selected (now, if it already is). NOTE(perf): a hidden tab's
     * content still goes through the first CSS and layout pass, which the first frame waits for.
     */
    private static void buildOnFirstSelection(Tab tab, Runnable build) {
        if (tab.isSelected()) {
            build.run();
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    build.run();
                }
            }
        });
    }

    private static StackPane placeholder(String what) {
        Label l = new Label(what);
        l.getStyleClass().add(Styles.PLACEHOLDER);
        return new StackPane(l);
    }

    // --- layout memory ---

    public void restoreLayout(LayoutStore store) {
        outer.setDividerPositions(store.get("split.outer", 0.17));
        center.setDividerPositions(store.get("split.center", 0.52));
        bottom.setDividerPositions(store.get("split.bottom", 0.64));
    }

    public void saveLayout(LayoutStore store) {
        store.put("split.outer", outer.getDividerPositions()[0]);
        store.put("split.center", center.getDividerPositions()[0]);
        store.put("split.bottom", bottom.getDividerPositions()[0]);
    }

    // --- actions used by shortcuts, the screenshot mode and tests ---

    public void showGraphTab(int index) {
        graphTabs.getSelectionModel().select(index);
    }

    public void showLeftTab(Views view) {
        leftTabs.getTabs().stream().filter(t -> t.getText().equals(view.title())).findFirst()
                .ifPresent(t -> leftTabs.getSelectionModel().select(t));
    }

    public BorderPane getRoot() { return root; }
    /** The embedded topology view, or null without a broker. */
    public TopologyView topology() { return topology; }
    public TrafficViewModel traffic() { return traffic; }
    public TrafficView trafficView() { return trafficView; }
    public InspectorViewModel inspector() { return inspectorModel; }
    public InspectorView inspectorView() { return inspectorView; }
    public FireViewModel fire() { return fireModel; }
    public SimControlsViewModel simulation() { return simModel; }
    public Notifier notifier() { return notifier; }
    public TrafficAssembler assembler() { return assembler; }
    public io.osloscope.app.sniff.SniffFeature sniff() { return sniff; }

    @Override
    public void close() {
        sampler.stop();
        pump.close();
        sniff.close();
    }
}
