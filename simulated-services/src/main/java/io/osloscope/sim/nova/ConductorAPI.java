package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.NovaObjects;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nova's {@code conductor/rpcapi.py:ConductorAPI}, the object indirection of a nova-compute without
 * database access: {@code Target(topic='conductor', version='3.0')}, every method a call carrying
 * version 3.0, plus the {@code baseapi} {@code ping} of {@code wait_until_ready}.
 */
public final class ConductorAPI {
    private final RpcClient client;
    private final FaultPlan faults;

    public ConductorAPI(Transport transport, FaultPlan faults) {
        this.client = new RpcClient(transport, Target.topic(NovaTopics.CONDUCTOR).withVersion("3.0"));
        this.faults = faults == null ? new FaultPlan() : faults;
    }

    private CallContext prepare() {
        CallContext c = client.prepare();
        String cap = faults.versionCap(NovaTopics.CONDUCTOR);
        return cap == null ? c : c.versionCap(cap);
    }

    /** {@code object_action}: the reply is {@code [updates, result]}. */
    public JsonNode object_action(Map<String, Object> ctxt, JsonNode objinst, String objmethod, List<?> args,
                                  Map<String, ?> kwargs) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("objinst", objinst);
        a.put("objmethod", objmethod);
        a.put("args", args);
        a.put("kwargs", kwargs);
        return prepare().call(ctxt, "object_action", a);
    }

    public JsonNode object_class_action_versions(Map<String, Object> ctxt, String objname, String objmethod,
                                                 Map<String, String> objectVersions, List<?> args,
                                                 Map<String, ?> kwargs) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("objname", objname);
        a.put("objmethod", objmethod);
        a.put("object_versions", objectVersions);
        a.put("args", args);
        a.put("kwargs", kwargs);
        return prepare().call(ctxt, "object_class_action_versions", a);
    }

    /** {@code wait_until_ready}'s handshake: baseapi {@code ping} with nova's argument. */
    public JsonNode ping(Map<String, Object> ctxt, Duration timeout) {
        return client.prepare().namespace("baseapi").version("1.0").timeout(timeout)
                .call(ctxt, "ping", Map.of("arg", "1.21 GigaWatts"));
    }

    /**
     * {@code instance.save(**kwargs)} through the conductor: sends the changed fields, then applies
     * the reply's updates and resets change tracking, as ovo's remotable wrapper does.
     */
    public void save(Map<String, Object> ctxt, Instance instance, Map<String, ?> kwargs) {
        JsonNode reply = object_action(ctxt, instance.toPrimitive(), "save", List.of(), kwargs);
        instance.resetChanges();
        if (reply != null && reply.isArray() && reply.size() > 0 && reply.get(0).isObject()) {
            JsonNode updates = reply.get(0);
            updates.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("obj_what_changed")) {
                    instance.load(e.getKey(), e.getValue());
                }
            });
        }
    }

    /** {@code Instance.get_by_uuid(uuid, expected_attrs)} as a class action. */
    public Instance getInstanceByUuid(Map<String, Object> ctxt, String uuid, List<String> expectedAttrs) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("uuid", uuid);
        kw.put("expected_attrs", expectedAttrs);
        JsonNode r = object_class_action_versions(ctxt, "Instance", "get_by_uuid",
                NovaObjects.instanceManifest(), List.of(), kw);
        return Instance.fromPrimitive(r);
    }

    public void eventStart(Map<String, Object> ctxt, String uuid, String event, String host) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("want_result", false);
        kw.put("host", host);
        object_class_action_versions(ctxt, "InstanceActionEvent", "event_start",
                Map.of("InstanceActionEvent", "1.4"), List.of(uuid, event), kw);
    }

    public void eventFinish(Map<String, Object> ctxt, String uuid, String event, String excVal) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("exc_val", excVal);
        kw.put("exc_tb", null);
        kw.put("want_result", false);
        object_class_action_versions(ctxt, "InstanceActionEvent", "event_finish_with_failure",
                Map.of("InstanceActionEvent", "1.4"), List.of(uuid, event), kw);
    }
}
