package io.osloscope.sim;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.sim.api.ApiFault;
import io.osloscope.sim.nova.ComputeAPI;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.osloscope.sim.CloudFixture.action;
import static io.osloscope.sim.CloudFixture.awaitStatus;
import static io.osloscope.sim.CloudFixture.boot;
import static io.osloscope.sim.CloudFixture.filter;
import static io.osloscope.sim.CloudFixture.sent;
import static io.osloscope.sim.CloudFixture.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault, switched on a running cloud, on the embedded broker and on RabbitMQ. */
public abstract class NovaFaultsContract extends RunningCloudContract {
    @Override
    protected int computes() {
        return 1;
    }

    private String activeServer(String name) {
        String id = boot(cloud, name);
        awaitStatus(cloud, id, "ACTIVE", WAIT);
        return id;
    }

    private int queueDepth(String queue) {
        try (BrokerConnection c = transport.broker().connect(ConnectionOptions.named("fault-test-probe"))) {
            return c.declareQueuePassive(queue).messageCount();
        }
    }

    @Test
    void aDownComputeLetsItsCastPileUpInItsQueueAndHandlesItWhenBackUp() {
        String id = activeServer("vm-down");
        cloud.control().setDown("compute1", true);
        assertEquals("down", cloud.nodes().stream().filter(n -> n.host().equals("compute1")).findFirst()
                .orElseThrow().state());
        action(cloud, id, "{\"os-stop\": null}");
        CloudFixture.await("the stop cast to wait in compute.compute1", WAIT, () -> queueDepth("compute.compute1") == 1);
        assertEquals("powering-off", show(cloud, id).get("OS-EXT-STS:task_state").asText());
        assertEquals("ACTIVE", show(cloud, id).get("status").asText(), "powering-off still shows ACTIVE");
        cloud.control().setDown("compute1", false);
        awaitStatus(cloud, id, "SHUTOFF", WAIT);
        assertEquals(0, queueDepth("compute.compute1"));
    }

    @Test
    void aSlowComputeAnswersCallsOnlyAfterItsLatency() {
        String id = activeServer("vm-slow");
        Instance inst = cloud.conductor().database().get(id);
        ComputeAPI compute = new ComputeAPI(cloud.apiTransport(), null);
        compute.get_console_output(CloudFixture.ctx(), inst, 1);
        cloud.control().setLatency("compute1", Duration.ofMillis(400));
        long t0 = System.nanoTime();
        String out = compute.get_console_output(CloudFixture.ctx(), inst, 1);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(tookMs >= 400, "a 400 ms slow compute answered in " + tookMs + " ms");
        assertTrue(out.contains("login:"));
        assertTrue(cloud.faults("compute1").describe().contains("slow 400ms"));
    }

    @Test
    void aRaisingMethodFailsTheCallerWithTheNovaException() {
        String id = activeServer("vm-raise");
        cloud.control().raiseOn("compute1", "get_console_output", "InstanceNotReady");
        RemoteError e = assertThrows(RemoteError.class, () -> new ComputeAPI(cloud.apiTransport(), null)
                .get_console_output(CloudFixture.ctx(), cloud.conductor().database().get(id), 5));
        assertEquals("InstanceNotReady", e.excType());
        assertEquals("nova.exception", e.module());
    }

    @Test
    void aRaisingStartRevertsTheTaskStateLikeNovaDoes() {
        String id = activeServer("vm-revert");
        action(cloud, id, "{\"os-stop\": null}");
        awaitStatus(cloud, id, "SHUTOFF", WAIT);
        cloud.control().raiseOn("compute1", "start_instance", "InstanceNotRunning");
        action(cloud, id, "{\"os-start\": null}");
        CloudFixture.await("task_state to be reverted", WAIT,
                () -> show(cloud, id).get("OS-EXT-STS:task_state").isNull());
        assertEquals("SHUTOFF", show(cloud, id).get("status").asText());
    }

    @Test
    void droppedRepliesMakeCallersTimeOut() {
        cloud.control().setDropReplies("conductor", true);
        RpcClient client = new RpcClient(cloud.apiTransport(), Target.topic("conductor").withNamespace("baseapi")
                .withVersion("1.0"), RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(1)));
        assertThrows(MessagingTimeoutException.class,
                () -> client.call(CloudFixture.ctx(), "ping", Map.of("arg", "x")));
        assertTrue(cloud.faults("conductor").droppedReplies() >= 1);
        cloud.control().setDropReplies("conductor", false);
        assertEquals("nova-conductor", client.call(CloudFixture.ctx(), "ping", Map.of("arg", "x"))
                .get("service").asText());
    }

    @Test
    void aCappedSenderDowngradesTheMessageAndTheComputeStillServesIt() {
        cloud.control().setVersionCap("conductor", "compute", "5.0");
        cloud.control().setVersionCap("api", "compute", "5.0");
        String id = activeServer("vm-capped");
        action(cloud, id, "{\"os-stop\": null}");
        awaitStatus(cloud, id, "SHUTOFF", WAIT);
        sent(events, sent);
        RpcCallStarted build = filter(sent, s -> s.method().equals("build_and_run_instance")).get(0);
        assertEquals("5.0", build.version());
        assertEquals("5.0", filter(sent, s -> s.method().equals("stop_instance")).get(0).version());
    }

    @Test
    void theApiAnswersConflictForAWrongStateAndNotFoundForAnUnknownServer() {
        String id = activeServer("vm-409");
        ApiFault conflict = assertThrows(ApiFault.class, () -> action(cloud, id, "{\"os-start\": null}"));
        assertEquals(409, conflict.code());
        assertEquals("Cannot 'start' instance " + id + " while it is in vm_state active", conflict.getMessage());
        ApiFault missing = assertThrows(ApiFault.class, () -> show(cloud, "00000000-0000-0000-0000-000000000000"));
        assertEquals(404, missing.code());
        assertFalse(Json.MAPPER.valueToTree(missing.body()).has("conflictingRequest"));
    }
}
