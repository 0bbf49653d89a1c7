package io.osloscope.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.sim.nova.ComputeAPI;
import io.osloscope.sim.nova.ComputeTaskAPI;
import io.osloscope.sim.nova.ConductorAPI;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.nova.objects.Flavor;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.NovaStates;
import io.osloscope.sim.service.NodeContext;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nova-api's compute API behind the REST layer: validates like nova's JSON schemas and
 * {@code check_instance_state} decorators, keeps the API database (build requests) and turns
 * REST into RPC: {@code schedule_and_build_instances} to the conductor for a boot,
 * {@code start_instance} / {@code stop_instance} / {@code reboot_instance} casts and the
 * {@code get_console_output} call to {@code compute.<host>}. Unlike real nova-api it has no cell
 * database: it reads and saves instances through the conductor, as nova-compute does.
 */
public final class NovaApi {
    private static final Set<String> SERVER_KEYS = Set.of("name", "imageRef", "flavorRef", "adminPass", "metadata",
            "networks", "security_groups", "key_name", "availability_zone", "user_data", "min_count", "max_count",
            "block_device_mapping_v2", "description", "config_drive", "accessIPv4", "accessIPv6",
            "OS-DCF:diskConfig", "return_reservation_id");
    private static final Set<String> TOP_KEYS = Set.of("server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints");
    private static final List<String> ALLOW_REBOOT = Arrays.asList(null, NovaStates.REBOOTING,
            NovaStates.REBOOT_PENDING, NovaStates.REBOOT_STARTED, NovaStates.REBOOTING_HARD,
            NovaStates.REBOOT_PENDING_HARD, NovaStates.REBOOT_STARTED_HARD, "suspending", "pausing",
            "resuming", "unpausing");
    private static final String PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeContext node;
    private final ConductorAPI conductor;
    private final ComputeTaskAPI computeTask;
    private final ComputeAPI compute;
    private final Map<String, Instance> buildRequests = new ConcurrentHashMap<>();

    public NovaApi(NodeContext node) {
        this.node = node;
        this.conductor = new ConductorAPI(node.transport(), node.faults());
        this.computeTask = new ComputeTaskAPI(node.transport());
        this.compute = new ComputeAPI(node.transport(), node.faults());
    }

    public NodeContext node() {
        return node;
    }

    /** {@code POST /servers}: returns the 202 body. */
    public ObjectNode createServer(JsonNode body, String baseUrl, Map<String, Object> ctxt) {
        ServerRequest req = validateCreate(body);
        Flavor flavor = Flavor.byRef(req.flavorRef)
                .orElseThrow(() -> ApiFault.badRequest("Flavor " + req.flavorRef + " could not be found."));
        Instant now = Instant.now();
        String reservationId = "r-" + randomString(8).toLowerCase();
        List<ObjectNode> buildReqs = new ArrayList<>();
        List<ObjectNode> specs = new ArrayList<>();
        List<Instance> created = new ArrayList<>();
        for (int i = 0; i < req.count; i++) {
            String name = req.count > 1 ? req.name + "-" + (i + 1) : req.name;
            Instance inst = NovaObjects.newInstance(UUID.randomUUID().toString(), name, flavor, req.imageRef,
                    (String) ctxt.get("user_id"), (String) ctxt.get("project_id"), reservationId, i, req.metadata,
                    roles(ctxt), now);
            buildRequests.put(inst.uuid(), inst.copy());
            created.add(inst);
            buildReqs.add(NovaObjects.buildRequest(inst, now));
            specs.add(NovaObjects.requestSpec(inst, flavor, req.count, now));
        }
        try {
            computeTask.schedule_and_build_instances(ctxt, buildReqs, specs, NovaObjects.imageDict(req.imageRef),
                    req.adminPass, Json.array(), NovaObjects.networkRequests(), NovaObjects.emptyBdms(),
                    io.osloscope.sim.nova.objects.Primitives.list("TagList", "1.1", List.of()));
        } catch (MessagingException e) {
            created.forEach(c -> buildRequests.remove(c.uuid()));
            throw rpcFault(e);
        }
        ObjectNode out = Json.object();
        if (req.returnReservationId) {
            out.put("reservation_id", reservationId);
            return out;
        }
        Instance first = created.get(0);
        ObjectNode server = out.putObject("server");
        server.put("id", first.uuid());
        server.set("links", ServerViews.links(baseUrl, first.uuid()));
        server.put("OS-DCF:diskConfig", "MANUAL");
        server.putArray("security_groups").addObject().put("name", "default");
        server.put("adminPass", req.adminPass);
        return out;
    }

