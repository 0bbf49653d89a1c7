package io.osloscope.sim.service;

import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.sim.fault.FaultPlan;

import java.util.List;
import java.util.Map;

/**
 * The RPC endpoint of a service, like nova's {@code manager.Manager}: every public method whose
 * first parameter is an {@link RpcContext} is an RPC method, named and with arguments exactly as
 * nova's. {@link Service} calls the hooks in nova's order: {@link #initHost()} before the RPC
 * server starts, {@link #postStartHook()} after, {@link #cleanupHost()} on stop.
 */
public abstract class Manager {
    protected final NodeContext node;

    protected Manager(NodeContext node) {
        this.node = node;
    }

    public NodeContext node() {
        return node;
    }

    public FaultPlan faults() {
        return node.faults();
    }

    /** More endpoints served next to this manager (nova's {@code additional_endpoints}). */
    public List<Object> additionalEndpoints() {
        return List.of();
    }

    public void initHost() {
    }

    public void postStartHook() {
    }

    public void cleanupHost() {
    }

    /** A one-line summary for node lists, e.g. "3 instances". */
    public String summary() {
        return "";
    }

    /** Applies an injected "raise" fault for the method being dispatched. Managers call it first. */
    protected final void checkFaults(RpcContext ctx) {
        checkFaults(ctx.method());
    }

    protected final void checkFaults(String method) {
        FaultPlan.Raise r = node.faults().raiseFor(method);
        if (r != null) {
            throw new RemoteException(r.exceptionClass(), "nova.exception", r.message(),
                    Map.of("code", 500));
        }
    }
}
