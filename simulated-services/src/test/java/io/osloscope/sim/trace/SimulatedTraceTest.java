package io.osloscope.sim.trace;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.trace.RequestTrace;
import io.osloscope.engine.trace.TraceCollector;
import io.osloscope.engine.trace.TraceHop;
import io.osloscope.sim.CloudFixture;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.TestTransports;
import io.osloscope.sim.api.NovaApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A boot on the simulated cloud, followed by its request id from the observation stream alone: the trace holds
 * the api's cast to the conductor, the conductor's select_destinations call to the scheduler (answered, with its
 * latency), the cast to the chosen compute, the compute's Instance.save calls to the conductor and its fanout to
 * the schedulers, in that order, each on the lane of the service that sent it.
 */
class SimulatedTraceTest {
    private Transport transport;
    private SimulatedCloud cloud;
    private EventSubscription events;

    @AfterEach
    void close() {
        if (cloud != null) {
            cloud.close();
        }
        if (events != null) {
            events.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void aSimulatedBootIsOneTraceFromApiThroughConductorSchedulerAndCompute() {
        transport = TestTransports.memory();
        events = transport.events().subscribe(EventFilter.ALL, 200_000);
        cloud = SimulatedCloud.start(transport, 2);
        TraceCollector traces = new TraceCollector();
        Map<String, Object> ctxt = NovaApi.requestContext();
        String requestId = (String) ctxt.get("request_id");
        String id = cloud.api().createServer(CloudFixture.bootBody("vm-trace"), "http://sim", ctxt)
                .get("server").get("id").asText();
        CloudFixture.awaitStatus(cloud, id, "ACTIVE", Duration.ofSeconds(20));
        CloudFixture.await("the boot's fanout", Duration.ofSeconds(10), () -> {
            drain(traces);
            RequestTrace t = traces.trace(requestId);
            return t != null && t.hops().stream().anyMatch(h -> "fanout".equals(h.kind()));
        });

        RequestTrace trace = traces.trace(requestId);
        List<String> chain = trace.hops().stream().map(h -> h.kind() + " " + h.method() + " → " + h.toTopic()
                + (h.toServer() == null ? "" : "." + h.toServer())).distinct().toList();
        TraceHop schedule = first(trace, "schedule_and_build_instances");
        TraceHop select = first(trace, "select_destinations");
        TraceHop build = first(trace, "build_and_run_instance");
        TraceHop save = first(trace, "object_action");
        TraceHop fanout = trace.hops().stream().filter(h -> "fanout".equals(h.kind())).findFirst().orElseThrow();
        assertEquals("cast", schedule.kind());
        assertEquals("conductor", schedule.toTopic());
        assertEquals("api", service(trace.fromLane(schedule)), "nova-api sends the boot: " + chain);
        assertEquals("call", select.kind());
        assertEquals("replied", select.outcome());
        assertTrue(select.latencyMs() != null && select.latencyMs() >= 0, "select_destinations latency");
        assertEquals("conductor", service(trace.fromLane(select)));
        assertEquals("scheduler", service(trace.toLane(select)));
        String host = build.toServer();
        assertTrue(cloud.computeHosts().contains(host), "built on a compute: " + host);
        assertEquals("compute@" + host, trace.toLane(build));
        assertEquals("compute", trace.fromLane(save).split("@")[0], "the compute saves the instance");
        assertEquals("replied", save.outcome());
        assertEquals("scheduler", fanout.toTopic());
        assertTrue(trace.offsetMillis(schedule) <= trace.offsetMillis(select)
                && trace.offsetMillis(select) <= trace.offsetMillis(build)
                && trace.offsetMillis(build) <= trace.offsetMillis(save), "in order: " + chain);
        // every sender's lane is a simulated node as the stream's From column names it: service@host (a fanout's
        // receiving lane may be the topic alone: it reaches every server of it)
        assertTrue(trace.hops().stream().map(trace::fromLane).allMatch(l -> l.contains("@")),
                "senders name their hosts: " + trace.lanes());
        assertTrue(trace.lanes().stream().map(SimulatedTraceTest::service).toList()
                .containsAll(List.of("api", "conductor", "scheduler", "compute")), "lanes " + trace.lanes());
        assertTrue(trace.lanes().contains("compute@" + host), "lanes " + trace.lanes());
        assertNotNull(traces.trace(requestId));
        assertTrue(traces.traces().stream().noneMatch(t -> t != null && t.hops().isEmpty()));
    }

    /** The service part of a lane ({@code conductor} of {@code conductor@ctl}). */
    private static String service(String lane) {
        int at = lane.indexOf('@');
        return at < 0 ? lane : lane.substring(0, at);
    }

    private void drain(TraceCollector traces) {
        List<EngineEvent> batch = new ArrayList<>();
        while (events.drainTo(batch, 10_000) > 0) {
            traces.acceptAll(batch);
            batch.clear();
        }
    }

    private static TraceHop first(RequestTrace t, String method) {
        return t.hops().stream().filter(h -> method.equals(h.method())).findFirst()
                .orElseThrow(() -> new AssertionError(method + " not in " + t.hops()));
    }
}
