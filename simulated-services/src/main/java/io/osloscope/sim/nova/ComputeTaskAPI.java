package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nova's {@code conductor/rpcapi.py:ComputeTaskAPI}: {@code Target(topic='conductor',
 * namespace='compute_task', version='1.0')}; each method sends its own version.
 */
public final class ComputeTaskAPI {
    private final RpcClient client;

    public ComputeTaskAPI(Transport transport) {
        this.client = new RpcClient(transport,
                Target.topic(NovaTopics.CONDUCTOR).withNamespace("compute_task").withVersion("1.0"));
    }

    /** Cast 1.17; note the wire key {@code request_specs}. */
    public void schedule_and_build_instances(Map<String, Object> ctxt, List<? extends JsonNode> buildRequests,
                                             List<? extends JsonNode> requestSpecs, JsonNode image,
                                             String adminPassword, JsonNode injectedFiles,
                                             JsonNode requestedNetworks, JsonNode blockDeviceMapping,
                                             JsonNode tags) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("build_requests", buildRequests);
        a.put("request_specs", requestSpecs);
        a.put("image", image);
        a.put("admin_password", adminPassword);
        a.put("injected_files", injectedFiles);
        a.put("requested_networks", requestedNetworks);
        a.put("block_device_mapping", blockDeviceMapping);
        a.put("tags", tags);
        client.prepare().version("1.17").cast(ctxt, "schedule_and_build_instances", a);
    }
}
