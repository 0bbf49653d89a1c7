package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builders for the primitives of the boot flow, with nova Zed's object versions: RequestSpec 1.14,
 * BuildRequest 1.3, Selection 1.1, SchedulerLimits 1.0, ImageMeta 1.8, the empty
 * BlockDeviceMappingList 1.18, NetworkRequestList 1.1 and TagList 1.1, and InstanceList 2.6.
 */
public final class NovaObjects {
    private NovaObjects() {
    }

    /** The instance nova-api builds before scheduling: building / scheduling / power 0, no host. */
    public static Instance newInstance(String uuid, String name, Flavor flavor, String imageRef, String userId,
                                       String projectId, String reservationId, int launchIndex,
                                       Map<String, String> metadata, List<String> roles, Instant now) {
        Instance i = Instance.empty();
        i.set("user_id", userId).set("project_id", projectId).set("image_ref", imageRef)
                .set("kernel_id", "").set("ramdisk_id", "").set("hostname", hostname(name))
                .set("launch_index", launchIndex).set("key_name", null).set("key_data", null)
                .set("power_state", NovaStates.NOSTATE).set("vm_state", NovaStates.BUILDING)
                .set("task_state", NovaStates.SCHEDULING).set("memory_mb", flavor.memoryMb())
                .set("vcpus", flavor.vcpus()).set("root_gb", flavor.rootGb()).set("ephemeral_gb", 0)
                .set("ephemeral_key_uuid", null).set("host", null).set("node", null)
                .set("instance_type_id", flavor.id()).set("user_data", null).set("reservation_id", reservationId)
                .set("launched_at", null).set("terminated_at", null).set("availability_zone", null)
                .set("display_name", name).set("display_description", name).set("launched_on", null)
                .set("locked", false).set("locked_by", null).set("os_type", null).set("architecture", null)
                .set("vm_mode", null).set("uuid", uuid).set("root_device_name", null)
                .set("default_ephemeral_device", null).set("default_swap_device", null).set("config_drive", "")
                .set("access_ip_v4", null).set("access_ip_v6", null).set("auto_disk_config", false)
                .set("progress", 0).set("shutdown_terminate", false).set("disable_terminate", false)
                .set("cell_name", null).set("metadata", metadata == null ? Map.of() : metadata);
        ObjectNode sys = Json.object();
        sys.put("image_base_image_ref", imageRef);
        sys.put("boot_roles", String.join(",", roles));
        i.set("system_metadata", sys);
        i.set("flavor", flavor.toPrimitive());
        i.set("cleaned", false).set("hidden", false).set("created_at", Json.objectTime(now))
                .set("updated_at", null).set("deleted_at", null).set("deleted", false);
        return i;
    }

    static String hostname(String displayName) {
        String h = displayName.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return h.isEmpty() ? "server" : h.length() > 63 ? h.substring(0, 63) : h;
    }

    public static ObjectNode imageMeta(String imageRef) {
        ObjectNode d = Json.object();
        d.put("id", imageRef);
        d.put("name", "cirros-0.6.2-x86_64-disk");
        d.put("status", "active");
        d.put("container_format", "bare");
        d.put("disk_format", "qcow2");
        d.put("min_disk", 0);
        d.put("min_ram", 0);
        d.put("size", 21430272);
        d.putObject("properties");
        return d;
    }

    /** {@code image} as the conductor and compute receive it: {@code jsonutils.to_primitive} of the image meta dict. */
    public static ObjectNode imageDict(String imageRef) {
        return imageMeta(imageRef);
    }

