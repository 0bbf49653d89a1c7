package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.service.Manager;
import io.osloscope.sim.service.NodeContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * nova-conductor's {@code ConductorManager} (no namespace, version 3.0): the object indirection
 * that lets nova-compute (and our nova-api, which has no database either) read and save objects.
 * Its {@link ComputeTaskManager} ({@code compute_task}, 1.24) is served next to it. Besides instances it keeps
 * the computes' service records ({@link ServiceRecords}: create, get_by_host_and_binary, save, destroy).
 */
@EndpointTarget(version = "3.0")
public final class ConductorManager extends Manager {
    /** {@code SERVICE_VERSION} at Zed; what {@code Service.get_minimum_version} answers. */
    public static final int SERVICE_VERSION = 64;

    private final CellDatabase db;
    private final ComputeTaskManager computeTask;
    private final ServiceRecords services = new ServiceRecords();

    public ConductorManager(NodeContext node) {
        this(node, new CellDatabase());
    }

    public ConductorManager(NodeContext node, CellDatabase db) {
        super(node);
        this.db = Objects.requireNonNull(db, "db");
        this.computeTask = new ComputeTaskManager(node, db);
    }

    public CellDatabase database() {
        return db;
    }

    public ComputeTaskManager computeTask() {
        return computeTask;
    }

    /** The service records computes created and their report_state saves. */
    public ServiceRecords services() {
        return services;
    }

    @Override
    public List<Object> additionalEndpoints() {
        return List.of(computeTask);
    }

    @Override
    public String summary() {
        return db.size() + " instances in the cell database";
    }

    /** Runs {@code objmethod} on the object; the reply is {@code [updates, result]}. */
    public JsonNode object_action(RpcContext ctx, JsonNode objinst, String objmethod, List<Object> args,
                                  JsonNode kwargs) {
        checkFaults(ctx);
        String name = Primitives.name(objinst);
        if ("Service".equals(name) && objmethod.equals("create")) {
            return services.create(objinst);
        }
        if ("Service".equals(name) && objmethod.equals("save")) {
            return services.save(objinst);
        }
        if ("Service".equals(name) && objmethod.equals("destroy")) {
            return services.destroy(objinst);
        }
        if (!Instance.OBJ_NAME.equals(name)) {
            throw unsupported(name, objmethod);
        }
        Instance instance = Instance.fromPrimitive(objinst);
        ArrayNode reply = Json.array();
        switch (objmethod) {
            case "save":
                reply.add(db.save(instance, kwargs));
                reply.add(NullNode.getInstance());
                return reply;
            case "refresh": {
                Instance current = db.get(instance.uuid());
                var updates = Json.object();
                for (String f : Instance.FIELDS) {
                    if (current.isSet(f) && !current.get(f).equals(instance.get(f))) {
                        updates.set(f, current.get(f));
                    }
                }
                updates.putArray("obj_what_changed");
                reply.add(updates);
                reply.add(NullNode.getInstance());
                return reply;
            }
            default:
                throw unsupported(name, objmethod);
        }
    }

    /** Class methods: {@code Instance.get_by_uuid}, {@code InstanceList.get_by_*}, action events, ... */
    public JsonNode object_class_action_versions(RpcContext ctx, String objname, String objmethod,
                                                 Map<String, String> object_versions, List<Object> args,
                                                 JsonNode kwargs) {
        checkFaults(ctx);
        JsonNode kw = kwargs == null ? Json.object() : kwargs;
        String key = objname + "." + objmethod;
        switch (key) {
            case "Instance.get_by_uuid": {
                String uuid = kw.has("uuid") ? kw.get("uuid").asText() : String.valueOf(args.get(0));
                return db.get(uuid).toPrimitive();
            }
            case "InstanceList.get_by_host": {
                String host = kw.has("host") ? kw.get("host").asText() : String.valueOf(args.get(0));
                return NovaObjects.instanceList(db.list(i -> host.equals(i.host())));
            }
            case "InstanceList.get_by_filters": {
                JsonNode filters = kw.has("filters") ? kw.get("filters")
                        : args.isEmpty() ? Json.object() : Json.valueOf(args.get(0));
                return NovaObjects.instanceList(db.list(matches(filters)));
            }
            case "InstanceActionEvent.event_start":
            case "InstanceActionEvent.event_finish":
            case "InstanceActionEvent.event_finish_with_failure":
                db.recordActionEvent();
                return NullNode.getInstance();
            case "Service.get_by_host_and_binary":
                return services.getByHostAndBinary(kw.has("host") ? kw.get("host").asText() : String.valueOf(args.get(0)),
                        kw.has("binary") ? kw.get("binary").asText() : String.valueOf(args.get(1)));
            case "Service.get_minimum_version":
            case "Service.get_minimum_version_multi":
                return Json.valueOf(SERVICE_VERSION);
            case "BlockDeviceMappingList.get_by_instance_uuid":
                return NovaObjects.emptyBdms();
            default:
                throw unsupported(objname, objmethod);
        }
    }

    /** We only hold Zed versions, so a backport returns the object unchanged. */
    public JsonNode object_backport_versions(RpcContext ctx, JsonNode objinst, Map<String, String> object_versions) {
        checkFaults(ctx);
        return objinst;
    }

    /** Exists only server-side in nova; always empty. */
    public List<Object> provider_fw_rule_get_all(RpcContext ctx) {
        return List.of();
    }

    private static Predicate<Instance> matches(JsonNode filters) {
        return i -> {
            if (filters == null || !filters.isObject()) {
                return true;
            }
            for (String f : List.of("project_id", "host", "vm_state", "uuid")) {
                JsonNode want = filters.get(f);
                if (want != null && !want.isNull() && !want.asText().equals(i.text(f))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static RemoteException unsupported(String objname, String objmethod) {
        return new RemoteException("ObjectActionError", "nova.exception",
                "Object action " + objmethod + " failed because: " + objname + "." + objmethod
                        + " is not simulated", Map.of("action", String.valueOf(objmethod),
                "reason", "not simulated", "code", 500));
    }
}
