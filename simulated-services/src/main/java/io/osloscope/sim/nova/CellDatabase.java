package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaStates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cell database of the simulated cloud, owned by nova-conductor: instances by uuid and the
 * instance-action events. {@link #save} implements {@code Instance.save}'s checks
 * ({@code expected_task_state}, {@code expected_vm_state}) and raises nova's exceptions.
 */
public final class CellDatabase {
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private int nextId = 1;
    private long actionEvents;

    /** {@code instance.create()}: assigns an id and stores a copy with no pending changes. */
    public synchronized Instance create(Instance instance) {
        Instance stored = instance.copy();
        stored.load("id", nextId++);
        if (!stored.isSet("created_at") || stored.get("created_at").isNull()) {
            stored.load("created_at", Json.objectTime(Instant.now()));
        }
        stored.resetChanges();
        instances.put(stored.uuid(), stored);
        return stored.copy();
    }

    public synchronized Instance get(String uuid) {
        Instance i = instances.get(uuid);
        if (i == null || i.deleted()) {
            throw notFound(uuid);
        }
        return i.copy();
    }

    public synchronized List<Instance> list(Predicate<Instance> filter) {
        List<Instance> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (!i.deleted() && filter.test(i)) {
                out.add(i.copy());
            }
        }
        out.sort(Comparator.comparing((Instance i) -> i.text("created_at"),
                Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out;
    }

    public synchronized int size() {
        return instances.size();
    }

    /**
     * {@code Instance.save(expected_task_state=..., expected_vm_state=...)}: checks, applies the
     * changed fields, stamps {@code updated_at} and returns the updates the caller must apply
     * (always with {@code obj_what_changed}).
     */
    public synchronized ObjectNode save(Instance incoming, JsonNode kwargs) {
        String uuid = incoming.uuid();
        Instance db = instances.get(uuid);
        if (db == null || db.deleted()) {
            throw notFound(uuid);
        }
        if (kwargs != null && kwargs.has("expected_task_state")) {
            checkExpected(uuid, "task_state", kwargs.get("expected_task_state"), db.taskState());
        }
        if (kwargs != null && kwargs.has("expected_vm_state")) {
            checkExpected(uuid, "vm_state", kwargs.get("expected_vm_state"), db.vmState());
        }
        Instance before = incoming.copy();
        for (String f : incoming.changes()) {
            if (!f.equals("id") && !f.equals("uuid")) {
                db.load(f, incoming.get(f));
            }
        }
        db.load("updated_at", Json.objectTime(Instant.now()));
        ObjectNode updates = Json.object();
        for (String f : Instance.FIELDS) {
            JsonNode now = db.get(f);
            if (now != null && before.isSet(f) && !now.equals(before.get(f))) {
                updates.set(f, now);
            } else if (now != null && !before.isSet(f) && f.equals("updated_at")) {
                updates.set(f, now);
            }
        }
        updates.putArray("obj_what_changed");
        return updates;
    }

    private static void checkExpected(String uuid, String field, JsonNode expected, String actual) {
        List<String> allowed = new ArrayList<>();
        if (expected.isArray()) {
            expected.forEach(n -> allowed.add(n.isNull() ? null : n.asText()));
        } else {
            allowed.add(expected.isNull() ? null : expected.asText());
        }
        if (allowed.contains(actual)) {
            return;
        }
        String py = "[" + String.join(", ", allowed.stream().map(CellDatabase::pyRepr).toList()) + "]";
        String message = "Conflict updating instance " + uuid + ". Expected: {'" + field + "': " + py
                + "}. Actual: {'" + field + "': " + pyRepr(actual) + "}";
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("instance_uuid", uuid);
        kw.put("expected", Map.of(field, allowed));
        Map<String, Object> act = new LinkedHashMap<>();
        act.put(field, actual);
        kw.put("actual", act);
        kw.put("code", 500);
        String cls = "task_state".equals(field)
                ? (NovaStates.DELETING.equals(actual) ? "UnexpectedDeletingTaskStateError"
                        : "UnexpectedTaskStateError")
                : "UnexpectedVMStateError";
        throw new RemoteException(cls, "nova.exception", message, kw);
    }

    private static String pyRepr(String s) {
        return s == null ? "None" : "'" + s + "'";
    }

    public static RemoteException notFound(String uuid) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("instance_id", uuid);
        kw.put("code", 404);
        return new RemoteException("InstanceNotFound", "nova.exception",
                "Instance " + uuid + " could not be found.", kw);
    }

    public synchronized void recordActionEvent() {
        actionEvents++;
    }

    public synchronized long actionEvents() {
        return actionEvents;
    }

}
