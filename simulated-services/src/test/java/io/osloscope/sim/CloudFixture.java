package io.osloscope.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.sim.api.NovaApi;
import io.osloscope.sim.nova.objects.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Helpers shared by the flow and fault tests. */
public final class CloudFixture {
    private CloudFixture() {
    }

    public static ObjectNode bootBody(String name) {
        ObjectNode body = Json.object();
        ObjectNode s = body.putObject("server");
        s.put("name", name);
        s.put("imageRef", "155d900f-4e14-4e4c-a73d-069cbf4541e6");
        s.put("flavorRef", "1");
        return body;
    }

    public static String boot(SimulatedCloud cloud, String name) {
        ObjectNode r = cloud.api().createServer(bootBody(name), "http://sim", NovaApi.requestContext());
        return r.get("server").get("id").asText();
    }

    public static JsonNode show(SimulatedCloud cloud, String id) {
        return cloud.api().showServer(id, "http://sim", NovaApi.requestContext()).get("server");
    }

    public static String status(SimulatedCloud cloud, String id) {
        return show(cloud, id).get("status").asText();
    }

    public static void action(SimulatedCloud cloud, String id, String json) {
        try {
            cloud.api().action(id, Json.MAPPER.readTree(json), NovaApi.requestContext());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a condition, failing with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }

    public static void awaitStatus(SimulatedCloud cloud, String id, String status, Duration timeout) {
        String[] last = {null};
        try {
            await("server " + id + " to be " + status, timeout, () -> status.equals(last[0] = status(cloud, id)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (last status " + last[0] + ")", e);
        }
    }

    public static List<RpcCallStarted> sent(EventSubscription sub, List<RpcCallStarted> sink) {
        List<EngineEvent> batch = new ArrayList<>();
        sub.drainTo(batch, Integer.MAX_VALUE);
        for (EngineEvent e : batch) {
            if (e instanceof RpcCallStarted s) {
                sink.add(s);
            }
        }
        return sink;
    }

    public static List<RpcCallStarted> filter(List<RpcCallStarted> all, Predicate<RpcCallStarted> p) {
        return all.stream().filter(p).toList();
    }

    public static Map<String, Object> ctx() {
        return NovaApi.requestContext();
    }
}
