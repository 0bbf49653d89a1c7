package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The ingest path reads only the parts of an object call's args that name it (the rest, an Instance's data, is
 * skipped); whatever the args look like, it must name the call exactly as the full decode does.
 */
class ObjectCallFastPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "6f1c5d2e-8a6b-4c1e-9d3a-2b7f0e4c5a91";
    private static final MessageProperties PROPS = MessageProperties.EMPTY.withContentType("application/json");

    @Test
    void theIngestPathNamesEveryShapeOfObjectCallAsTheFullDecodeDoes() throws Exception {
        List<String> argsVariants = List.of(
                // nova's Instance.save: name, data (big), changes
                "{\"objinst\": {\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", "
                        + "\"nova_object.version\": \"2.7\", \"nova_object.data\": {\"host\": \"c1\", \"uuid\": \""
                        + UUID + "\", \"flavor\": {\"nova_object.name\": \"Flavor\", \"nova_object.data\": {\"id\": 1}},"
                        + " \"metadata\": {}}, \"nova_object.changes\": [\"vm_state\", \"task_state\"]}, "
                        + "\"objmethod\": \"save\", \"expected_attrs\": [\"info_cache\"]}",
                // data before name, versioned_object namespace, changes absent
                "{\"objmethod\": \"refresh\", \"objinst\": {\"versioned_object.data\": {\"uuid\": \"" + UUID
                        + "\"}, \"versioned_object.name\": \"Volume\"}}",
                // two .name keys: the first one decides the namespace
                "{\"objinst\": {\"a.name\": \"First\", \"b.name\": \"Second\", \"b.data\": {\"uuid\": \"" + UUID
                        + "\"}, \"a.changes\": [\"x\"]}, \"objmethod\": \"save\"}",
                // data not an object, uuid not a string, changes with non-strings
                "{\"objinst\": {\"nova_object.name\": \"Instance\", \"nova_object.data\": [1, 2], "
                        + "\"nova_object.changes\": [1, null, \"y\"]}, \"objmethod\": \"save\"}",
                "{\"objinst\": {\"nova_object.name\": \"Instance\", \"nova_object.data\": {\"uuid\": {\"x\": 1}}}, "
                        + "\"objmethod\": \"save\"}",
                // objinst not an object
                "{\"objinst\": \"nope\", \"objmethod\": \"save\"}",
                "{\"objinst\": null}",
                // class calls: uuid as first positional argument, as keyword argument, first argument not a string
                "{\"objname\": \"Instance\", \"objmethod\": \"get_by_uuid\", \"args\": [\"" + UUID + "\", 1, {}], "
                        + "\"kwargs\": {}}",
                "{\"objname\": \"Instance\", \"objmethod\": \"get_by_uuid\", \"args\": [], "
                        + "\"kwargs\": {\"expected_attrs\": [], \"instance_uuid\": \"" + UUID + "\"}}",
                "{\"objname\": \"Service\", \"objmethod\": \"get_by_host\", \"args\": [{\"h\": 1}, \"" + UUID
                        + "\"], \"kwargs\": {\"uuid\": \"not-a-uuid\"}}",
                "{\"objname\": \"Service\", \"objmethod\": \"get_minimum_version\", \"args\": \"x\", "
                        + "\"kwargs\": [\"y\"]}",
                "{\"objname\": null, \"objmethod\": null, \"objver\": \"1.0\"}",
                "{\"objmethod\": \"save\", \"objmethod\": \"destroy\", \"objname\": \"Instance\"}");
        int named = 0;
        for (String method : List.of("object_action", "object_class_action", "object_class_action_versions")) {
            for (String args : argsVariants) {
                ObjectNode msg = JSON.createObjectNode();
                msg.put("method", method);
                msg.set("args", JSON.readTree(args));
                msg.put("_msg_id", "m1");
                msg.put("_reply_q", "reply_x");
                ObjectNode envelope = JSON.createObjectNode();
                envelope.put("oslo.version", "2.0");
                envelope.put("oslo.message", JSON.writeValueAsString(msg));
                byte[] body = JSON.writeValueAsBytes(envelope);
                OsloDecoder decoder = new OsloDecoder();
                MessageSummary fast = decoder.summarize(PROPS, body, "nova", "conductor");
                MessageSummary full = decoder.decode(PROPS, body, "nova", "conductor").summary();
                assertEquals(full.objectCall(), fast.objectCall(), method + " " + args);
                assertEquals(full, fast, method + " " + args);
                if (fast.objectCall() != null && fast.objectCall().objectUuid() != null) {
                    named++;
                }
            }
        }
        assertEquals(true, named >= 6, "the variants name objects by uuid: " + named);
        MessageSummary save = new OsloDecoder().summarize(PROPS, JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("oslo.version", "2.0").put("oslo.message", "{\"method\": \"object_action\", \"args\": "
                        + argsVariants.get(0) + ", \"_msg_id\": \"m1\", \"_reply_q\": \"r\"}")), "nova", "conductor");
        assertNotNull(save.objectCall());
        assertEquals(new ObjectCall("Instance", "save", UUID, List.of("vm_state", "task_state")), save.objectCall());
    }
}
