package io.osloscope.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.NovaStates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.osloscope.sim.CloudFixture.action;
import static io.osloscope.sim.CloudFixture.awaitStatus;
import static io.osloscope.sim.CloudFixture.boot;
import static io.osloscope.sim.CloudFixture.filter;
import static io.osloscope.sim.CloudFixture.sent;
import static io.osloscope.sim.CloudFixture.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nova flows, run unchanged on the embedded broker and on RabbitMQ. */
public abstract class NovaFlowsContract extends RunningCloudContract {
    @Override
    protected int computes() {
        return 2;
    }

    @Test
    void bootEndsActiveOnAComputeThatKeepsTheInstanceState() {
        String id = boot(cloud, "vm-boot");
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        JsonNode server = show(cloud, id);
        String host = server.get("OS-EXT-SRV-ATTR:host").asText();
        assertTrue(host.startsWith("compute"), host);
        assertEquals(1, server.get("OS-EXT-STS:power_state").asInt());
        Instance onCompute = cloud.compute(host).instances().get(id);
        assertEquals(NovaStates.ACTIVE, onCompute.vmState());
        assertNull(onCompute.taskState());
        assertEquals(NovaStates.RUNNING, onCompute.powerState());
    }

    @Test
    void bootTravelsApiConductorSchedulerComputeWithNovaVersionsAndNamespaces() {
        String id = boot(cloud, "vm-wire");
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        String host = show(cloud, id).get("OS-EXT-SRV-ATTR:host").asText();
        CloudFixture.await("the instance-info fanout", WAIT, () -> !filter(sent(events, sent),
                s -> s.method().equals("update_instance_info") && s.kind().equals("fanout")).isEmpty());
        RpcCallStarted sab = filter(sent, s -> s.method().equals("schedule_and_build_instances")).get(0);
        assertEquals("cast", sab.kind());
        assertEquals("compute_task", sab.namespace());
        assertEquals("1.17", sab.version());
        assertEquals("conductor", sab.topic());
        assertEquals("nova", sab.exchange());
        RpcCallStarted select = filter(sent, s -> s.method().equals("select_destinations")).get(0);
        assertEquals("call", select.kind());
        assertEquals("4.5", select.version());
        assertEquals(Duration.ofSeconds(60), select.timeout());
        RpcCallStarted build = filter(sent, s -> s.method().equals("build_and_run_instance")).get(0);
        assertEquals("cast", build.kind());
        assertEquals("6.0", build.version());
        assertEquals(host, build.server());
        List<RpcCallStarted> saves = filter(sent, s -> s.method().equals("object_action"));
        assertEquals(6, saves.size(), "six Instance.save calls from the compute during a boot");
        assertTrue(saves.stream().allMatch(s -> s.kind().equals("call") && "3.0".equals(s.version())));
        assertEquals(sab.requestId(), build.requestId(), "the request id travels through the whole flow");
        assertTrue(sab.requestId().startsWith("req-"));
    }

    @Test
    void stopThenStartThenRebootSaveStateThroughTheConductor() {
        String id = boot(cloud, "vm-power");
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        action(cloud, id, "{\"os-stop\": null}");
        awaitStatus(cloud, id, "SHUTOFF", WAIT);
        JsonNode stopped = show(cloud, id);
        assertEquals("stopped", stopped.get("OS-EXT-STS:vm_state").asText());
        assertEquals(4, stopped.get("OS-EXT-STS:power_state").asInt());
        assertTrue(stopped.get("OS-EXT-STS:task_state").isNull());
        String host = stopped.get("OS-EXT-SRV-ATTR:host").asText();
        assertEquals(NovaStates.SHUTDOWN, cloud.compute(host).instances().get(id).powerState());

        action(cloud, id, "{\"os-start\": null}");
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        CloudFixture.await("task_state to clear", WAIT, () -> show(cloud, id).get("OS-EXT-STS:task_state").isNull());

        action(cloud, id, "{\"reboot\": {\"type\": \"HARD\"}}");
        CloudFixture.await("the hard reboot to finish", WAIT,
                () -> show(cloud, id).get("OS-EXT-STS:task_state").isNull()
                        && "ACTIVE".equals(show(cloud, id).get("status").asText()));
        sent(events, sent);
        RpcCallStarted start = filter(sent, s -> s.method().equals("start_instance")).get(0);
        assertEquals("cast", start.kind());
        assertEquals(host, start.server());
        assertEquals("6.0", start.version());
        assertFalse(filter(sent, s -> s.method().equals("reboot_instance")).isEmpty());
    }

    @Test
    void consoleOutputIsACallThatReturnsTheComputesLog() {
        String id = boot(cloud, "vm-console");
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        JsonNode out = cloud.api().action(id, io.osloscope.sim.nova.objects.Json.object()
                .set("os-getConsoleOutput", io.osloscope.sim.nova.objects.Json.object().put("length", 2)),
                CloudFixture.ctx());
        String text = out.get("output").asText();
        assertTrue(text.contains("login:"), text);
        assertEquals(2, text.strip().split("\n").length);
        sent(events, sent);
        assertEquals("call", filter(sent, s -> s.method().equals("get_console_output")).get(0).kind());
    }

    @Test
    void fanoutPingReachesEveryCompute() {
        String third = cloud.addCompute();
        new io.osloscope.engine.rpc.RpcClient(cloud.apiTransport(),
                io.osloscope.engine.rpc.Target.topic("compute").withFanout(true).withNamespace("baseapi")
                        .withVersion("1.0"))
                .cast(CloudFixture.ctx(), "ping", java.util.Map.of("arg", "hello"));
        for (String host : List.of("compute1", "compute2", third)) {
            CloudFixture.await(host + " to get the fanout", WAIT,
                    () -> cloud.service(host).baseApi().pingsReceived() == 1);
        }
    }
}
