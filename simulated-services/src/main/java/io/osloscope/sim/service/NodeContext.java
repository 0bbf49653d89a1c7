package io.osloscope.sim.service;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.fault.FaultPlan;

import java.util.Objects;

/**
 * What a manager is built with: the transport of its node (nova's global transport, here one per
 * node so each node's faults stay its own), the binary and host it runs as, and its fault plan.
 */
public record NodeContext(Transport transport, String binary, String host, FaultPlan faults) {
    public NodeContext {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(host, "host");
        faults = faults == null ? new FaultPlan() : faults;
    }

    public static NodeContext of(Transport transport, String binary, String host) {
        return new NodeContext(transport, binary, host, new FaultPlan());
    }
}
