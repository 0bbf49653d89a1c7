package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.service.Manager;
import io.osloscope.sim.service.NodeContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * nova-scheduler's {@code SchedulerManager} ({@code Target(version='4.5')}). It learns compute
 * hosts the way nova's HostManager learns their instances: from the {@code update_instance_info} /
 * {@code sync_instance_info} fanouts computes send (a new compute announces itself at start-up).
 * {@code select_destinations} picks the host with the fewest instances, claims it, and returns
 * Selection 1.1 primitives (chosen host first, then up to two alternates), or {@code NoValidHost}.
 */
@EndpointTarget(version = "4.5")
public final class SchedulerManager extends Manager {
    public static final String CELL_UUID = "7b8e3c1a-0f52-4d39-9a11-2c6d5e4f3a21";

    private final Map<String, Set<String>> hosts = new TreeMap<>();
    private int aggregateUpdates;

    public SchedulerManager(NodeContext node) {
        super(node);
    }

    @Override
    public synchronized String summary() {
        return hosts.size() + " compute hosts known";
    }

    public synchronized List<String> knownHosts() {
        return List.copyOf(hosts.keySet());
    }

    public synchronized int aggregateUpdates() {
        return aggregateUpdates;
    }

    public synchronized JsonNode select_destinations(RpcContext ctx, List<String> instance_uuids, JsonNode spec_obj,
                                                     Boolean return_objects, Boolean return_alternates) {
        checkFaults(ctx);
        if (hosts.isEmpty()) {
            throw new RemoteException("NoValidHost", "nova.exception",
                    "No valid host was found. There are not enough hosts available.",
                    Map.of("reason", "There are not enough hosts available.", "code", 500));
        }
        JsonNode flavor = null;
        if (Primitives.isPrimitive(spec_obj)) {
            JsonNode f = Primitives.data(spec_obj, null).get("flavor");
            flavor = Primitives.isPrimitive(f) ? f.get(Primitives.DATA) : null;
        }
        List<String> uuids = instance_uuids == null || instance_uuids.isEmpty()
                ? List.of(UUID.randomUUID().toString()) : instance_uuids;
        ArrayNode result = Json.array();
        for (String uuid : uuids) {
            List<String> ranked = new ArrayList<>(hosts.keySet());
            ranked.sort(Comparator.comparingInt((String h) -> hosts.get(h).size()).thenComparing(h -> h));
            hosts.get(ranked.get(0)).add(uuid);
            int count = Boolean.FALSE.equals(return_alternates) ? 1 : Math.min(3, ranked.size());
            ArrayNode forInstance = Json.array();
            for (int i = 0; i < count; i++) {
                String h = ranked.get(i);
                if (Boolean.FALSE.equals(return_objects)) {
                    ObjectNode d = Json.object();
                    d.put("host", h);
                    d.put("nodename", h);
                    d.putObject("limits");
                    forInstance.add(d);
                } else {
                    forInstance.add(NovaObjects.selection(h, computeNodeUuid(h), CELL_UUID, flavor));
                }
            }
            result.add(forInstance);
        }
        return result;
    }

    public synchronized void update_instance_info(RpcContext ctx, String host_name, JsonNode instance_info) {
        checkFaults(ctx);
        Set<String> uuids = hosts.computeIfAbsent(host_name, h -> new HashSet<>());
        if (Primitives.isPrimitive(instance_info)) {
            String name = Primitives.name(instance_info);
            if ("InstanceList".equals(name)) {
                for (JsonNode i : Primitives.objects(instance_info, "InstanceList")) {
                    uuids.add(Primitives.data(i, "Instance").path("uuid").asText());
                }
            } else if ("Instance".equals(name)) {
                uuids.add(Primitives.data(instance_info, "Instance").path("uuid").asText());
            }
        }
    }

    public synchronized void delete_instance_info(RpcContext ctx, String host_name, String instance_uuid) {
        checkFaults(ctx);
        hosts.computeIfAbsent(host_name, h -> new HashSet<>()).remove(instance_uuid);
    }

    public synchronized void sync_instance_info(RpcContext ctx, String host_name, List<String> instance_uuids) {
        checkFaults(ctx);
        Set<String> uuids = hosts.computeIfAbsent(host_name, h -> new HashSet<>());
        uuids.clear();
        if (instance_uuids != null) {
            uuids.addAll(instance_uuids);
        }
    }

    public synchronized void update_aggregates(RpcContext ctx, JsonNode aggregates) {
        checkFaults(ctx);
        aggregateUpdates++;
    }

    public synchronized void delete_aggregate(RpcContext ctx, JsonNode aggregate) {
        checkFaults(ctx);
        aggregateUpdates++;
    }

    /** Forgets a compute host (e.g. after it was removed from the simulation). */
    public synchronized void forgetHost(String host) {
        hosts.remove(host);
    }

    /** A stable resource provider uuid per host. */
    static String computeNodeUuid(String host) {
        return UUID.nameUUIDFromBytes(("compute-node:" + host).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
