package io.osloscope.app.scenario;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Simulation controls on the FX thread. Every action runs on the engine executor; the node list and the
 * last action's message come back through the FX executor. Failures go to {@code onError}.
 */
public final class SimControlsViewModel {
    private final SimulationControl sim;
    private final Executor engine;
    private final Executor fx;
    private final ObservableList<SimulationControl.NodeInfo> nodes = FXCollections.observableArrayList();
    private final ObservableList<String> scenarios = FXCollections.observableArrayList();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final DoubleProperty speed = new SimpleDoubleProperty(1.0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Consumer<Throwable> onError = e -> { };
    private final ObservableList<String> dialects = FXCollections.observableArrayList();
    private final ObservableList<String> releases = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper dialect = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper broker = new ReadOnlyStringWrapper("");
    private final ObservableList<String> switchLines = FXCollections.observableArrayList();
    private final SimpleBooleanProperty switching = new SimpleBooleanProperty();
    private final SimpleBooleanProperty recoverable = new SimpleBooleanProperty();

    public SimControlsViewModel(SimulationControl sim, Executor engine, Executor fx) {
        this.sim = Objects.requireNonNull(sim);
        this.engine = Objects.requireNonNull(engine);
        this.fx = Objects.requireNonNull(fx);
        scenarios.setAll(sim.scenarios());
        dialects.setAll(sim.dialects());
        releases.setAll(sim.releases());
        dialect.set(sim.dialect());
        broker.set(sim.broker());
        paused.addListener((o, a, b) -> run(() -> {
            sim.setPaused(b);
            return t().get(b ? "msg.paused" : "msg.resumed");
        }));
        speed.addListener((o, a, b) -> run(() -> {
            sim.setSpeed(b.doubleValue());
            return t().get("msg.speed", String.format("%.2f", b.doubleValue()));
        }));
        refresh();
    }

    private static io.osloscope.app.fx.Texts t() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.scenario.SimControlsView");
    }

    public void onError(Consumer<Throwable> handler) {
        this.onError = Objects.requireNonNull(handler);
    }

    public void refresh() {
        CompletableFuture.supplyAsync(sim::nodes, engine).whenCompleteAsync((list, err) -> {
            if (err == null) {
                nodes.setAll(list);
            }
        }, fx);
    }

    public void addCompute() {
        run(() -> t().get("msg.started", sim.addCompute()));
    }

    public void removeCompute(String host) {
        run(() -> {
            sim.removeCompute(host);
            return t().get("msg.removed", host);
        });
    }

    public void toggleDown(SimulationControl.NodeInfo node) {
        boolean down = !node.down();
        run(() -> {
            sim.setDown(node.binary(), node.host(), down);
            return t().get(down ? "msg.down" : "msg.up", node.binary(), node.host());
        });
    }

    public void setFault(SimulationControl.NodeInfo node, SimulationControl.Fault fault) {
        run(() -> {
            sim.setFault(node.binary(), node.host(), fault);
            return node.host() + ": " + fault;
        });
    }

    public void step() {
        run(() -> t().get(sim.step() ? "msg.stepped" : "msg.nothing"));
    }

    public void runScenario(String name) {
        message.set(t().get("msg.running", name));
        run(() -> sim.runScenario(name));
    }

    public void startInstance() {
        run(sim::startInstance);
    }

    /**
     * Redeploys the cluster in {@code to} off the FX thread (the panel stays usable; Apply and Recover wait); the
     * lines come back as one batch: refused declares, deleted objects, where the cloud stands.
     */
    public void switchDialect(String to) {
        redeploy(to, false);
    }

    /**
     * Restarts the broker as RabbitMQ {@code release} and the cluster in the current dialect on it, off the FX thread
     * (see {@link #switchDialect}); the broker line follows.
     */
    public void switchRelease(String release) {
        if (release != null) {
            redeploy(dialect.get(), false, release);
        }
    }

    /** Switches again to the current dialect, deleting the queues and exchanges in the way. */
    public void recover() {
        redeploy(dialect.get(), true);
    }

    private void redeploy(String to, boolean recover) {
        redeploy(to, recover, null);
    }

    private void redeploy(String to, boolean recover, String release) {
        if (switching.get() || to == null) {
            return;
        }
        switching.set(true);
        message.set(release != null ? t().get("msg.restarting", release)
                : t().get(recover ? "msg.recovering" : "msg.switching", to));
        CompletableFuture.supplyAsync(() -> release == null ? sim.switchDialect(to, recover)
                : sim.switchRelease(release, to, recover), engine).whenCompleteAsync((r, err) -> {
            switching.set(false);
            broker.set(sim.broker());
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                switchLines.setAll("✘ " + cause.getMessage());
                message.set(t().get("msg.switchFailed", to, cause.getMessage()));
            } else {
                dialect.set(r.dialect());
                switchLines.setAll(r.lines());
                recoverable.set(!r.complete());
                long refusedCount = r.lines().stream().filter(l -> l.startsWith("✘")).count();
                message.set(r.complete() ? t().get("msg.runningIn", r.dialect())
                        : t().get("msg.refused", r.dialect(), refusedCount));
            }
            refresh();
        }, fx);
    }

    private void run(Supplier<String> action) {
        CompletableFuture.supplyAsync(action, engine).whenCompleteAsync((msg, err) -> {
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                message.set("✘ " + cause.getMessage());
                onError.accept(cause);
            } else {
                message.set(msg);
            }
            refresh();
        }, fx);
    }

    public ObservableList<SimulationControl.NodeInfo> nodes() { return nodes; }
    public ObservableList<String> scenarios() { return scenarios; }
    public BooleanProperty pausedProperty() { return paused; }
    public DoubleProperty speedProperty() { return speed; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ObservableList<String> dialects() { return dialects; }
    public ObservableList<String> releases() { return releases; }
    public ReadOnlyStringProperty dialectProperty() { return dialect.getReadOnlyProperty(); }
    public ReadOnlyStringProperty brokerProperty() { return broker.getReadOnlyProperty(); }
    /** The last switch's lines, replaced as one batch when it is done. */
    public ObservableList<String> switchLines() { return switchLines; }
    public javafx.beans.value.ObservableBooleanValue switchingProperty() { return switching; }
    public javafx.beans.value.ObservableBooleanValue recoverableProperty() { return recoverable; }
}
