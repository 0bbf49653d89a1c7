package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaStates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellDatabaseTest {
    private static JsonNode kwargs(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void saveWithTheExpectedTaskStateAppliesTheChangesAndReportsUpdatedAt() throws Exception {
        CellDatabase db = new CellDatabase();
        Instance stored = db.create(MethodCatalog.sampleInstance("c1", NovaStates.STOPPED, NovaStates.POWERING_ON,
                NovaStates.SHUTDOWN));
        stored.set("vm_state", NovaStates.ACTIVE).set("task_state", null).set("power_state", NovaStates.RUNNING);
        ObjectNode updates = db.save(stored, kwargs("{\"expected_task_state\": \"powering-on\"}"));
        assertTrue(updates.has("updated_at"));
        assertEquals("[]", updates.get("obj_what_changed").toString());
        assertEquals(NovaStates.ACTIVE, db.get(stored.uuid()).vmState());
    }

    @Test
    void saveWithAnotherTaskStateFailsWithNovasUnexpectedTaskStateError() throws Exception {
        CellDatabase db = new CellDatabase();
        Instance stored = db.create(MethodCatalog.sampleInstance("c1", NovaStates.ACTIVE, null, NovaStates.RUNNING));
        stored.set("task_state", NovaStates.POWERING_OFF);
        RemoteException e = assertThrows(RemoteException.class,
                () -> db.save(stored, kwargs("{\"expected_task_state\": [\"powering-on\"]}")));
        assertEquals("Conflict updating instance " + stored.uuid()
                + ". Expected: {'task_state': ['powering-on']}. Actual: {'task_state': None}", e.getMessage());
    }

    @Test
    void unknownInstancesAreInstanceNotFound() {
        RemoteException e = assertThrows(RemoteException.class, () -> new CellDatabase().get("nope"));
        assertEquals("Instance nope could not be found.", e.getMessage());
    }
}
