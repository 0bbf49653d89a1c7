package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.NovaStates;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.service.NodeContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nova-conductor's {@code ComputeTaskManager} (namespace {@code compute_task}, version 1.24):
 * {@code schedule_and_build_instances} asks the scheduler for hosts ({@code select_destinations}
 * call), creates each instance in the cell database and casts {@code build_and_run_instance} to
 * {@code compute.<selected host>}; with no valid host it buries the instance in ERROR.
 */
@EndpointTarget(namespace = "compute_task", version = "1.24")
public final class ComputeTaskManager {
    private final NodeContext node;
    private final CellDatabase db;
    private final SchedulerAPI scheduler;
    private final ComputeAPI compute;

    ComputeTaskManager(NodeContext node, CellDatabase db) {
        this.node = node;
        this.db = db;
        this.scheduler = new SchedulerAPI(node.transport(), node.faults());
        this.compute = new ComputeAPI(node.transport(), node.faults());
    }

    public SchedulerAPI schedulerApi() {
        return scheduler;
    }

    public void schedule_and_build_instances(RpcContext ctx, List<JsonNode> build_requests,
                                             List<JsonNode> request_specs, JsonNode image, String admin_password,
                                             JsonNode injected_files, JsonNode requested_networks,
                                             JsonNode block_device_mapping, JsonNode tags) {
        var raise = node.faults().raiseFor(ctx.method());
        Map<String, Object> ctxt = RequestContexts.passOn(ctx.values());
        List<Instance> instances = new ArrayList<>();
        for (JsonNode br : build_requests) {
            instances.add(Instance.fromPrimitive(Primitives.data(br, "BuildRequest").get("instance")));
        }
        List<String> uuids = instances.stream().map(Instance::uuid).toList();
        JsonNode hostLists;
        try {
            if (raise != null) {
                throw new IllegalStateException(raise.exceptionClass() + ": " + raise.message());
            }
            hostLists = scheduler.select_destinations(ctxt, request_specs.get(0), uuids, true, true);
        } catch (RemoteError e) {
            bury(instances, e.excType() + ": " + e.value());
            return;
        } catch (MessagingException | IllegalStateException e) {
            bury(instances, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            JsonNode hosts = hostLists.get(i);
            JsonNode chosen = Primitives.data(hosts.get(0), "Selection");
            String host = chosen.get("service_host").asText();
            String nodename = chosen.get("nodename").asText();
            ArrayNode alternates = Json.array();
            for (int a = 1; a < hosts.size(); a++) {
                alternates.add(hosts.get(a));
            }
            instance.set("availability_zone", chosen.path("availability_zone").asText("nova"));
            Instance created = db.create(instance);
            db.recordActionEvent();
            ObjectNode filterProperties = Json.object();
            ObjectNode retry = filterProperties.putObject("retry");
            retry.put("num_attempts", 1);
            retry.putArray("hosts").add(Json.array().add(host).add(nodename));
            filterProperties.putObject("limits");
            JsonNode spec = request_specs.size() > i ? request_specs.get(i) : request_specs.get(0);
            compute.build_and_run_instance(ctxt, created, host, image, spec, filterProperties, admin_password,
                    injected_files, requested_networks, List.of("default"),
                    block_device_mapping == null ? NovaObjects.emptyBdms() : block_device_mapping, nodename,
                    Json.object(), alternates, List.of());
        }
    }

    /** The cell0 burial of nova: the instance exists, in ERROR, with a fault, and no compute is told. */
    private void bury(List<Instance> instances, String reason) {
        for (Instance instance : instances) {
            instance.set("vm_state", NovaStates.ERROR).set("task_state", null);
            ObjectNode fault = Json.object();
            fault.put("code", 500);
            fault.put("message", reason.length() > 255 ? reason.substring(0, 255) : reason);
            fault.put("created", Json.objectTime(java.time.Instant.now()));
            instance.set("fault", fault);
            db.create(instance);
        }
    }
}
