package io.osloscope.app.sniff;

import io.osloscope.app.backend.AppContext;
import io.osloscope.app.fire.FireService;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.shell.MainWindow;
import io.osloscope.app.shell.WindowFeature;
import io.osloscope.app.topology.TopologyView;
import io.osloscope.engine.sniff.profile.ProfileStore;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.util.Duration;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Plugs sniffing into the shell: a "RabbitMQ" tab, a toolbar with "Connect to RabbitMQ…" and the mode
 * indicator, the fire panel's guarded service, and the switch of the window's stream and topology between
 * the simulation and a capture or recording. Needs no simulated cluster (it has its own small executor for
 * broker work), so its toolbar is part of the window's first frame. FX thread.
 */
public final class SniffFeature implements WindowFeature {
    public static final String TAB_TITLE = "RabbitMQ";

    private final ExecutorService engine;
    private final Supplier<ProfileStore> profiles;
    private final SniffViewModel vm;
    private final Timeline refresher;
    private ConnectViewModel form;
    private SniffFireService fire;
    private SniffPanel panel;
    private MainWindow window;
    private TopologyView topology;

    public SniffFeature() {
        this(ProfileStore::defaultStore);
    }

    /** {@code profiles} is asked once, when the connect form is first needed. */
    public SniffFeature(Supplier<ProfileStore> profiles) {
        this.profiles = Objects.requireNonNull(profiles);
        engine = AppContext.catchingPool("osloscope-sniff", 2);
        vm = new SniffViewModel(engine, FxThread.executor());
        refresher = new Timeline(new KeyFrame(Duration.seconds(2), e -> vm.refresh()));
        refresher.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * The fire panel's service around the simulation's {@code simulation}: that one while no broker is connected,
     * the guarded real-broker publish while sniffing.
     */
    @Override
    public FireService fireService(FireService simulation) {
        fire = new SniffFireService(simulation, vm.sessionProperty()::get, engine);
        fire.onRefused(vm::publishRefused);
        return fire;
    }

    /** Adds the tab and toolbar and starts following the source; call once the window's layout exists. */
    @Override
    public void install(MainWindow w) {
        this.window = w;
        // NOTE(perf): the panel (FXML form, profiles, tables) is built when its tab is first shown, not before
        // the first frame: about 230 ms of FX-thread CPU on a cold start
        w.addLeftTab(TAB_TITLE, () -> panel().getRoot());
        java.util.ResourceBundle texts = java.util.ResourceBundle.getBundle("io.osloscope.app.sniff.ConnectView", io.osloscope.app.fx.Texts.language());
        Button connect = new Button(texts.getString("toolbar.connect"),
                new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.LINK));
        connect.setId("connectRabbit");
        connect.setTooltip(new Tooltip(texts.getString("toolbar.connect.tip")));
        connect.setOnAction(e -> showConnect());
        Button disconnect = new Button(texts.getString("toolbar.disconnect"),
                new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.X_CIRCLE));
        disconnect.setId("toolbarDisconnect");
        disconnect.disableProperty().bind(vm.sessionProperty().isNull());
        disconnect.setOnAction(e -> vm.disconnect());
        Label mode = new Label();
        mode.setId("modeIndicator");
        mode.getStyleClass().add("mode-indicator");
        mode.textProperty().bind(vm.modeTextProperty());
        vm.firehoseOnProperty().addListener((o, a, on) ->
                mode.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("firehose"), on));
        w.getRoot().setTop(new ToolBar(connect, disconnect, mode));

        vm.onAttached(this::attached);
        vm.onDetached(() -> {
            refresher.stop();
            w.showSimulation();
        });
        vm.topologyProperty().addListener((o, a, t) -> {
            if (t != null && topology != null && vm.sessionProperty().get() != null) {
                SniffSession session = vm.sessionProperty().get();
                topology.applySnapshot(Topologies.fromManagement(t, session.ownQueue()),
                        Topologies.summaries(session.queueDetails()));
            }
        });
    }

    private void attached(SniffSession s) {
        topology = new TopologyView(s.isLive() ? s.connectionId() : "recording");
        window.showSource(s.events(), () -> vm.modeTextProperty().get(), topology.getRoot(), topology::onEvents);
        if (window.inspector() != null) {
            // the routing card's quorum and stream details, from the management API's latest answer
            window.inspector().setQueueDescriber(q -> {
                var d = s.queueDetails().get(q);
                return d == null ? null : d.summary();
            });
        }
        refresher.play();
        vm.refresh();
    }

    /** Ctrl+Shift+R: {@link #showConnect()}. */
    @Override
    public List<Shortcut> shortcuts() {
        return List.of(new Shortcut(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), "connect to RabbitMQ…", this::showConnect));
    }

    /** The "Connect to RabbitMQ…" action: shows the tab and puts the cursor in the URL field. */
    public void showConnect() {
        window.showLeftTab(TAB_TITLE);
        panel().focusConnect();
    }

    /** The RabbitMQ tab's panel, built on first use. */
    private SniffPanel panel() {
        if (panel == null) {
            panel = new SniffPanel(connectForm(), vm);
        }
        return panel;
    }

    public SniffViewModel viewModel() {
        return vm;
    }

    /** The connect form, built on first use: reading the saved profiles is not needed for the first frame. */
    public ConnectViewModel connectForm() {
        if (form == null) {
            form = new ConnectViewModel(profiles.get(), engine, FxThread.executor(), SniffSession::connect);
        }
        return form;
    }

    /** Stops a running capture (blocking: leaves the broker as it was). */
    @Override
    public void close() {
        refresher.stop();
        SniffSession s = vm.sessionProperty().get();
        if (s != null) {
            s.close();
        }
        engine.shutdownNow();
    }
}
