package io.osloscope.sim.fault;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.FaultControl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The faults of one simulated node, switchable while it runs from any thread:
 * <ul>
 *   <li>{@link #setDown(boolean) down}: the node stops consuming, so its messages pile up in its queues;</li>
 *   <li>{@link #setLatency(Duration) slow}: every delivery to the node waits this long first;</li>
 *   <li>{@link #raiseOn(String, String) raise}: an RPC method fails with a chosen nova exception;</li>
 *   <li>{@link #setDropReplies(boolean) drop replies}: the node's call replies are never published,
 *       so callers time out;</li>
 *   <li>{@link #setVersionCap(String, String) version cap}: what {@code [upgrade_levels]} does, per
 *       target topic, for the RPC clients of this node.</li>
 * </ul>
 * Down, slow and drop act in {@link FaultyBroker} below the RPC layer; raise is checked by the
 * managers on entry; caps are read by the rpcapi classes on every send.
 */
public final class FaultPlan implements FaultControl {
    /** A method set to fail: the nova exception class and message the caller will see. */
    public record Raise(String exceptionClass, String message) {
    }

    private volatile boolean down;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean dropReplies;
    private final Map<String, Raise> raises = new ConcurrentHashMap<>();
    private final Map<String, String> versionCaps = new ConcurrentHashMap<>();
    private final List<Consumer<FaultPlan>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong droppedReplies = new AtomicLong();

    @Override
    public boolean down() {
        return down;
    }

    @Override
    public FaultPlan setDown(boolean value) {
        if (down != value) {
            down = value;
            fire();
        }
        return this;
    }

    @Override
    public Duration latency() {
        return latency;
    }

    @Override
    public FaultPlan setLatency(Duration value) {
        Objects.requireNonNull(value, "latency");
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + value);
        }
        latency = value;
        fire();
        return this;
    }

    @Override
    public boolean dropReplies() {
        return dropReplies;
    }

    @Override
    public FaultPlan setDropReplies(boolean value) {
        dropReplies = value;
        fire();
        return this;
    }

    /** Makes {@code method} fail with {@code exceptionClass} (module {@code nova.exception}). */
    public FaultPlan raiseOn(String method, String exceptionClass) {
        raises.put(Objects.requireNonNull(method, "method"),
                new Raise(exceptionClass == null ? "NovaException" : exceptionClass,
                        "Injected fault: " + method + " fails on this node"));
        fire();
        return this;
    }

    public FaultPlan clearRaise(String method) {
        raises.remove(method);
        fire();
        return this;
    }

    public Raise raiseFor(String method) {
        return method == null ? null : raises.get(method);
    }

    public Map<String, Raise> raises() {
        return Map.copyOf(raises);
    }

    /** Caps what this node sends to {@code topic} (e.g. {@code compute} → {@code 5.0}); null removes the cap. */
    public FaultPlan setVersionCap(String topic, String cap) {
        if (cap == null || cap.isBlank()) {
            versionCaps.remove(topic);
        } else {
            if (!cap.matches("\\d+\\.\\d+")) {
                throw new IllegalArgumentException("version cap must look like 6.0, got '" + cap + "'");
            }
            versionCaps.put(topic, cap);
        }
        fire();
        return this;
    }

    public String versionCap(String topic) {
        return versionCaps.get(topic);
    }

    public Map<String, String> versionCaps() {
        return Map.copyOf(versionCaps);
    }

    /** Back to a healthy node. */
    @Override
    public FaultPlan clear() {
        raises.clear();
        versionCaps.clear();
        latency = Duration.ZERO;
        dropReplies = false;
        down = false;
        fire();
        return this;
    }

    public long droppedReplies() {
        return droppedReplies.get();
    }

    void countDroppedReply() {
        droppedReplies.incrementAndGet();
    }

    /** Called after every change, on the thread that made it. */
    /**
     * {@code base} as this plan's node sees it: every connection goes through the faults, and the broker offers
     * this plan as its {@link FaultControl} capability. {@code shared} (may be null) pools connections among nodes.
     */
    public Broker inject(Broker base, SharedConnections shared) {
        return new FaultyBroker(base, this, shared);
    }

    public void addListener(Consumer<FaultPlan> listener) {
        listeners.add(listener);
    }

    /** A short state for node lists and events: {@code up}, {@code down}, {@code slow 500ms}, ... */
    @Override
    public String describe() {
        if (down) {
            return "down";
        }
        List<String> parts = new ArrayList<>();
        if (!latency.isZero()) {
            parts.add("slow " + latency.toMillis() + "ms");
        }
        if (dropReplies) {
            parts.add("dropping replies");
        }
        raises.forEach((m, r) -> parts.add("raising " + r.exceptionClass() + " on " + m));
        versionCaps.forEach((t, c) -> parts.add(t + " cap " + c));
        return parts.isEmpty() ? "up" : String.join(", ", parts);
    }

    private void fire() {
        for (Consumer<FaultPlan> l : listeners) {
            l.accept(this);
        }
    }
}
