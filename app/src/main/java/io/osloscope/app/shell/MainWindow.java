package io.osloscope.app.shell;

import io.osloscope.app.AppContext;
import io.osloscope.app.fire.FireView;
import io.osloscope.app.fire.FireViewModel;
import io.osloscope.app.fx.FxEventPump;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.message.InspectorView;
import io.osloscope.app.message.InspectorViewModel;
import io.osloscope.app.playground.RoutingPlaygroundView;
import io.osloscope.app.scenario.SimControlsView;
import io.osloscope.app.scenario.SimControlsViewModel;
import io.osloscope.app.sequence.SequenceView;
import io.osloscope.app.topology.TopologyView;
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
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The inspector window: the shell from {@code MainWindow.fxml} (tabs, split panes, slots, status bar) with the
 * views put in its slots and the notification banner around them: fire panel and simulation controls on the left; topology (and
 * routing playground) at the top; the message stream beside the message inspector below. Owns the pump that
 * feeds every live view from one event subscription. FX thread.
 *
 * <p>{@link #MainWindow(AppContext)} builds everything at once. {@link #shell()} builds only the shell, which
 * needs no backend, so the window's first frame is cheap; {@link #completeAfterFirstFrame} then starts the
 * backend and puts the views in, one group per pulse, once that frame is on its way to the screen. Until the
 * backend is attached the view models that need it ({@link #fire()}, {@link #simulation()},
 * {@link #inspector()}) are null; until the window is complete so are the views ({@link #topology()},
 * {@link #trafficView()}, {@link #inspectorView()}).
 */
public final class MainWindow implements AutoCloseable {
    static final int SUBSCRIPTION_CAPACITY = 200_000;

    private final MainWindowController shell;
    private final BorderPane root;
    private final Notifier notifier;
    private TrafficAssembler assembler = new TrafficAssembler();
    private final TrafficViewModel traffic = new TrafficViewModel();
    private final StatusViewModel status;
    private final io.osloscope.app.sniff.SniffFeature sniff;
    private final Timeline sampler;
    private final List<Consumer<List<EngineEvent>>> liveViews = new ArrayList<>();
    /** Groups of views still to put in their slots, in the order the user should see them appear. */
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final CompletableFuture<MainWindow> completed = new CompletableFuture<>();
    /** The backend and what needs it; null until {@link #attach}. */
    private AppContext ctx;
    private InspectorViewModel inspectorModel;
    private FireViewModel fireModel;
    private SimControlsViewModel simModel;
    /** The source the stream shows: null until the backend is attached or a capture is shown. */
    private FxEventPump<TrafficBatch> pump;
    private io.osloscope.engine.observe.EventHub hub;
    private java.util.function.Supplier<String> sourceWhere;
    private String backendProblem;
    private Scene scene;
    private boolean building;
    private TrafficView trafficView;
    private InspectorView inspectorView;
    private TopologyView topology;
    private boolean closed;

    /** The whole window on {@code ctx}, every view built now. */
    public MainWindow(AppContext ctx) {
        this();
        attach(ctx);
        pending.addFirst(this::buildStream);
        pending.addFirst(this::wrapInNotificationPane);
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
        completed.complete(this);
    }

    /**
     * Only the shell: toolbar, tab headers, placeholders and status bar, with no backend; call
     * {@link #completeAfterFirstFrame} once the root is in a scene.
     */
    public static MainWindow shell() {
        return new MainWindow();
    }

    private MainWindow() {
        traffic.droppedSource(() -> pump == null ? 0 : pump.dropped());
        status = new StatusViewModel(() -> hub == null ? 0 : hub.publishedCount(), () -> assembler.counts(),
                () -> pump == null ? 0 : pump.dropped(), this::where);
        shell = ViewLoader.<BorderPane, MainWindowController>load(Views.MAIN.fxml(),
                new MainWindowController(status)).controller();
        root = shell.root();
        notifier = new Notifier(System.err);
        sniff = new io.osloscope.app.sniff.SniffFeature();
        sniff.install(this);

        sampler = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            status.sample(System.nanoTime());
            if (inspectorModel != null && inspectorModel.awaitingOutcome()) {
                inspectorModel.refresh();
            }
        }));
        sampler.setCycleCount(Timeline.INDEFINITE);
        sampler.play();
        status.sample(System.nanoTime());
    }

    /**
     * Makes {@code ctx} the window's backend: the view models that need it, the stream's subscription (unless a
     * capture is showing), the fire and playground tabs; queues the views that need it. FX thread.
     */
    private void attach(AppContext ctx) {
        this.ctx = ctx;
        inspectorModel = new InspectorViewModel(ctx.engineExecutor(), FxThread.executor(), traffic::flowOf);
        inspectorModel.rowProperty().bind(traffic.selectedProperty());
        fireModel = new FireViewModel(sniff.fireService(ctx.fire()), FxThread.executor());
        fireModel.onFired(id -> traffic.highlightRequestIdProperty().set(id));
        simModel = new SimControlsViewModel(ctx.simulation(), ctx.engineExecutor(), FxThread.executor());
        simModel.onError(e -> notifier.error("Simulation", e));
        if (sourceWhere == null) {
            pump = pumpFor(ctx.events());
        }
        buildOnFirstSelection(shell.tab(Views.FIRE), () -> shell.fill(Views.FIRE, new FireView(fireModel).getRoot()));
        if (io.osloscope.app.playground.RoutingPlaygroundViewModel.supports(ctx.broker())) {
            buildOnFirstSelection(shell.tab(Views.PLAYGROUND),
                    () -> setPlaygroundView(new RoutingPlaygroundView(ctx.broker()).getRoot()));
        }
        pending.add(this::buildInspector);
        pending.add(this::buildSimulationControls);
        pending.add(this::buildTopology);
        status.sample(System.nanoTime());
    }

    /**
     * The banner of {@link Notifier} overlays the centre. NOTE(perf): ControlsFX's NotificationPane (skin, bar,
     * stylesheet) is not needed to show the window, so it comes with the first views, not in the first frame.
     */
    private void wrapInNotificationPane() {
        NotificationPane banner = new NotificationPane();
        banner.setShowFromTop(true);
        banner.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        Node content = root.getCenter();
        root.setCenter(banner);
        banner.setContent(content);
        notifier.attach(banner);
    }

    private void buildStream() {
        trafficView = new TrafficView(traffic);
        shell.fill(Views.STREAM, trafficView.getRoot());
    }

    private void buildInspector() {
        inspectorView = new InspectorView(inspectorModel);
        SequenceView sequence = new SequenceView();
        inspectorView.setFlowView(sequence.getRoot(), sequence::show);
        shell.fill(Views.INSPECTOR, inspectorView.getRoot());
    }

    private void buildSimulationControls() {
        shell.fill(Views.SIMULATION, new SimControlsView(simModel).getRoot());
    }

    private void buildTopology() {
        if (ctx.broker() == null) {
            return;
        }
        topology = new TopologyView(ctx.broker());
        if (sourceWhere == null) {
            setTopologyView(topology.getRoot(), topology::onEvents);
        }
        traffic.selectedProperty().addListener((o, a, row) -> {
            if (row != null && row.messageRef() != 0) {
                topology.selectMessage(row.messageRef());
            }
        });
    }

    /**
     * Completes the window once the scene's first frame is on its way to the screen: puts in the notification
     * banner; a pulse later, when the first frame has been painted, asks {@code backend} for the backend, which
     * must start it off the FX thread (the simulated cluster takes about half a second of CPU), and meanwhile
     * builds the message stream. When the backend is there it is attached and the remaining views follow, one
     * group per pulse. The future completes on the FX thread after the last group was added (its frame follows with
     * the next pulse), or exceptionally if the backend failed to start: that is also shown in a notification
     * and the status bar, and the window stays usable for a capture or a recording.
     */
    public CompletableFuture<MainWindow> completeAfterFirstFrame(Scene scene,
                                                                 Supplier<CompletableFuture<AppContext>> backend) {
        if (this.scene != null || completed.isDone()) {
            return completed;
        }
        this.scene = scene;
        pending.add(this::wrapInNotificationPane);
        // NOTE(perf): this group runs after the pulse that waited for the first frame to be painted, so the
        // cluster's start-up uses the other core while the FX thread builds the stream, not while it paints
        pending.add(() -> {
            backend.get().whenCompleteAsync(this::backendStarted, FxThread.executor());
            buildStream();
        });
        building = true;
        afterNextLayout(scene, this::buildNext);
        return completed;
    }

    /** Completes when every view is in its slot (at once for {@link #MainWindow(AppContext)}). */
    public CompletableFuture<MainWindow> whenComplete() {
        return completed;
    }

    /** FX thread. The backend stays its starter's to close, also when the window was closed before it came. */
    private void backendStarted(AppContext started, Throwable failure) {
        if (closed) {
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            backendProblem = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            notifier.error("The simulated cluster did not start", cause);
            status.sample(System.nanoTime());
            completed.completeExceptionally(cause);
            return;
        }
        attach(started);
        if (!building) {
            building = true;
            afterNextLayout(scene, this::buildNext);
        }
    }

    private void buildNext() {
        if (closed) {
            return;
        }
        Runnable next = pending.poll();
        if (next != null) {
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                completed.completeExceptionally(e);
                throw e;
            }
        }
        if (!pending.isEmpty()) {
            afterNextLayout(scene, this::buildNext);
        } else if (ctx != null) {
            completed.complete(this);
        } else {
            // NOTE(startup): the backend is still starting; backendStarted() goes on from here
            building = false;
        }
    }

    /** Runs {@code r} on the FX thread right after the next pulse of {@code scene} has laid it out. */
    private static void afterNextLayout(Scene scene, Runnable r) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                // NOTE(perf): not run inside the pulse, so this pulse's frame is synced and painted first
                Platform.runLater(r);
            }
        });
        Platform.requestNextPulse();
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
        closePump();
        traffic.clear();
        assembler = new TrafficAssembler();
        pump = pumpFor(source);
        sourceWhere = where;
        shell.fill(Views.TOPOLOGY, topologyView);
        liveViews.clear();
        liveViews.add(topologyEvents);
        status.sample(System.nanoTime());
    }

    /** Back to the simulated cloud on the app's own broker (once it is attached). */
    public void showSimulation() {
        closePump();
        traffic.clear();
        assembler = new TrafficAssembler();
        if (ctx != null) {
            pump = pumpFor(ctx.events());
        } else {
            hub = null;
        }
        sourceWhere = null;
        liveViews.clear();
        if (topology != null) {
            shell.fill(Views.TOPOLOGY, topology.getRoot());
            liveViews.add(topology::onEvents);
        }
        status.sample(System.nanoTime());
    }

    private void closePump() {
        if (pump != null) {
            pump.close();
            pump = null;
        }
    }

    /** Adds a tab to the left side (e.g. the RabbitMQ connect panel); its content joins the scene when first shown. */
    public void addLeftTab(String title, Node content) {
        addLeftTab(title, () -> content);
    }

    /** Adds a tab to the left side whose content is built by {@code content} when the tab is first shown. */
    public void addLeftTab(String title, java.util.function.Supplier<? extends Node> content) {
        Tab tab = new Tab(title);
        shell.leftTabs().getTabs().add(tab);
        buildOnFirstSelection(tab, () -> tab.setContent(content.get()));
    }

    public void showLeftTab(String title) {
        shell.leftTabs().getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> shell.leftTabs().getSelectionModel().select(t));
    }

    private String where() {
        if (sourceWhere != null) {
            return sourceWhere.get();
        }
        if (backendProblem != null) {
            return io.osloscope.app.sniff.ModeText.SIMULATION + " · the simulated cluster did not start: " + backendProblem;
        }
        if (simModel == null) {
            return io.osloscope.app.sniff.ModeText.SIMULATION + " · starting the simulated cluster…";
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
            if (e instanceof NodeEvents.NodeStateChanged && simModel != null) {
                simModel.refresh();
                fireModel.refreshServers();
                break;
            }
        }
    }

    /** Puts a live view (topology) in its slot; it receives every event batch on the FX thread. */
    public void setTopologyView(Node view, Consumer<List<EngineEvent>> onEvents) {
        shell.fill(Views.TOPOLOGY, view);
        liveViews.add(onEvents);
    }

    public void setPlaygroundView(Node view) {
        shell.fill(Views.PLAYGROUND, view);
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

    // --- layout memory ---

    public void restoreLayout(LayoutStore store) {
        shell.outer().setDividerPositions(store.get("split.outer", 0.17));
        shell.center().setDividerPositions(store.get("split.center", 0.52));
        shell.bottom().setDividerPositions(store.get("split.bottom", 0.64));
    }

    public void saveLayout(LayoutStore store) {
        store.put("split.outer", shell.outer().getDividerPositions()[0]);
        store.put("split.center", shell.center().getDividerPositions()[0]);
        store.put("split.bottom", shell.bottom().getDividerPositions()[0]);
    }

    // --- actions used by shortcuts, the screenshot mode and tests ---

    public void showGraphTab(int index) {
        shell.graphTabs().getSelectionModel().select(index);
    }

    public void showLeftTab(Views view) {
        Tab tab = shell.tab(view);
        if (tab != null && shell.leftTabs().getTabs().contains(tab)) {
            shell.leftTabs().getSelectionModel().select(tab);
        } else {
            showLeftTab(view.title());
        }
    }

    public BorderPane getRoot() { return root; }
    /** The embedded topology view, or null without a broker (and until the window is complete). */
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
        closed = true;
        sampler.stop();
        closePump();
        sniff.close();
    }
}
