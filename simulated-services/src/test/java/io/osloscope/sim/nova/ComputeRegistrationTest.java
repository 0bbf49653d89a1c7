package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.sim.ComputeFleet;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.nova.placement.PlacementClient;
import io.osloscope.sim.service.BaseRpcApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a registering compute says to a conductor (recorded here, answering as nova Zed's does) and to placement
 * (a small HTTP fake): the objects, fields and versions nova-compute sends, report_state reaching the conductor,
 * and a placement that refuses the token: one line, and what was created rolled back.
 */
class ComputeRegistrationTest {
    private final List<String> conductorSaw = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> objects = Collections.synchronizedList(new ArrayList<>());
    private final List<String> placementSaw = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> placementBodies = Collections.synchronizedList(new ArrayList<>());
    private HttpServer placement;

    /** Answers as nova Zed's conductor would for a host it has never seen. */
    @EndpointTarget(version = "3.0")
    public final class RecordingConductor {
        public JsonNode object_class_action_versions(RpcContext ctx, String objname, String objmethod,
                                                     Map<String, String> object_versions, List<Object> args,
                                                     JsonNode kwargs) {
            conductorSaw.add(objname + "." + objmethod);
            switch (objname + "." + objmethod) {
                case "Service.get_by_host_and_binary":
                    return null;
                case "ComputeNode.get_by_host_and_nodename":
                    throw new RemoteException("ComputeHostNotFound", "nova.exception",
                            "Compute host " + kwargs.path("host").asText() + " could not be found.", Map.of());
                case "HostMapping.get_by_host":
                    throw new RemoteException("HostMappingNotFound", "nova.exception", "Host not mapped", Map.of());
                case "CellMappingList.get_by_disabled": {
                    ObjectNode cell0 = Json.object();
                    cell0.put("id", 1);
                    cell0.put("uuid", "00000000-0000-0000-0000-000000000000");
                    ObjectNode cell1 = Json.object();
                    cell1.put("id", 2);
                    cell1.put("uuid", "6a1b8c6e-0000-4000-8000-000000000002");
                    return Primitives.list("CellMappingList", "1.1", List.of(
                            Primitives.of("CellMapping", "1.1", cell0, List.of()),
                            Primitives.of("CellMapping", "1.1", cell1, List.of())));
                }
                default:
                    throw new RemoteException("NotImplementedError", "builtins", objname + "." + objmethod, Map.of());
            }
        }

        public JsonNode object_action(RpcContext ctx, JsonNode objinst, String objmethod, List<Object> args,
                                      JsonNode kwargs) {
            conductorSaw.add(Primitives.name(objinst) + "." + objmethod);
            objects.add(objinst);
            ObjectNode updates = Json.object();
            if (objmethod.equals("create")) {
                updates.put("id", 40 + objects.size());
            }
            return Json.valueOf(java.util.Arrays.asList(updates, null));
        }
    }

    private String startPlacement(String goodToken) throws IOException {
        placement = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        placement.createContext("/", ex -> {
            String line = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            placementSaw.add(line);
            byte[] in = ex.getRequestBody().readAllBytes();
            if (in.length > 0) {
                placementBodies.add(Json.MAPPER.readTree(in));
            }
            int status;
            String body;
            if (!goodToken.equals(ex.getRequestHeaders().getFirst("X-Auth-Token"))) {
                status = 401;
                body = "{\"errors\": [{\"status\": 401, \"title\": \"Unauthorized\", \"detail\": \"bad token\"}]}";
            } else if (line.startsWith("GET /resource_providers/") && !line.endsWith("/allocations")) {
                status = 404;
                body = "{\"errors\": [{\"title\": \"Not Found\", \"detail\": \"no provider\"}]}";
            } else if (line.startsWith("GET")) {
                status = 200;
                body = "{\"allocations\": {}}";
            } else if (line.startsWith("POST")) {
                status = 200;
                body = "{\"generation\": 0}";
            } else {
                status = 200;
                body = "{\"resource_provider_generation\": " + placementSaw.size() + "}";
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        placement.start();
        return "http://127.0.0.1:" + placement.getAddress().getPort();
    }

    @AfterEach
    void stopPlacement() {
        if (placement != null) {
            placement.stop(0);
        }
    }

    private RpcServer conductor(Transport t) {
        RpcServer s = RpcServer.create(t, Target.topic(NovaTopics.CONDUCTOR).withServer("ctl"),
                List.of(new RecordingConductor(), new BaseRpcApi("nova-conductor")));
        s.start();
        return s;
    }

    /** The data of the first object of that name the conductor was sent. */
    private JsonNode data(String name) {
        synchronized (objects) {
            return objects.stream().filter(o -> Primitives.name(o).equals(name)).findFirst()
                    .map(o -> o.get(Primitives.DATA)).orElseThrow();
        }
    }

    @Test
    void registersAsNovaComputeDoesAndReportsItsStateToTheConductor() throws Exception {
        String url = startPlacement("admin:admin");
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"))) {
            RpcServer conductor = conductor(t);
            ComputeRegistration.Options reg = ComputeRegistration.Options.defaults(new PlacementClient(url,
                    "admin:admin"), true).withIntervals(Duration.ofMillis(200), Duration.ofMillis(300));
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            try (ComputeFleet fleet = ComputeFleet.start(t, List.of("sim1"), reg, 1, Duration.ofSeconds(5),
                    problems::add)) {
                assertEquals(List.of(), problems);
                assertEquals(1, fleet.services().size());
                for (int i = 0; i < 100 && conductorSaw.stream().filter("Service.save"::equals).count() < 3; i++) {
                    Thread.sleep(50);
                }
            } finally {
                conductor.stop();
            }
            assertEquals(List.of("Service.get_by_host_and_binary", "Service.create",
                    "ComputeNode.get_by_host_and_nodename", "ComputeNode.create", "HostMapping.get_by_host",
                    "CellMappingList.get_by_disabled", "HostMapping.create"), conductorSaw.subList(0, 7));
            JsonNode service = objects.get(0);
            assertEquals("1.22", service.path(Primitives.VERSION).asText());
            JsonNode sd = service.get(Primitives.DATA);
            assertEquals("nova-compute", sd.path("binary").asText());
            assertEquals("compute", sd.path("topic").asText());
            assertEquals("sim1", sd.path("host").asText());
            assertEquals(64, sd.path("version").asInt());
            assertEquals(0, sd.path("report_count").asInt());
            JsonNode node = data("ComputeNode");
            assertEquals("fake", node.path("hypervisor_type").asText());
            assertEquals("sim1", node.path("hypervisor_hostname").asText());
            assertEquals(1000, node.path("vcpus").asInt());
            assertEquals(799488, node.path("free_ram_mb").asInt());
            assertEquals("HVSpec", node.path("supported_hv_specs").path(0).path(Primitives.NAME).asText());
            JsonNode mapping = data("HostMapping");
            assertEquals(2, mapping.path("cell_mapping").path(Primitives.DATA).path("id").asInt(),
                    "mapped to the cell that is not cell0");

            String uuid = node.path("uuid").asText();
            assertEquals(List.of("GET /resource_providers/" + uuid, "POST /resource_providers",
                    "PUT /resource_providers/" + uuid + "/inventories", "PUT /resource_providers/" + uuid + "/traits"),
                    placementSaw.subList(0, 4));
            assertEquals("sim1", placementBodies.get(0).path("name").asText());
            JsonNode inv = placementBodies.get(1).path("inventories");
            assertEquals(1000, inv.path("VCPU").path("total").asInt());
            assertEquals(512, inv.path("MEMORY_MB").path("reserved").asInt());
            assertEquals(600000, inv.path("DISK_GB").path("total").asInt());
            assertTrue(placementBodies.get(2).path("traits").toString().contains("COMPUTE_NODE"));

            List<Integer> counts = new ArrayList<>();
            synchronized (objects) {
                objects.stream().filter(o -> Primitives.name(o).equals("Service")).skip(1)
                        .forEach(o -> counts.add(o.get(Primitives.DATA).path("report_count").asInt()));
            }
            assertTrue(counts.size() >= 3 && counts.subList(0, 3).equals(List.of(1, 2, 3)),
                    "report_state counts up: " + counts);
        }
    }

    @Test
    void aPlacementThatRefusesTheTokenIsOneLineAndWhatWasCreatedIsRolledBack() throws Exception {
        String url = startPlacement("admin:admin");
        try (Transport t = Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"))) {
            RpcServer conductor = conductor(t);
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            ComputeRegistration.Options reg = ComputeRegistration.Options.defaults(new PlacementClient(url,
                    "demo:demo"), false);
            try (ComputeFleet fleet = ComputeFleet.start(t, List.of("sim1", "sim2"), reg, 2, Duration.ofSeconds(5),
                    problems::add)) {
                assertEquals(0, fleet.services().size());
            } finally {
                conductor.stop();
            }
            assertEquals(2, problems.size(), String.valueOf(problems));
            for (String p : problems) {
                assertTrue(p.matches("sim\\d: refused: placement: placement refused GET /resource_providers/\\S+: "
                        + "401 Unauthorized: bad token"), p);
            }
            assertEquals(2, conductorSaw.stream().filter("ComputeNode.destroy"::equals).count(), conductorSaw.toString());
            assertEquals(2, conductorSaw.stream().filter("Service.destroy"::equals).count(), conductorSaw.toString());
            assertTrue(String.join(" ", problems).indexOf("demo:demo") < 0, "the token is never in a message");
        }
    }
}
