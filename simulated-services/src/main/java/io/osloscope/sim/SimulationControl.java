package io.osloscope.sim;

import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.sim.fault.FaultPlan;

import java.time.Duration;

/**
 * The trainer's controls over a running {@link SimulatedCloud}: faults per node (by host name)
 * and, on the embedded broker, pause / step / speed applied inside the broker so every node sees
 * the same clock. On RabbitMQ the broker controls throw {@link UnsupportedOperationException}.
 */
public final class SimulationControl {
    private final SimulatedCloud cloud;

    SimulationControl(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    public boolean hasBrokerGate() {
        return cloud.pacing().isPresent();
    }

    private DeliveryPacing gate() {
        return cloud.pacing().orElseThrow(() -> new UnsupportedOperationException(
                "pause, step and speed need the embedded broker (memory://); this cloud runs on "
                        + cloud.transport().broker().describe()));
    }

    public void pause() {
        gate().pause();
    }

    public void resume() {
        gate().resume();
    }

    /** Releases one held delivery; false when nothing was held. */
    public boolean step() {
        return gate().step();
    }

    /** 1.0 is normal speed, 0.25 is four times slower. */
    public void setSpeed(double factor) {
        gate().setSpeed(factor);
    }

    public int heldDeliveries() {
        return hasBrokerGate() ? gate().heldCount() : 0;
    }

    public FaultPlan faults(String host) {
        return cloud.faults(host);
    }

    public void setDown(String host, boolean down) {
        faults(host).setDown(down);
    }

    public void setLatency(String host, Duration latency) {
        faults(host).setLatency(latency);
    }

    public void raiseOn(String host, String method, String exceptionClass) {
        faults(host).raiseOn(method, exceptionClass);
    }

    public void setDropReplies(String host, boolean drop) {
        faults(host).setDropReplies(drop);
    }

    public void setVersionCap(String host, String topic, String cap) {
        faults(host).setVersionCap(topic, cap);
    }

    public void clearFaults(String host) {
        faults(host).clear();
    }
}
