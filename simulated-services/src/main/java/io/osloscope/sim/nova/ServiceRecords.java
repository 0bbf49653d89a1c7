package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.Primitives;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code services} table as the simulated conductor keeps it: what a compute that joins the control plane
 * creates ({@code Service.create}), finds again ({@code Service.get_by_host_and_binary}), saves every report
 * interval ({@code report_state}: {@code report_count} one higher) and destroys when its registration is rolled
 * back. It counts the report_state saves it took,
 * which is what a benchmark watches for steadiness.
 */
public final class ServiceRecords {
    private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong reportStates = new AtomicLong();

    /** The record's primitive ({@code Service} 1.22), or JSON null when there is none (as nova answers). */
    JsonNode getByHostAndBinary(String host, String binary) {
        ObjectNode data = records.get(key(host, binary));
        if (data == null) {
            return NullNode.getInstance();
        }
        synchronized (data) {
            return Primitives.of("Service", "1.22", data.deepCopy(), List.of());
        }
    }

    /** {@code Service.create}: a new row with an id; a second record for the same host and binary is refused. */
    JsonNode create(JsonNode objinst) {
        ObjectNode sent = Primitives.data(objinst, "Service");
        String host = Json.text(sent, "host");
        String binary = Json.text(sent, "binary");
        ObjectNode data = sent.deepCopy();
        int id = ids.incrementAndGet();
        data.put("id", id);
        data.put("created_at", Instant.now().toString());
        if (records.putIfAbsent(key(host, binary), data) != null) {
            throw new io.osloscope.engine.rpc.RemoteException("ServiceBinaryExists", "nova.exception",
                    "Service with host " + host + " binary " + binary + " exists.", Map.of());
        }
        ObjectNode updates = Json.object();
        updates.put("id", id);
        updates.put("created_at", data.get("created_at").asText());
        return reply(updates);
    }

    /** {@code Service.save}: the changed fields are stored; a higher {@code report_count} counts as a report. */
    JsonNode save(JsonNode objinst) {
        ObjectNode sent = Primitives.data(objinst, "Service");
        ObjectNode data = records.get(key(Json.text(sent, "host"), Json.text(sent, "binary")));
        if (data == null) {
            throw new io.osloscope.engine.rpc.RemoteException("ServiceNotFound", "nova.exception",
                    "Service " + Json.text(sent, "id") + " could not be found.", Map.of());
        }
        JsonNode changes = objinst.get(Primitives.CHANGES);
        ObjectNode updates = Json.object();
        synchronized (data) {
            long before = data.path("report_count").asLong();
            if (changes != null) {
                for (JsonNode field : changes) {
                    data.set(field.asText(), sent.get(field.asText()));
                }
            }
            if (data.path("report_count").asLong() > before) {
                reportStates.incrementAndGet();
            }
            String now = Instant.now().toString();
            data.put("updated_at", now);
            updates.put("updated_at", now);
        }
        return reply(updates);
    }

    /** {@code Service.destroy}: the record goes (a compute that could not finish registering rolls it back). */
    JsonNode destroy(JsonNode objinst) {
        ObjectNode sent = Primitives.data(objinst, "Service");
        records.remove(key(Json.text(sent, "host"), Json.text(sent, "binary")));
        return reply(Json.object());
    }

    /** report_state saves taken since start. */
    public long reportStates() {
        return reportStates.get();
    }

    /** Service records held. */
    public int size() {
        return records.size();
    }

    private static JsonNode reply(ObjectNode updates) {
        ArrayNode r = Json.array();
        r.add(updates);
        r.add(NullNode.getInstance());
        return r;
    }

    private static String key(String host, String binary) {
        return binary + "@" + host;
    }
}
