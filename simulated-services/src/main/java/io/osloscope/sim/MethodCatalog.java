package io.osloscope.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.nova.objects.Flavor;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.NovaStates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RPC methods the simulated services serve, with what a sender puts on the wire: topic,
 * server, version, namespace, call or cast (or fanout cast) and an argument template (JSON) that
 * the GUI's fire panel can edit and send.
 */
public final class MethodCatalog {
    /** One method; {@code server} is a hint such as {@code compute1} (null: the shared topic queue). */
    public record Entry(String binary, String topic, String server, String method, String version,
                        String namespace, String kind, String argumentTemplate) {
        public boolean isCall() {
            return "call".equals(kind);
        }

        public boolean isFanout() {
            return kind.startsWith("fanout");
        }
    }

    private final List<Entry> entries;

    private MethodCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Entry> forTopic(String topic) {
        return entries.stream().filter(e -> e.topic().equals(topic)).toList();
    }

    /** The catalog, with templates for an instance running on {@code computeHost}. */
    public static MethodCatalog nova(String computeHost) {
        String host = computeHost == null ? "compute1" : computeHost;
        Instance active = sampleInstance(host, NovaStates.ACTIVE, null, NovaStates.RUNNING);
        Instance startable = sampleInstance(host, NovaStates.STOPPED, NovaStates.POWERING_ON, NovaStates.SHUTDOWN);
        Instance stoppable = sampleInstance(host, NovaStates.ACTIVE, NovaStates.POWERING_OFF, NovaStates.RUNNING);
        Instance rebooting = sampleInstance(host, NovaStates.ACTIVE, NovaStates.REBOOTING, NovaStates.RUNNING);
        List<Entry> list = new ArrayList<>();
        String c = NovaTopics.COMPUTE;
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, host, "start_instance", "6.0", null, "cast",
                json(Map.of("instance", startable.toPrimitive()))));
        ObjectNode stop = Json.object();
        stop.set("instance", stoppable.toPrimitive());
        stop.put("clean_shutdown", true);
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, host, "stop_instance", "6.0", null, "cast", json(stop)));
        ObjectNode reboot = Json.object();
        reboot.set("instance", rebooting.toPrimitive());
        reboot.putNull("block_device_info");
        reboot.put("reboot_type", "SOFT");
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, host, "reboot_instance", "6.0", null, "cast", json(reboot)));
        ObjectNode console = Json.object();
        console.set("instance", active.toPrimitive());
        console.put("tail_length", 10);
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, host, "get_console_output", "6.0", null, "call",
                json(console)));
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, host, "ping", "1.0", "baseapi", "call",
                "{\"arg\":\"1.21 GigaWatts\"}"));
        list.add(new Entry(NovaTopics.BIN_COMPUTE, c, null, "ping", "1.0", "baseapi", "fanout cast",
                "{\"arg\":\"hello every compute\"}"));
        String k = NovaTopics.CONDUCTOR;
        list.add(new Entry(NovaTopics.BIN_CONDUCTOR, k, null, "ping", "1.0", "baseapi", "call",
                "{\"arg\":\"1.21 GigaWatts\"}"));
        ObjectNode get = Json.object();
        get.put("objname", "Instance");
        get.put("objmethod", "get_by_uuid");
        get.set("object_versions", Json.valueOf(NovaObjects.instanceManifest()));
        get.putArray("args");
        ObjectNode kw = get.putObject("kwargs");
        kw.put("uuid", active.uuid());
        kw.putArray("expected_attrs").add("flavor");
        list.add(new Entry(NovaTopics.BIN_CONDUCTOR, k, null, "object_class_action_versions", "3.0", null, "call",
                json(get)));
        ObjectNode save = Json.object();
        Instance edited = active.copy();
        edited.set("task_state", NovaStates.POWERING_OFF);
        save.set("objinst", edited.toPrimitive());
        save.put("objmethod", "save");
        save.putArray("args");
        save.putObject("kwargs").putArray("expected_task_state").addNull();
        list.add(new Entry(NovaTopics.BIN_CONDUCTOR, k, null, "object_action", "3.0", null, "call", json(save)));
        String s = NovaTopics.SCHEDULER;
        ObjectNode select = Json.object();
        select.putArray("instance_uuids").add(active.uuid());
        select.set("spec_obj", NovaObjects.requestSpec(active, Flavor.CATALOG.get("1"), 1, Instant.now()));
        select.put("return_objects", true);
        select.put("return_alternates", true);
        list.add(new Entry(NovaTopics.BIN_SCHEDULER, s, null, "select_destinations", "4.5", null, "call",
                json(select)));
        ObjectNode info = Json.object();
        info.put("host_name", host);
        info.set("instance_info", NovaObjects.instanceList(List.of(active)));
        list.add(new Entry(NovaTopics.BIN_SCHEDULER, s, null, "update_instance_info", "4.2", null, "fanout cast",
                json(info)));
        ObjectNode sync = Json.object();
        sync.put("host_name", host);
        sync.putArray("instance_uuids").add(active.uuid());
        list.add(new Entry(NovaTopics.BIN_SCHEDULER, s, null, "sync_instance_info", "4.2", null, "fanout cast",
                json(sync)));
        return new MethodCatalog(list);
    }

    /** A realistic Instance in the given states on {@code host}. */
    public static Instance sampleInstance(String host, String vmState, String taskState, int powerState) {
        Instance i = NovaObjects.newInstance("9b2f0a6e-1c43-4a8e-9d57-2f2f6c1b7a10", "vm1", Flavor.CATALOG.get("1"),
                "155d900f-4e14-4e4c-a73d-069cbf4541e6", RequestContexts.DEMO_USER, RequestContexts.DEMO_PROJECT,
                "r-3fhpjulh", 0, Map.of(), List.of("member", "reader"), Instant.parse("2024-01-02T02:59:00Z"));
        i.load("id", 1);
        i.load("host", host).load("node", host).load("launched_on", host).load("availability_zone", "nova");
        i.load("vm_state", vmState).load("task_state", taskState).load("power_state", powerState);
        i.load("launched_at", "2024-01-02T03:00:00Z").load("updated_at", "2024-01-02T03:05:00Z");
        i.resetChanges();
        return i;
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
