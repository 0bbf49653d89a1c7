package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.nova.objects.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nova's {@code compute/rpcapi.py:ComputeAPI}: {@code Target(topic='compute', version='6.0')},
 * every per-instance message to {@code compute.<instance.host>}, versions chosen as nova does
 * ({@code _ver}: 6.0 unless a cap forbids it), honouring the node's {@code [upgrade_levels] compute} cap.
 */
public final class ComputeAPI {
    private final RpcClient client;
    private final FaultPlan faults;

    public ComputeAPI(Transport transport, FaultPlan faults) {
        this.client = new RpcClient(transport, Target.topic(NovaTopics.COMPUTE).withVersion("6.0"));
        this.faults = faults == null ? new FaultPlan() : faults;
    }

    private CallContext router() {
        CallContext c = client.prepare();
        String cap = faults.versionCap(NovaTopics.COMPUTE);
        return cap == null ? c : c.versionCap(cap);
    }

    /** nova's {@code _ver(ctxt, old)}. */
    private String ver(CallContext c, String old) {
        return c.canSendVersion("6.0") ? "6.0" : old;
    }

    /** {@code _compute_host(host, instance)}. */
    static String computeHost(String host, Instance instance) {
        if (host != null) {
            return host;
        }
        String h = instance.host();
        if (h == null) {
            throw new IllegalStateException("No compute host specified for instance " + instance.uuid());
        }
        return h;
    }

    public void build_and_run_instance(Map<String, Object> ctxt, Instance instance, String host, JsonNode image,
                                       JsonNode requestSpec, JsonNode filterProperties, String adminPassword,
                                       JsonNode injectedFiles, JsonNode requestedNetworks,
                                       List<String> securityGroups, JsonNode blockDeviceMapping, String node,
                                       JsonNode limits, JsonNode hostList, List<String> accelUuids) {
        CallContext c = router();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("instance", instance.toPrimitive());
        args.put("image", image);
        args.put("request_spec", requestSpec);
        args.put("filter_properties", filterProperties);
        args.put("admin_password", adminPassword);
        args.put("injected_files", injectedFiles);
        args.put("requested_networks", requestedNetworks);
        args.put("security_groups", securityGroups);
        args.put("block_device_mapping", blockDeviceMapping);
        args.put("node", node);
        args.put("limits", limits);
        args.put("host_list", hostList);
        args.put("accel_uuids", accelUuids);
        String version = ver(c, "5.11");
        if (!c.canSendVersion(version)) {
            args.remove("accel_uuids");
            version = "5.0";
        }
        c.server(host).version(version).cast(ctxt, "build_and_run_instance", args);
    }

    public void start_instance(Map<String, Object> ctxt, Instance instance) {
        CallContext c = router();
        c.server(computeHost(null, instance)).version(ver(c, "5.0"))
                .cast(ctxt, "start_instance", Map.of("instance", instance.toPrimitive()));
    }

    /** A cast by default; {@code doCast=false} makes it a call that returns when the guest is off. */
    public void stop_instance(Map<String, Object> ctxt, Instance instance, boolean doCast, boolean cleanShutdown) {
        CallContext c = router();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("instance", instance.toPrimitive());
        args.put("clean_shutdown", cleanShutdown);
        CallContext p = c.server(computeHost(null, instance)).version(ver(c, "5.0"));
        if (doCast) {
            p.cast(ctxt, "stop_instance", args);
        } else {
            p.call(ctxt, "stop_instance", args);
        }
    }

    public void reboot_instance(Map<String, Object> ctxt, Instance instance, Object blockDeviceInfo,
                                String rebootType) {
        CallContext c = router();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("instance", instance.toPrimitive());
        args.put("block_device_info", blockDeviceInfo);
        args.put("reboot_type", rebootType);
        c.server(computeHost(null, instance)).version(ver(c, "5.0")).cast(ctxt, "reboot_instance", args);
    }

    /** A call: returns the console log text. */
    public String get_console_output(Map<String, Object> ctxt, Instance instance, Integer tailLength) {
        CallContext c = router();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("instance", instance.toPrimitive());
        args.put("tail_length", tailLength);
        JsonNode r = c.server(computeHost(null, instance)).version(ver(c, "5.0"))
                .call(ctxt, "get_console_output", args);
        return r == null || r.isNull() ? null : r.asText();
    }
}