    /** {@code GET /servers/{id}}. */
    public ObjectNode showServer(String id, String baseUrl, Map<String, Object> ctxt) {
        ObjectNode out = Json.object();
        out.set("server", ServerViews.show(load(id, ctxt), baseUrl));
        return out;
    }

    /** {@code GET /servers} (brief) or {@code GET /servers/detail}. */
    public ObjectNode listServers(String baseUrl, boolean detail, Map<String, Object> ctxt) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("project_id", ctxt.get("project_id"));
        filters.put("deleted", false);
        JsonNode list;
        try {
            list = conductor.object_class_action_versions(ctxt, "InstanceList", "get_by_filters",
                    NovaObjects.instanceManifest(), List.of(), Map.of("filters", filters, "sort_key", "created_at",
                            "sort_dir", "desc"));
        } catch (MessagingException e) {
            throw rpcFault(e);
        }
        List<Instance> all = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode p : io.osloscope.sim.nova.objects.Primitives.objects(list, "InstanceList")) {
            Instance i = Instance.fromPrimitive(p);
            all.add(i);
            seen.add(i.uuid());
            buildRequests.remove(i.uuid());
        }
        for (Instance b : buildRequests.values()) {
            if (!seen.contains(b.uuid()) && b.text("project_id") != null
                    && b.text("project_id").equals(ctxt.get("project_id"))) {
                all.add(0, b.copy());
            }
        }
        ObjectNode out = Json.object();
        ArrayNode servers = out.putArray("servers");
        for (Instance i : all) {
            servers.add(detail ? ServerViews.show(i, baseUrl) : ServerViews.brief(i, baseUrl));
        }
        return out;
    }

    /**
     * {@code POST /servers/{id}/action}: {@code os-start}, {@code os-stop}, {@code reboot} (202, no
     * body, returns null) or {@code os-getConsoleOutput} (200 with {@code {"output": ...}}).
     */
    public ObjectNode action(String id, JsonNode body, Map<String, Object> ctxt) {
        if (body == null || !body.isObject() || body.size() != 1) {
            throw ApiFault.badRequest("Malformed request body: an action body has exactly one key, e.g. "
                    + "{\"os-start\": null}");
        }
        String action = body.fieldNames().next();
        JsonNode arg = body.get(action);
        switch (action) {
            case "os-start":
                start(id, ctxt);
                return null;
            case "os-stop":
                stop(id, ctxt);
                return null;
            case "reboot":
                reboot(id, arg, ctxt);
                return null;
            case "os-getConsoleOutput":
                return consoleOutput(id, arg, ctxt);
            default:
                throw ApiFault.badRequest("There is no such action: " + action);
        }
    }

    private void start(String id, Map<String, Object> ctxt) {
        Instance inst = loadForAction(id, ctxt);
        checkState(inst, "start", List.of(NovaStates.STOPPED), Arrays.asList((String) null), true);
        inst.set("task_state", NovaStates.POWERING_ON);
        saveForAction(ctxt, inst, ONE_NONE);
        rpc(() -> compute.start_instance(ctxt, inst));
    }

    private void stop(String id, Map<String, Object> ctxt) {
        Instance inst = loadForAction(id, ctxt);
        checkState(inst, "stop", List.of(NovaStates.ACTIVE, NovaStates.ERROR), Arrays.asList((String) null), false);
        inst.set("task_state", NovaStates.POWERING_OFF).set("progress", 0);
        saveForAction(ctxt, inst, ONE_NONE);
        rpc(() -> compute.stop_instance(ctxt, inst, true, true));
    }

    private void reboot(String id, JsonNode arg, Map<String, Object> ctxt) {
        if (arg == null || !arg.isObject()) {
            throw ApiFault.badRequest("Invalid input for field/attribute reboot. Value: " + arg
                    + ". " + arg + " is not of type 'object'");
        }
        JsonNode type = arg.get("type");
        if (type == null) {
            throw ApiFault.badRequest("Invalid input for field/attribute reboot. Value: " + arg
                    + ". 'type' is a required property");
        }
        String t = type.asText();
        if (!List.of("HARD", "Hard", "hard", "SOFT", "Soft", "soft").contains(t)) {
            throw ApiFault.badRequest("Invalid input for field/attribute type. Value: " + t + ". '" + t
                    + "' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']");
        }
        boolean hard = t.equalsIgnoreCase("HARD");
        Instance inst = loadForAction(id, ctxt);
        if (hard) {
            checkState(inst, "reboot", List.of(NovaStates.ACTIVE, NovaStates.STOPPED, NovaStates.PAUSED,
                    NovaStates.SUSPENDED, NovaStates.ERROR), ALLOW_REBOOT, false);
        } else {
            checkState(inst, "reboot", List.of(NovaStates.ACTIVE), Arrays.asList((String) null), false);
        }
        List<String> expected = hard ? ALLOW_REBOOT : ONE_NONE;
        inst.set("task_state", hard ? NovaStates.REBOOTING_HARD : NovaStates.REBOOTING);
        saveForAction(ctxt, inst, expected);
        rpc(() -> compute.reboot_instance(ctxt, inst, null, hard ? "HARD" : "SOFT"));
    }

    private ObjectNode consoleOutput(String id, JsonNode arg, Map<String, Object> ctxt) {
        Integer length = null;
        if (arg != null && arg.isObject() && arg.has("length") && !arg.get("length").isNull()) {
            JsonNode l = arg.get("length");
            if (!l.canConvertToInt() && !l.asText().matches("-?\\d+")) {
                throw ApiFault.badRequest("Invalid input for field/attribute length. Value: " + l.asText()
                        + ". '" + l.asText() + "' does not match '^-?[0-9]+$'");
            }
            length = l.canConvertToInt() ? l.asInt() : Integer.parseInt(l.asText());
        }
        Instance inst = loadForAction(id, ctxt);
        Integer tail = length == null || length < 0 ? null : length;
        String output = rpcValue(() -> compute.get_console_output(ctxt, inst, tail));
        ObjectNode out = Json.object();
        out.put("output", output);
        return out;
    }

    private static final List<String> ONE_NONE = Arrays.asList((String) null);

    /** Check order for start/stop in nova: lock, host, vm_state, task_state, launched_at. */
    private static void checkState(Instance inst, String action, List<String> vmStates, List<String> taskStates,
                                   boolean needLaunched) {
        if (inst.get("locked") != null && inst.get("locked").asBoolean()) {
            throw ApiFault.conflict("Instance " + inst.uuid() + " is locked");
        }
        if (inst.host() == null) {
            throw ApiFault.conflict("Instance " + inst.uuid() + " is not ready");
        }
        if (!vmStates.contains(inst.vmState())) {
            throw ApiFault.conflict("Cannot '" + action + "' instance " + inst.uuid() + " while it is in vm_state "
                    + inst.vmState());
        }
        if (!taskStates.contains(inst.taskState())) {
            throw ApiFault.conflict("Cannot '" + action + "' instance " + inst.uuid()
                    + " while it is in task_state " + inst.taskState());
        }
        if (needLaunched && inst.text("launched_at") == null) {
            throw ApiFault.conflict("Cannot '" + action + "' instance " + inst.uuid()
                    + " while it is in launched_at None");
        }
    }

    private Instance load(String id, Map<String, Object> ctxt) {
        try {
            Instance i = conductor.getInstanceByUuid(ctxt, id, List.of("metadata", "system_metadata"));
            buildRequests.remove(id);
            return i;
        } catch (RemoteError e) {
            if ("InstanceNotFound".equals(e.excType())) {
                Instance b = buildRequests.get(id);
                if (b != null) {
                    return b.copy();
                }
                throw ApiFault.notFound("Instance " + id + " could not be found.");
            }
            throw rpcFault(e);
        } catch (MessagingException e) {
            throw rpcFault(e);
        }
    }

    private Instance loadForAction(String id, Map<String, Object> ctxt) {
        Instance inst = load(id, ctxt);
        inst.resetChanges();
        return inst;
    }

    private void saveForAction(Map<String, Object> ctxt, Instance inst, List<String> expected) {
        try {
            conductor.save(ctxt, inst, Map.of("expected_task_state", expected));
        } catch (RemoteError e) {
            if (e.excType() != null && e.excType().startsWith("Unexpected")) {
                throw ApiFault.conflict(e.value());
            }
            throw rpcFault(e);
        } catch (MessagingException e) {
            throw rpcFault(e);
        }
    }

    private static void rpc(Runnable r) {
        try {
            r.run();
        } catch (MessagingException e) {
            throw rpcFault(e);
        }
    }

    private static <T> T rpcValue(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (RemoteError e) {
            if ("InstanceNotReady".equals(e.excType()) || "InstanceInvalidState".equals(e.excType())) {
                throw ApiFault.conflict(e.value());
            }
            throw rpcFault(e);
        } catch (MessagingException e) {
            throw rpcFault(e);
        }
    }

    static ApiFault rpcFault(MessagingException e) {
        String cls = e instanceof MessagingTimeoutException ? "oslo_messaging.exceptions.MessagingTimeout"
                : e instanceof RemoteError r ? r.qualifiedType() : e.getClass().getSimpleName();
        return ApiFault.computeFault("Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ "
                + "and attach the Nova API log if possible.\n<class '" + cls + "'>");
    }

    private record ServerRequest(String name, String flavorRef, String imageRef, String adminPass,
                                 Map<String, String> metadata, int count, boolean returnReservationId) {
    }

    private static ServerRequest validateCreate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiFault.badRequest("Invalid input for field/attribute body. Value: " + body
                    + ". " + body + " is not of type 'object'");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP_KEYS.contains(k)) {
                throw ApiFault.badRequest("Additional properties are not allowed ('" + k + "' was unexpected)");
            }
        }
        JsonNode s = body.get("server");
        if (s == null) {
            throw ApiFault.badRequest("Invalid input for field/attribute body. Value: " + body
                    + ". 'server' is a required property");
        }
        if (!s.isObject()) {
            throw ApiFault.badRequest("Invalid input for field/attribute server. Value: " + s
                    + ". " + s + " is not of type 'object'");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SERVER_KEYS.contains(k)) {
                throw ApiFault.badRequest("Invalid input for field/attribute server. Value: " + s
                        + ". Additional properties are not allowed ('" + k + "' was unexpected)");
            }
        }
        for (String required : List.of("name", "flavorRef")) {
            if (!s.has(required)) {
                throw ApiFault.badRequest("Invalid input for field/attribute server. Value: " + s + ". '"
                        + required + "' is a required property");
            }
        }
        JsonNode name = s.get("name");
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 255) {
            throw ApiFault.badRequest("Invalid input for field/attribute name. Value: " + name
                    + ". " + name + " is not a valid server name (a non-blank string of at most 255 characters)");
        }
        if (!s.has("imageRef") && !s.has("block_device_mapping_v2")) {
            throw ApiFault.badRequest("Invalid input for field/attribute server. Value: " + s
                    + ". 'imageRef' is a required property");
        }
        String imageRef = s.has("imageRef") ? s.get("imageRef").asText() : "";
        JsonNode flavorRef = s.get("flavorRef");
        if (!flavorRef.isTextual() && !flavorRef.isInt()) {
            throw ApiFault.badRequest("Invalid input for field/attribute flavorRef. Value: " + flavorRef
                    + ". " + flavorRef + " is not of type 'string', 'integer'");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode md = s.get("metadata");
        if (md != null) {
            if (!md.isObject()) {
                throw ApiFault.badRequest("Invalid input for field/attribute metadata. Value: " + md
                        + ". " + md + " is not of type 'object'");
            }
            md.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        int min = intField(s, "min_count", 1);
        int max = intField(s, "max_count", min);
        if (max < min) {
            throw ApiFault.badRequest("min_count must be <= max_count");
        }
        if (max > 50) {
            throw new ApiFault(403, "forbidden", "Quota exceeded for instances: Requested " + max
                    + ", but already used 0 of 50 instances");
        }
        String adminPass = s.has("adminPass") ? s.get("adminPass").asText() : randomString(12);
        boolean rrid = s.has("return_reservation_id") && s.get("return_reservation_id").asBoolean();
        return new ServerRequest(name.asText(), flavorRef.asText(), imageRef, adminPass, metadata, max, rrid);
    }

    private static int intField(JsonNode s, String field, int fallback) {
        JsonNode v = s.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw ApiFault.badRequest("Invalid input for field/attribute " + field + ". Value: " + v
                    + ". " + v + " is not valid under any of the given schemas");
        }
        return v.asInt();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> ctxt) {
        Object r = ctxt.get("roles");
        return r instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static String randomString(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return b.toString();
    }

    /** A new user context for one REST request. */
    public static Map<String, Object> requestContext() {
        return RequestContexts.demoUser();
    }
}
