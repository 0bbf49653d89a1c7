package io.osloscope.app.shell;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.fire.FireService;
import io.osloscope.app.fire.FireView;
import io.osloscope.app.fire.FireViewModel;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.fx.ViewLoader;
import io.osloscope.app.fx.Texts;
import io.osloscope.app.fx.Views;
import io.osloscope.app.message.InspectorView;
import io.osloscope.app.message.InspectorViewModel;
import io.osloscope.app.message.MessageDetails;
import io.osloscope.app.playground.RoutingPlaygroundView;
import io.osloscope.app.playground.RoutingPlaygroundViewModel;
import io.osloscope.app.scenario.SimControlsView;
import io.osloscope.app.scenario.SimControlsViewModel;
import io.osloscope.app.sequence.SequenceView;
import io.osloscope.app.topology.TopologyView;
import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficView;
import io.osloscope.app.traffic.TrafficViewModel;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventHub;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The inspector window, assembled: the shell from {@code MainWindow.fxml} (tabs, split panes, slots, status bar)
 * with the view models built and the views put in its slots and the notification banner around them: fire panel
 * and simulation controls on the left; topology (and routing playground) at the top; the message stream beside
 * the message inspector below. When the views appear is {@link StartupSequence}'s business, which source they
 * show {@link SourceSwitcher}'s; features from outside the shell (sniffing) come in as {@link WindowFeature}s.
 * FX thread.
 *
 * <p>{@link #MainWindow(AppContext, WindowFeature...)} builds everything at once. {@link #shell} builds only the
 * shell, which needs no backend, so the window's first frame is cheap; {@link #completeAfterFirstFrame} then
 * starts the backend and puts the views in. Until the backend is attached the view models that need it
 * ({@link #fire()}, {@link #simulation()}, {@link #inspector()}) are null; until the window is complete so are
 * the views ({@link #topology()}, {@link #trafficView()}, {@link #inspectorView()}).
 */
public final class MainWindow implements AutoCloseable {
    private final MainWindowController shell;
    private final BorderPane root;
    private final Notifier notifier;
    private final TrafficViewModel traffic = new TrafficViewModel();
    private final StatusViewModel status;
    private final SourceSwitcher sources;
    private final StartupSequence startup;
    private final List<WindowFeature> features;
    private final Timeline sampler;
    /** The backend and what needs it; null until {@link #attach}. */
    private AppContext ctx;
    private InspectorViewModel inspectorModel;
    /** What the inspector's routing card says of the simulated broker's queues (quorum, stream). */
    private MessageDetails.QueueDescriber simulationQueues = MessageDetails.QueueDescriber.NONE;
    private FireViewModel fireModel;
    private SimControlsViewModel simModel;
    private String backendProblem;
    private TrafficView trafficView;
    private InspectorView inspectorView;
    private TopologyView topology;
    private SequenceView sequence;

    /** The whole window on {@code ctx}, every view built now. */
    public MainWindow(AppContext ctx, WindowFeature... features) {
        this(features);
        startup.runAllNow(ctx, this::wrapInNotificationPane, this::buildStream);
    }

    /**
     * Only the shell, with the features' tabs and toolbars: tab headers, placeholders and status bar, with no
     * backend; call {@link #completeAfterFirstFrame} once the root is in a scene.
     */
    public static MainWindow shell(WindowFeature... features) {
        return new MainWindow(features);
    }

    private MainWindow(WindowFeature... features) {
        sources = new SourceSwitcher(traffic, view -> shell().fill(Views.TOPOLOGY, view), this::nodesChanged);
        status = new StatusViewModel(sources::published, () -> sources.assembler().counts(), sources::dropped,
                this::where);
        shell = ViewLoader.<BorderPane, MainWindowController>load(Views.MAIN.fxml(),
                new MainWindowController(status)).controller();
        root = shell.root();
        notifier = new Notifier(System.err);
        startup = new StartupSequence(this, this::attach, this::backendFailed);
        this.features = List.of(features);
        for (WindowFeature f : this.features) {
            f.install(this);
        }

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

    private MainWindowController shell() {
        return shell;
    }

    /**
     * Makes {@code ctx} the window's backend: the view models that need it, the stream's subscription (unless a
     * capture is showing), the fire and playground tabs; queues the views that need it. FX thread.
     */
    private void attach(AppContext ctx) {
        this.ctx = ctx;
        inspectorModel = new InspectorViewModel(ctx.engineExecutor(), FxThread.executor(), traffic::flowOf);
        inspectorModel.rowProperty().bind(traffic.selectedProperty());
        simulationQueues = ctx.broker().capability(TopologySource.class)
                .map(MessageDetails.QueueDescriber::fromTopology).orElse(MessageDetails.QueueDescriber.NONE);
        inspectorModel.setQueueDescriber(simulationQueues);
        FireService fire = ctx.fire();
        for (WindowFeature f : features) {
            fire = f.fireService(fire);
        }
        fireModel = new FireViewModel(fire, FxThread.executor());
        fireModel.onFired(id -> traffic.highlightRequestIdProperty().set(id));
        simModel = new SimControlsViewModel(ctx.simulation(), ctx.engineExecutor(), FxThread.executor());
        simModel.onError(e -> notifier.error(Views.SIMULATION.title(), e));
        sources.simulationStarted(ctx.events());
        buildOnFirstSelection(shell.tab(Views.FIRE), () -> shell.fill(Views.FIRE, new FireView(fireModel).getRoot()));
        if (RoutingPlaygroundViewModel.supports(ctx.broker())) {
            buildOnFirstSelection(shell.tab(Views.PLAYGROUND),
                    () -> setPlaygroundView(new RoutingPlaygroundView(ctx.broker()).getRoot()));
        }
        for (WindowFeature f : features) {
            f.attached(ctx);
        }
        startup.add(this::buildInspector);
        startup.add(this::buildSimulationControls);
        startup.add(this::buildTopology);
        status.sample(System.nanoTime());
    }

    private void backendFailed(Throwable cause) {
        backendProblem = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        notifier.error(Texts.of("io.osloscope.app.shell.MainWindow").get("status.startFailed"), cause);
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
        sequence = new SequenceView();
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
        sources.simulationTopology(topology.getRoot(), topology::onEvents);
        traffic.selectedProperty().addListener((o, a, row) -> {
            if (row != null && row.messageRef() != 0) {
                topology.selectMessage(row.messageRef());
            }
        });
    }

    private void nodesChanged() {
        if (simModel != null) {
            simModel.refresh();
            fireModel.refreshServers();
        }
    }

    /** See {@link StartupSequence#completeAfterFirstFrame}: the views after the first frame, the backend from {@code backend}. */
    public CompletableFuture<MainWindow> completeAfterFirstFrame(Scene scene,
                                                                 Supplier<CompletableFuture<AppContext>> backend) {
        return startup.completeAfterFirstFrame(scene, backend, this::wrapInNotificationPane, this::buildStream);
    }

    /** Completes when every view is in its slot (at once for {@link #MainWindow(AppContext, WindowFeature...)}). */
    public CompletableFuture<MainWindow> whenComplete() {
        return startup.completed();
    }

    /**
     * Shows another event source (a real broker's capture or a recording) in the stream, inspector and
     * topology slot, instead of the simulation; {@code where} names it in the status bar.
     */
    public void showSource(EventHub source, Supplier<String> where, Node topologyView,
                           Consumer<List<EngineEvent>> topologyEvents) {
        sources.showSource(source, where, topologyView, topologyEvents);
        status.sample(System.nanoTime());
    }

    /** Back to the simulated cloud on the app's own broker (once it is attached). */
    public void showSimulation() {
        sources.showSimulation();
        if (inspectorModel != null) {
            inspectorModel.setQueueDescriber(simulationQueues);
        }
        status.sample(System.nanoTime());
    }

    /** Adds a tab to the left side (e.g. the RabbitMQ connect panel); its content joins the scene when first shown. */
    public void addLeftTab(String title, Node content) {
        addLeftTab(title, () -> content);
    }

    /** Adds a tab to the left side whose content is built by {@code content} when the tab is first shown. */
    public void addLeftTab(String title, Supplier<? extends Node> content) {
        Tab tab = new Tab(title);
        shell.leftTabs().getTabs().add(tab);
        buildOnFirstSelection(tab, () -> tab.setContent(content.get()));
    }

    /** Adds a tab beside the topology whose content is built by {@code content} when the tab is first shown. */
    public void addGraphTab(String title, Supplier<? extends Node> content) {
        Tab tab = new Tab(title);
        shell.graphTabs().getTabs().add(tab);
        buildOnFirstSelection(tab, () -> tab.setContent(content.get()));
    }

    /** Selects the tab beside the topology with that title. */
    public void showGraphTab(String title) {
        shell.graphTabs().getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> shell.graphTabs().getSelectionModel().select(t));
    }

    /**
     * {@code batches} gets every event batch of the source the window shows (simulation, capture or recording), on
     * the FX thread, as the stream does; {@code sourceChanged} runs when the window switches to another source.
     */
    public void followEvents(Consumer<List<EngineEvent>> batches, Runnable sourceChanged) {
        sources.follow(batches, sourceChanged);
    }

    public void showLeftTab(String title) {
        shell.leftTabs().getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> shell.leftTabs().getSelectionModel().select(t));
    }

    private String where() {
        String capture = sources.captureWhere();
        if (capture != null) {
            return capture;
        }
        Texts t = Texts.of("io.osloscope.app.shell.MainWindow");
        if (backendProblem != null) {
            return t.get("status.where.failed", backendProblem);
        }
        if (simModel == null) {
            return t.get("status.where.starting");
        }
        long nodes = simModel.nodes().stream().filter(n -> !n.down() && !"stopped".equals(n.state())).count();
        return t.get("status.where", simModel.brokerProperty().get(), simModel.dialectProperty().get(),
                nodes, simModel.nodes().size());
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
        tab.selectedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    build.run();
                }
            }
        });
    }

    // --- layout memory ---

    public void restoreLayout(LayoutStore store) {
        shell.outer().setDividerPositions(store.get("split.outer", 0.2));
        shell.center().setDividerPositions(store.get("split.center", 0.52));
        shell.bottom().setDividerPositions(store.get("split.bottom", 0.64));
    }

    /** Widens the left side to at least {@code fraction} of the window (a lesson needs room to read). */
    public void widenLeft(double fraction) {
        if (shell.outer().getDividerPositions()[0] < fraction) {
            shell.outer().setDividerPositions(fraction);
        }
    }

    public void saveLayout(LayoutStore store) {
        store.put("split.outer", shell.outer().getDividerPositions()[0]);
        store.put("split.center", shell.center().getDividerPositions()[0]);
        store.put("split.bottom", shell.bottom().getDividerPositions()[0]);
    }

    /** The share of the centre the topology takes (the rest is the stream and the inspector). */
    double centerSplit() {
        return shell.center().getDividerPositions()[0];
    }

    void setCenterSplit(double position) {
        shell.center().setDividerPositions(position);
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
    /** The inspector's flow (sequence) view, or null until the window is complete. */
    public SequenceView sequence() { return sequence; }
    public FireViewModel fire() { return fireModel; }
    public SimControlsViewModel simulation() { return simModel; }
    public Notifier notifier() { return notifier; }
    public TrafficAssembler assembler() { return sources.assembler(); }

    /** The features plugged in, in the order they were installed. */
    public List<WindowFeature> features() {
        return features;
    }

    /** The installed feature of that type (e.g. sniffing), or null. */
    public <T extends WindowFeature> T feature(Class<T> type) {
        return features.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    @Override
    public void close() {
        startup.close();
        sampler.stop();
        sources.close();
        for (WindowFeature f : features) {
            f.close();
        }
    }
}
