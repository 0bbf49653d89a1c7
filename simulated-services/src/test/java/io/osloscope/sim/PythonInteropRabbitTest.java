package io.osloscope.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import io.osloscope.sim.nova.ComputeAPI;
import io.osloscope.sim.nova.ComputeManager;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.nova.objects.Flavor;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.NovaStates;
import io.osloscope.sim.service.NodeContext;
import io.osloscope.sim.service.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real oslo.messaging 14.0.3 (Python) against the simulated services on RabbitMQ, both ways: an
 * oslo client casts and calls a simulated compute as nova-conductor would, and a simulated compute
 * builds an instance against an oslo conductor, which records what nova-compute sent it.
 */
@RequiresRabbit
class PythonInteropRabbitTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path PEER = Path.of("src/test/python/nova_peer.py");
    private RabbitVhost vhost;
    private Transport transport;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> temp = new ArrayList<>();

    @BeforeEach
    void requirePython() throws Exception {
        boolean ok = new File(PYTHON).canExecute() && new ProcessBuilder(PYTHON, "-c", "import oslo_messaging")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!ok) {
            String why = PYTHON + " with oslo.messaging is missing (apt-get install python3-oslo.messaging)";
            if (RabbitTestSupport.required()) {
                throw new IllegalStateException("CI=true and " + why);
            }
            Assumptions.abort(why);
        }
        vhost = RabbitVhost.create();
        transport = Transport.open(vhost.transportUrl(), "nova");
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        if (transport != null) {
            transport.close();
        }
        if (vhost != null) {
            vhost.close();
        }
        for (Path p : temp) {
            Files.deleteIfExists(p);
        }
    }

    private Path tempFile(String suffix) throws Exception {
        Path p = Files.createTempFile("osloscope-peer", suffix);
        temp.add(p);
        return p;
    }

    private Process python(Path output, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, PEER.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    void aRealOsloClientCastsStopAndCallsConsoleOutputOnASimulatedCompute() throws Exception {
        try (SimulatedCloud cloud = SimulatedCloud.start(transport, 1)) {
            String id = CloudFixture.boot(cloud, "vm-py");
            CloudFixture.awaitStatus(cloud, id, "ACTIVE", Duration.ofSeconds(30));
            Instance inst = cloud.conductor().database().get(id);
            inst.set("task_state", NovaStates.POWERING_OFF);
            cloud.conductor().database().save(inst, Json.MAPPER.valueToTree(
                    Map.of("expected_task_state", java.util.Collections.singletonList(null))));
            Path instanceFile = tempFile(".json");
            Files.writeString(instanceFile, Json.MAPPER.writeValueAsString(
                    cloud.conductor().database().get(id).toPrimitive()));
            Path out = tempFile(".out");
            Process p = python(out, "client", "--url", vhost.transportUrl(), "--host", "compute1",
                    "--instance", instanceFile.toString(), "--cast", "stop_instance", "--console");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python client hung");
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            JsonNode result = Json.MAPPER.readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
            assertTrue(result.get("console").asText().contains("login:"), text);
            CloudFixture.awaitStatus(cloud, id, "SHUTOFF", Duration.ofSeconds(30));
        }
    }

    /** Needs Debian's python3-nova (.ci/run installs it): skipped without it, except under CI. */
    @Test
    void realNovaComputeRpcapiDrivesASimulatedCompute() throws Exception {
        boolean novaInstalled = new ProcessBuilder(PYTHON, "-c", "import nova.compute.rpcapi").redirectErrorStream(true)
                .start().waitFor() == 0;
        if (!novaInstalled && io.osloscope.engine.testsupport.RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true but python3-nova is missing (apt-get install -y python3-nova)");
        }
        Assumptions.assumeTrue(novaInstalled, "python3-nova is not installed; skipping the real nova rpcapi check");
        try (SimulatedCloud cloud = SimulatedCloud.start(transport, 1)) {
            String id = CloudFixture.boot(cloud, "vm-nova");
            CloudFixture.awaitStatus(cloud, id, "ACTIVE", Duration.ofSeconds(30));
            Instance inst = cloud.conductor().database().get(id);
            inst.set("task_state", NovaStates.POWERING_OFF);
            cloud.conductor().database().save(inst, Json.MAPPER.valueToTree(
                    Map.of("expected_task_state", java.util.Collections.singletonList(null))));
            Instance loaded = cloud.conductor().database().get(id);
            Path instanceFile = tempFile(".json");
            Files.writeString(instanceFile, Json.MAPPER.writeValueAsString(loaded.toPrimitive()));
            Path out = tempFile(".out");
            List<String> cmd = List.of(PYTHON, "src/test/python/nova_rpcapi_peer.py", vhost.transportUrl(),
                    "compute1", instanceFile.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            processes.add(p);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "nova rpcapi peer hung");
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            JsonNode result = Json.MAPPER.readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
            assertTrue(result.get("console").asText().contains("login:"), text);
            CloudFixture.awaitStatus(cloud, id, "SHUTOFF", Duration.ofSeconds(30));
        }
    }

    @Test
    void aSimulatedComputeSendsARealOsloConductorWhatNovaComputeSends() throws Exception {
        Path log = tempFile(".jsonl");
        Path out = tempFile(".out");
        python(out, "conductor", "--url", vhost.transportUrl(), "--host", "pyconductor", "--log", log.toString(),
                "--seconds", "60");
        CloudFixture.await("the python conductor", Duration.ofSeconds(30), () -> {
            try {
                return Files.readString(out).contains("conductor ready");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        NodeContext node = NodeContext.of(transport, "nova-compute", "cmp-py");
        ComputeManager manager = new ComputeManager(node);
        Service service = Service.create("nova-compute", "compute", "cmp-py", manager).serve();
        try {
            Instance inst = NovaObjects.newInstance(java.util.UUID.randomUUID().toString(), "vm-py",
                    Flavor.CATALOG.get("1"), "155d900f-4e14-4e4c-a73d-069cbf4541e6", RequestContexts.DEMO_USER,
                    RequestContexts.DEMO_PROJECT, "r-abcdefgh", 0, Map.of(), List.of("member"), Instant.now());
            inst.resetChanges();
            Map<String, Object> ctxt = RequestContexts.demoUser();
            new ComputeAPI(transport, null).build_and_run_instance(ctxt, inst, "cmp-py",
                    NovaObjects.imageDict("155d900f-4e14-4e4c-a73d-069cbf4541e6"), Json.object(), Json.object(),
                    "pw", Json.array(), NovaObjects.networkRequests(), List.of("default"),
                    NovaObjects.emptyBdms(), "cmp-py", Json.object(), Json.array(), List.of());
            CloudFixture.await("the build to finish", Duration.ofSeconds(30), () -> {
                Instance i = manager.instances().get(inst.uuid());
                return i != null && NovaStates.ACTIVE.equals(i.vmState());
            });
        } finally {
            service.stop();
        }
        List<JsonNode> seen = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            seen.add(Json.MAPPER.readTree(line));
        }
        JsonNode ping = seen.get(0);
        assertEquals("ping", ping.get("method").asText());
        assertEquals("1.21 GigaWatts", ping.get("arg").asText());
        JsonNode eventStart = seen.stream().filter(e -> "event_start".equals(e.path("objmethod").asText()))
                .findFirst().orElseThrow();
        assertEquals("compute__do_build_and_run_instance", eventStart.get("args").get(1).asText());
        List<JsonNode> saves = seen.stream().filter(e -> "object_action".equals(e.get("method").asText())).toList();
        assertEquals(6, saves.size(), seen.toString());
        JsonNode last = saves.get(5);
        assertEquals("Instance", last.get("objinst").get("nova_object.name").asText());
        assertEquals("2.7", last.get("objinst").get("nova_object.version").asText());
        assertEquals("active", last.get("objinst").get("nova_object.data").get("vm_state").asText());
        assertTrue(last.get("objinst").get("nova_object.changes").toString().contains("vm_state"));
        assertEquals("spawning", last.get("kwargs").get("expected_task_state").asText());
        assertTrue(last.get("context").get("request_id").asText().startsWith("req-"));
    }
}
