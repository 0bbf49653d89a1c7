package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.fault.FaultPlan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nova's {@code scheduler/rpcapi.py:SchedulerAPI}: {@code Target(topic='scheduler', version='4.0')};
 * {@code select_destinations} is a long call (1800 s, call monitor 60 s), the instance-info and
 * aggregate methods are fanout casts to {@code scheduler_fanout}.
 */
public final class SchedulerAPI {
    public static final Duration LONG_RPC_TIMEOUT = Duration.ofSeconds(1800);
    private final RpcClient client;
    private final FaultPlan faults;
    private volatile Duration selectTimeout = LONG_RPC_TIMEOUT;

    public SchedulerAPI(Transport transport, FaultPlan faults) {
        this.client = new RpcClient(transport, Target.topic(NovaTopics.SCHEDULER).withVersion("4.0"));
        this.faults = faults == null ? new FaultPlan() : faults;
    }

    /** Shortens {@code long_rpc_timeout} for simulations that should give up sooner than 30 minutes. */
    public void setSelectTimeout(Duration timeout) {
        this.selectTimeout = timeout;
    }

    private CallContext prepare() {
        CallContext c = client.prepare();
        String cap = faults.versionCap(NovaTopics.SCHEDULER);
        return cap == null ? c : c.versionCap(cap);
    }

    public JsonNode select_destinations(Map<String, Object> ctxt, JsonNode specObj, List<String> instanceUuids,
                                        boolean returnObjects, boolean returnAlternates) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("instance_uuids", instanceUuids);
        a.put("spec_obj", specObj);
        a.put("return_objects", returnObjects);
        a.put("return_alternates", returnAlternates);
        return prepare().version("4.5").timeout(selectTimeout).callMonitorTimeout(Duration.ofSeconds(60))
                .call(ctxt, "select_destinations", a);
    }

    public void update_instance_info(Map<String, Object> ctxt, String hostName, JsonNode instanceInfo) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("host_name", hostName);
        a.put("instance_info", instanceInfo);
        prepare().fanout(true).version("4.2").cast(ctxt, "update_instance_info", a);
    }

    public void delete_instance_info(Map<String, Object> ctxt, String hostName, String instanceUuid) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("host_name", hostName);
        a.put("instance_uuid", instanceUuid);
        prepare().fanout(true).version("4.2").cast(ctxt, "delete_instance_info", a);
    }

    public void sync_instance_info(Map<String, Object> ctxt, String hostName, List<String> instanceUuids) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("host_name", hostName);
        a.put("instance_uuids", instanceUuids);
        prepare().fanout(true).version("4.2").cast(ctxt, "sync_instance_info", a);
    }

    public void update_aggregates(Map<String, Object> ctxt, List<? extends JsonNode> aggregates) {
        prepare().fanout(true).version("4.1").cast(ctxt, "update_aggregates", Map.of("aggregates", aggregates));
    }
}
