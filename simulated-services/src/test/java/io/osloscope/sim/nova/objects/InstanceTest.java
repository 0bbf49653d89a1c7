package io.osloscope.sim.nova.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.MethodCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceTest {
    private static Instance active() {
        return MethodCatalog.sampleInstance("compute1", NovaStates.ACTIVE, null, NovaStates.RUNNING);
    }

    @Test
    void primitiveHasNovasKeysInOrderAndNoChangesWhenNothingChanged() {
        ObjectNode p = active().toPrimitive();
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("nova_object.name", "nova_object.namespace", "nova_object.version", "nova_object.data"),
                keys);
        assertEquals("Instance", p.get("nova_object.name").asText());
        assertEquals("nova", p.get("nova_object.namespace").asText());
        assertEquals("2.7", p.get("nova_object.version").asText());
    }

    @Test
    void dataFollowsTheFieldDeclarationOrder() {
        JsonNode data = active().toPrimitive().get("nova_object.data");
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        List<String> expectedOrder = Instance.FIELDS.stream().filter(names::contains).toList();
        assertEquals(expectedOrder, names);
        assertTrue(names.indexOf("power_state") < names.indexOf("vm_state"));
        assertTrue(names.indexOf("vm_state") < names.indexOf("task_state"));
    }

    @Test
    void settingAFieldListsItInChangesAndSurvivesARoundTrip() {
        Instance i = active();
        i.set("task_state", NovaStates.POWERING_OFF);
        ObjectNode p = i.toPrimitive();
        assertEquals("[\"task_state\"]", p.get("nova_object.changes").toString());
        Instance back = Instance.fromPrimitive(p);
        assertEquals(Set.of("task_state"), back.changes());
        assertEquals(NovaStates.POWERING_OFF, back.taskState());
        back.resetChanges();
        assertFalse(back.toPrimitive().has("nova_object.changes"));
    }

    @Test
    void aPrimitiveOfAnotherObjectOrNamespaceIsRejected() {
        ObjectNode flavor = Flavor.CATALOG.get("1").toPrimitive();
        assertThrows(IllegalArgumentException.class, () -> Instance.fromPrimitive(flavor));
        ObjectNode p = active().toPrimitive();
        p.put("nova_object.namespace", "cinder");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Instance.fromPrimitive(p));
        assertTrue(e.getMessage().contains("cinder"));
    }

    @Test
    void restStatusFollowsNovasStateMap() {
        assertEquals("ACTIVE", NovaStates.restStatus("active", "powering-off", false));
        assertEquals("SHUTOFF", NovaStates.restStatus("stopped", "powering-on", false));
        assertEquals("BUILD", NovaStates.restStatus("building", "scheduling", false));
        assertEquals("REBOOT", NovaStates.restStatus("active", "reboot_started", false));
        assertEquals("HARD_REBOOT", NovaStates.restStatus("active", "rebooting_hard", false));
        assertEquals("ERROR", NovaStates.restStatus("error", null, false));
        assertEquals("DELETED", NovaStates.restStatus("active", null, true));
        assertEquals("SOFT_DELETED", NovaStates.restStatus("soft-delete", null, false));
    }
}