    public static ObjectNode requestSpec(Instance instance, Flavor flavor, int numInstances, Instant now) {
        ObjectNode d = Json.object();
        d.put("id", (Integer) null);
        d.set("image", Primitives.of("ImageMeta", "1.8", imageMeta(instance.text("image_ref")),
                List.of("id", "name", "status")));
        d.putNull("numa_topology");
        d.putNull("pci_requests");
        d.put("project_id", instance.text("project_id"));
        d.put("user_id", instance.text("user_id"));
        d.putNull("availability_zone");
        d.set("flavor", flavor.toPrimitive());
        d.put("num_instances", numInstances);
        d.putNull("ignore_hosts");
        d.putNull("force_hosts");
        d.putNull("force_nodes");
        d.putNull("requested_destination");
        d.putNull("retry");
        d.putNull("limits");
        d.putNull("instance_group");
        d.putObject("scheduler_hints");
        d.put("instance_uuid", instance.uuid());
        d.set("security_groups", Primitives.list("SecurityGroupList", "1.1", List.of()));
        d.put("is_bfv", false);
        return Primitives.of("RequestSpec", "1.14", d, List.of("image", "project_id", "user_id", "flavor",
                "num_instances", "scheduler_hints", "instance_uuid", "security_groups", "is_bfv"));
    }

    public static ObjectNode buildRequest(Instance instance, Instant now) {
        ObjectNode d = Json.object();
        d.put("instance_uuid", instance.uuid());
        d.put("project_id", instance.text("project_id"));
        d.set("instance", instance.toPrimitive());
        d.set("block_device_mappings", emptyBdms());
        d.set("tags", Primitives.list("TagList", "1.1", List.of()));
        d.put("created_at", Json.objectTime(now));
        d.putNull("updated_at");
        return Primitives.of("BuildRequest", "1.3", d, List.of("instance_uuid", "project_id", "instance",
                "block_device_mappings", "tags"));
    }

    public static ObjectNode emptyBdms() {
        return Primitives.list("BlockDeviceMappingList", "1.18", List.of());
    }

    public static ObjectNode networkRequests() {
        ObjectNode d = Json.object();
        ObjectNode req = Json.object();
        req.put("network_id", "auto");
        req.putNull("address");
        req.putNull("port_id");
        req.putNull("tag");
        d.putArray("objects").add(Primitives.of("NetworkRequest", "1.3", req, List.of("network_id")));
        return Primitives.of("NetworkRequestList", "1.1", d, List.of("objects"));
    }

    public static ObjectNode schedulerLimits() {
        ObjectNode d = Json.object();
        d.putNull("numa_topology");
        d.putNull("vcpu");
        d.putNull("disk_gb");
        d.putNull("memory_mb");
        return Primitives.of("SchedulerLimits", "1.0", d, List.of());
    }

    /** A {@code Selection} 1.1 for {@code host}, claiming the flavor's resources on the host's provider. */
    public static ObjectNode selection(String host, String computeNodeUuid, String cellUuid, JsonNode flavorData) {
        ObjectNode d = Json.object();
        d.put("compute_node_uuid", computeNodeUuid);
        d.put("service_host", host);
        d.put("nodename", host);
        d.put("cell_uuid", cellUuid);
        d.set("limits", schedulerLimits());
        int vcpu = flavorData == null ? 1 : flavorData.path("vcpus").asInt(1);
        int mem = flavorData == null ? 512 : flavorData.path("memory_mb").asInt(512);
        int disk = flavorData == null ? 1 : flavorData.path("root_gb").asInt(1);
        d.put("allocation_request", "{\"allocations\": {\"" + computeNodeUuid + "\": {\"resources\": {\"VCPU\": "
                + vcpu + ", \"MEMORY_MB\": " + mem + ", \"DISK_GB\": " + disk + "}}}}");
        d.put("allocation_request_version", "1.36");
        d.put("availability_zone", "nova");
        return Primitives.of("Selection", "1.1", d, List.of("compute_node_uuid", "service_host", "nodename",
                "cell_uuid", "limits", "allocation_request", "allocation_request_version", "availability_zone"));
    }

    public static ObjectNode instanceList(List<Instance> instances) {
        return Primitives.list(Instance.LIST_NAME, Instance.LIST_VERSION,
                instances.stream().map(Instance::toPrimitive).toList());
    }

    /** The {@code object_versions} manifest nova-compute sends with Instance class actions (abridged). */
    public static Map<String, String> instanceManifest() {
        return Map.of("Instance", "2.7", "InstanceList", "2.6", "Flavor", "1.2", "InstanceInfoCache", "1.5",
                "SecurityGroupList", "1.1", "SecurityGroup", "1.2", "TagList", "1.1", "Tag", "1.1");
    }

    public static ArrayNode stringArray(Set<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }
}
