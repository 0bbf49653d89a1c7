package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHint.Severity;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.health.OsloTraffic;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health rules of issue 14 item 7 on recorded situations: the management API's answers as RabbitMQ gives them
 * (nodes with alarms) and snapshots and oslo traffic as a capture records them. The live ones (a queue without
 * consumer, dead-letter growth, connection churn on the host broker) are in the app's HealthCommandRabbitTest.
 */
class HealthRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T19:00:00Z");

    private static QueueView q(String name, int messages, int consumers, boolean durable) {
        return new QueueView(name, messages, 0, consumers, durable, false, false, null, Map.of(), QueueType.CLASSIC);
    }

    private static ManagementSnapshot snap(Instant at, List<QueueView> queues, Map<String, ManagementSnapshot.QueueStats> stats,
                                           List<ManagementSnapshot.Node> nodes) {
        List<BindingView> bindings = new ArrayList<>();
        for (QueueView q : queues) {
            bindings.add(new BindingView("nova", q.name(), q.name(), Map.of()));
        }
        return new ManagementSnapshot(at, "/", new TopologySnapshot(List.of(), queues, bindings), stats, List.of(), nodes);
    }

    @Test
    void memoryAndDiskAlarmsFromTheNodesAnswerAreProblemsWithWhyAndWhatToDo() throws Exception {
        // NOTE: GET /api/nodes?columns=... as RabbitMQ 3.10 answers it, one node in each alarm
        String answer = "[{\"name\":\"rabbit@ctl1\",\"running\":true,\"mem_alarm\":true,\"disk_free_alarm\":false,"
                + "\"mem_used\":3435973837,\"mem_limit\":3435973836,\"disk_free\":52428800000,\"disk_free_limit\":50000000},"
                + "{\"name\":\"rabbit@ctl2\",\"running\":true,\"mem_alarm\":false,\"disk_free_alarm\":true,"
                + "\"mem_used\":104857600,\"mem_limit\":3435973836,\"disk_free\":40000000,\"disk_free_limit\":50000000}]";
        List<ManagementSnapshot.Node> nodes = ManagementClient.parseNodes(new ObjectMapper().readTree(answer));
        List<HealthHint> hints = HealthHints.compute(List.of(snap(T0, List.of(), Map.of(), nodes)), Map.of(),
                new CallTracker(), 0, null);
        HealthHint mem = only(hints, Kind.MEMORY_ALARM);
        assertEquals("rabbit@ctl1", mem.subject());
        assertEquals(Severity.PROBLEM, mem.severity());
        assertTrue(mem.message().contains("3276 MiB used"), mem.message());
        assertTrue(mem.why().contains("blocks every publishing connection"), mem.why());
        assertFalse(mem.action().isBlank());
        assertEquals("rabbit@ctl2", only(hints, Kind.DISK_ALARM).subject());
    }

    @Test
    void aComputeWithoutConsumerWhoseReportsStoppedIsDeadAndOneStillReportingIsStuck() {
        ManagementSnapshot now = snap(T0.plusSeconds(60), List.of(q("compute.cmp1", 4, 0, false),
                q("compute.cmp2", 0, 0, false), q("compute.cmp3", 0, 1, false)), Map.of(), List.of());
        OsloTraffic traffic = new OsloTraffic();
        traffic.observed(T0);
        traffic.observed(T0.plusSeconds(60));
        traffic.reportState("cmp1", T0.plusSeconds(5));
        traffic.reportState("cmp2", T0.plusSeconds(55));
        traffic.reportState("cmp3", T0.plusSeconds(58));
        List<HealthHint> hints = HealthHints.compute(List.of(now), Map.of(), new CallTracker(), 0, traffic);
        HealthHint dead = only(hints, Kind.DEAD_COMPUTE);
        assertEquals("compute.cmp1", dead.subject());
        assertEquals(Severity.PROBLEM, dead.severity());
        assertTrue(dead.message().contains("last report_state (Service.save) was 55 s"), dead.message());
        HealthHint stuck = only(hints, Kind.NO_CONSUMER);
        assertEquals("compute.cmp2", stuck.subject());
        assertTrue(stuck.message().contains("still reports its state"), stuck.message());

        List<HealthHint> blind = HealthHints.compute(List.of(now), Map.of(), new CallTracker(), 0, null);
        assertEquals(List.of(), blind.stream().filter(h -> h.kind() == Kind.DEAD_COMPUTE).toList(),
                "without a capture report_state is unknown");
        assertTrue(blind.stream().allMatch(h -> h.kind() != Kind.NO_CONSUMER
                || h.message().contains("report_state updates were not checked")));
    }

    @Test
    void unsupportedVersionRepliesAndTimeoutsOnOneHostAreReported() {
        OsloTraffic traffic = new OsloTraffic();
        traffic.unsupportedVersion("build_and_run_instance", "cmp1",
                "Endpoint does not support RPC version 6.1. Attempted method: build_and_run_instance");
        traffic.unsupportedVersion("build_and_run_instance", "cmp1", "again");
        for (String m : List.of("get_console_output", "reboot_instance", "get_host_uptime")) {
            traffic.timeout(m, "cmp7");
        }
        traffic.timeout("select_destinations", null);
        List<HealthHint> hints = HealthHints.compute(List.of(), Map.of(), new CallTracker(), 0, traffic);
        HealthHint v = only(hints, Kind.UNSUPPORTED_VERSION);
        assertEquals("build_and_run_instance on cmp1", v.subject());
        assertTrue(v.message().startsWith("2 call(s)") && v.message().contains("6.1"), v.message());
        HealthHint t = only(hints, Kind.TIMEOUT_CLUSTER);
        assertEquals("host cmp7", t.subject(), "three of four timeouts went to cmp7; no method has three");
        assertTrue(t.message().contains("3 of 4"), t.message());
    }

    @Test
    void consumersThatComeAndGoAndHighRedeliveryAndPersistentQueuesNobodyReads() {
        ManagementSnapshot s1 = snap(T0, List.of(q("conductor", 0, 2, true), q("notifications.info", 10, 0, true)),
                Map.of(), List.of());
        ManagementSnapshot s2 = snap(T0.plusSeconds(5), List.of(q("conductor", 0, 0, true),
                q("notifications.info", 12, 0, true)), Map.of(), List.of());
        ManagementSnapshot s3 = snap(T0.plusSeconds(10), List.of(q("conductor", 0, 2, true),
                q("notifications.info", 14, 0, true)),
                Map.of("conductor", new ManagementSnapshot.QueueStats(50, 40, null, 12, 900, 880)), List.of());
        List<HealthHint> hints = HealthHints.compute(List.of(s1, s2, s3), Map.of(), new CallTracker(), 0, null);
        HealthHint flap = only(hints, Kind.CONSUMER_FLAPPING);
        assertEquals(Severity.WARNING, flap.severity());
        assertTrue(flap.message().contains("[2, 0, 2]"), flap.message());
        assertEquals("conductor", only(hints, Kind.HIGH_REDELIVERY).subject());
        HealthHint persistent = only(hints, Kind.NO_CONSUMER_PERSISTENT);
        assertEquals("notifications.info", persistent.subject());
        assertTrue(persistent.message().contains("14 message(s) kept"), persistent.message());
    }

    private static HealthHint only(List<HealthHint> hints, Kind kind) {
        List<HealthHint> of = hints.stream().filter(h -> h.kind() == kind).toList();
        assertEquals(1, of.size(), kind + " in " + hints);
        return of.get(0);
    }
}
