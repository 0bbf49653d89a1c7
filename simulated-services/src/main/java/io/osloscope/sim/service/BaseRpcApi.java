package io.osloscope.sim.service;

import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RpcContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * nova's {@code baserpc.BaseRPCAPI} endpoint (namespace {@code baseapi}, version 1.1), served by
 * every service: {@code ping} answers nova-compute's start-up handshake with the conductor.
 */
@EndpointTarget(namespace = "baseapi", version = "1.1")
public final class BaseRpcApi {
    private final String serviceName;
    private final java.util.concurrent.atomic.AtomicLong pings = new java.util.concurrent.atomic.AtomicLong();

    public BaseRpcApi(String serviceName) {
        this.serviceName = serviceName;
    }

    public Map<String, Object> ping(RpcContext ctx, Object arg) {
        pings.incrementAndGet();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service", serviceName);
        r.put("arg", arg);
        return r;
    }

    /** How many pings (calls, casts or fanout casts) this service has received. */
    public long pingsReceived() {
        return pings.get();
    }

    public Integer get_backdoor_port(RpcContext ctx) {
        return null;
    }
}
