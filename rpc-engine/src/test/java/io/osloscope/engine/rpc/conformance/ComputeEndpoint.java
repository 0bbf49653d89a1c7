package io.osloscope.engine.rpc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A nova-compute-like endpoint at version 6.0 used by the RPC suites. */
@EndpointTarget(version = "6.0")
public class ComputeEndpoint {
    final String name;
    final List<String> notes = new CopyOnWriteArrayList<>();
    final AtomicInteger slowStarted = new AtomicInteger();
    volatile RpcContext lastContext;

    public ComputeEndpoint(String name) {
        this.name = name;
    }

    public JsonNode echo(RpcContext ctxt, JsonNode value) {
        return value;
    }

    public String whoami(RpcContext ctxt) {
        return name;
    }

    public int add(RpcContext ctxt, int a, int b) {
        return a + b;
    }

    public void record(RpcContext ctxt, String note) {
        notes.add(note);
    }

    public String slow(RpcContext ctxt, double seconds) throws InterruptedException {
        slowStarted.incrementAndGet();
        Thread.sleep((long) (seconds * 1000));
        return "done after " + seconds;
    }

    public Map<String, Object> context(RpcContext ctxt) {
        lastContext = ctxt;
        return ctxt.values();
    }

    public void instanceNotFound(RpcContext ctxt, String instanceId) {
        throw new RemoteException("InstanceNotFound", "nova.exception",
                "Instance " + instanceId + " could not be found.", Map.of("instance_id", instanceId, "code", 404));
    }

    public void broken(RpcContext ctxt) {
        throw new IllegalStateException("compute is broken");
    }
}
