package io.osloscope.app.fx;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Moves one {@link EventSubscription} onto the FX thread. A timer thread drains the subscription
 * every {@code period}, converts the drained events into one batch {@code B} (off the FX thread),
 * and keeps at most one {@code runLater} pending; the FX side hands every ready batch to the sink.
 * The FX cost therefore depends on the pump rate, not on the event rate.
 *
 * <p>When the FX thread falls behind by more than {@link #MAX_PENDING_BATCHES} batches the timer stops
 * draining, so the subscription fills up and counts what it drops instead of the heap growing.
 *
 * @param <B> what one drain becomes (rows, or the raw event list)
 */
public final class FxEventPump<B> implements AutoCloseable {
    /** Events taken from the subscription per tick at most. */
    public static final int MAX_PER_BATCH = 50_000;
    static final int MAX_PENDING_BATCHES = 4;

    private final EventSubscription source;
    private final Function<List<EngineEvent>, B> convert;
    private final Consumer<B> sink;
    private final Executor fx;
    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<B> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param convert runs on the pump's timer thread; must not touch JavaFX nodes
     * @param sink    runs on the FX thread (via {@code fx}), once per batch
     */
    public FxEventPump(String name, EventSubscription source, Function<List<EngineEvent>, B> convert,
                       Consumer<B> sink, Duration period, Executor fx) {
        this.source = Objects.requireNonNull(source, "source");
        this.convert = Objects.requireNonNull(convert, "convert");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fx-pump-" + name);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, period.toMillis());
        timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** A pump that hands the raw events through, e.g. to a view with {@code onEvents(List)}. */
    public static FxEventPump<List<EngineEvent>> raw(String name, EventSubscription source,
                                                     Consumer<List<EngineEvent>> sink, Duration period) {
        return new FxEventPump<>(name, source, Function.identity(), sink, period, FxThread.executor());
    }

    private void tick() {
        try {
            if (closed.get() || source.isEmpty() || readyCount.get() >= MAX_PENDING_BATCHES) {
                return;
            }
            List<EngineEvent> events = new ArrayList<>();
            source.drainTo(events, MAX_PER_BATCH);
            if (events.isEmpty()) {
                return;
            }
            B batch = convert.apply(events);
            ready.add(batch);
            readyCount.incrementAndGet();
            if (scheduled.compareAndSet(false, true)) {
                fx.execute(this::fxDeliver);
            }
        } catch (RuntimeException e) {
            // NOTE(pump): a failing converter must not cancel the fixed-rate task (the executor would stop silently)
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    private void fxDeliver() {
        scheduled.set(false);
        B batch;
        while (!closed.get() && (batch = ready.poll()) != null) {
            readyCount.decrementAndGet();
            sink.accept(batch);
        }
    }

    /** Events the subscription dropped because nobody drained fast enough. */
    public long dropped() {
        return source.dropped();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            timer.shutdownNow();
            source.close();
            ready.clear();
        }
    }
}
