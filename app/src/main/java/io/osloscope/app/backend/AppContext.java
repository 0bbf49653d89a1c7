package io.osloscope.app.backend;

import io.osloscope.app.fire.FireService;
import io.osloscope.app.scenario.SimulationControl;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.observe.EventHub;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Composition root: the broker and its event hub, the engine-side services the views use, and the engine
 * executor for one-shot work. Plain constructor injection; {@link #close()} stops everything it owns.
 */
public final class AppContext implements AutoCloseable {
    private final String description;
    private final Broker broker;
    private final EventHub events;
    private final FireService fire;
    private final SimulationControl simulation;
    private final ExecutorService engineExecutor;
    /** The simulated nova the window runs, or null (a context without one, as in some tests). */
    private final io.osloscope.sim.SimulatedCloud cloud;
    private final List<AutoCloseable> owned = new ArrayList<>();

    public AppContext(String description, Broker broker, EventHub events, FireService fire,
                      SimulationControl simulation, List<AutoCloseable> owned) {
        this(description, broker, events, fire, simulation, owned, null);
    }

    public AppContext(String description, Broker broker, EventHub events, FireService fire,
                      SimulationControl simulation, List<AutoCloseable> owned, io.osloscope.sim.SimulatedCloud cloud) {
        this.cloud = cloud;
        this.description = Objects.requireNonNull(description);
        this.broker = broker;
        this.events = Objects.requireNonNull(events);
        this.fire = Objects.requireNonNull(fire);
        this.simulation = Objects.requireNonNull(simulation);
        this.owned.addAll(owned);
        this.engineExecutor = catchingPool("osloscope-engine", 4);
    }

    /** A small daemon pool whose uncaught failures reach the default handler (which notifies). */
    public static ExecutorService catchingPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } catch (RuntimeException | Error e) {
                    Thread.getDefaultUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            }, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String description() { return description; }
    public Broker broker() { return broker; }
    public EventHub events() { return events; }
    public FireService fire() { return fire; }
    public SimulationControl simulation() { return simulation; }
    public ExecutorService engineExecutor() { return engineExecutor; }
    /** The simulated cloud (lessons play on it), or null. */
    public io.osloscope.sim.SimulatedCloud cloud() { return cloud; }

    @Override
    public void close() {
        engineExecutor.shutdownNow();
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                System.err.println("osloscope: closing " + owned.get(i) + " failed: " + e.getMessage());
            }
        }
        try {
            engineExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
