package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nova {@code Instance} 2.7 object with ovo-style change tracking. Only set fields are held;
 * {@link #toPrimitive()} writes them in nova's field-declaration order and lists the changed ones
 * in {@code nova_object.changes}. Not thread-safe: each holder keeps its own copy.
 */
public final class Instance {
    public static final String OBJ_NAME = "Instance";
    public static final String OBJ_VERSION = "2.7";
    public static final String LIST_NAME = "InstanceList";
    public static final String LIST_VERSION = "2.6";

    /** Instance 2.7 fields in declaration order (nova/objects/instance.py). */
    public static final List<String> FIELDS = List.of("id", "user_id", "project_id", "image_ref", "kernel_id",
            "ramdisk_id", "hostname", "launch_index", "key_name", "key_data", "power_state", "vm_state",
            "task_state", "memory_mb", "vcpus", "root_gb", "ephemeral_gb", "ephemeral_key_uuid", "host", "node",
            "instance_type_id", "user_data", "reservation_id", "launched_at", "terminated_at", "availability_zone",
            "display_name", "display_description", "launched_on", "locked", "locked_by", "os_type", "architecture",
            "vm_mode", "uuid", "root_device_name", "default_ephemeral_device", "default_swap_device",
            "config_drive", "access_ip_v4", "access_ip_v6", "auto_disk_config", "progress", "shutdown_terminate",
            "disable_terminate", "cell_name", "metadata", "system_metadata", "info_cache", "security_groups",
            "pci_devices", "numa_topology", "pci_requests", "device_metadata", "tags", "flavor", "old_flavor",
            "new_flavor", "vcpu_model", "ec2_ids", "migration_context", "keypairs", "trusted_certs", "resources",
            "cleaned", "hidden", "created_at", "updated_at", "deleted_at", "deleted");

    private final ObjectNode data;
    private final Set<String> changes;

    private Instance(ObjectNode data, Set<String> changes) {
        this.data = data;
        this.changes = changes;
    }

    public static Instance empty() {
        return new Instance(Json.object(), new LinkedHashSet<>());
    }

    /** Reads a primitive, keeping its {@code nova_object.changes}. */
    public static Instance fromPrimitive(JsonNode primitive) {
        ObjectNode data = Primitives.data(primitive, OBJ_NAME).deepCopy();
        Set<String> changes = new LinkedHashSet<>();
        JsonNode c = primitive.get(Primitives.CHANGES);
        if (c != null && c.isArray()) {
            c.forEach(n -> changes.add(n.asText()));
        }
        return new Instance(data, changes);
    }

    /** The wire form; {@code nova_object.changes} is present only when fields changed. */
    public ObjectNode toPrimitive() {
        ObjectNode ordered = Json.object();
        for (String f : FIELDS) {
            if (data.has(f)) {
                ordered.set(f, data.get(f));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!ordered.has(e.getKey())) {
                ordered.set(e.getKey(), e.getValue());
            }
        }
        List<String> ch = new ArrayList<>();
        for (String f : changes) {
            if (data.has(f)) {
                ch.add(f);
            }
        }
        return Primitives.of(OBJ_NAME, OBJ_VERSION, ordered, ch);
    }

    public Instance copy() {
        return new Instance(data.deepCopy(), new LinkedHashSet<>(changes));
    }

    /** Sets a field and records it as changed (as assigning an ovo attribute does). */
    public Instance set(String field, Object value) {
        data.set(field, value == null ? NullNode.getInstance() : Json.valueOf(value));
        changes.add(field);
        return this;
    }

    /** Sets a field without recording a change (loading from the database). */
    public Instance load(String field, Object value) {
        data.set(field, value == null ? NullNode.getInstance() : Json.valueOf(value));
        return this;
    }

    public JsonNode get(String field) {
        return data.get(field);
    }

    public boolean isSet(String field) {
        return data.has(field);
    }

    public String text(String field) {
        return Json.text(data, field);
    }

    public Set<String> changes() {
        return Set.copyOf(changes);
    }

    /** {@code obj_reset_changes()}. */
    public void resetChanges() {
        changes.clear();
    }

    public String uuid() {
        return text("uuid");
    }

    public String host() {
        return text("host");
    }

    public String vmState() {
        return text("vm_state");
    }

    public String taskState() {
        return text("task_state");
    }

    public int powerState() {
        JsonNode p = data.get("power_state");
        return p == null || p.isNull() ? NovaStates.NOSTATE : p.asInt();
    }

    public boolean deleted() {
        JsonNode d = data.get("deleted");
        return d != null && d.asBoolean(false);
    }

    public String displayName() {
        return text("display_name");
    }

    /** The REST status nova-api derives from vm_state and task_state. */
    public String restStatus() {
        return NovaStates.restStatus(vmState(), taskState(), deleted());
    }

    @Override
    public String toString() {
        return "Instance[" + uuid() + " host=" + host() + " vm_state=" + vmState() + " task_state=" + taskState()
                + " power_state=" + powerState() + "]";
    }
}
