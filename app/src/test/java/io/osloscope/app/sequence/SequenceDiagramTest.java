package io.osloscope.app.sequence;

import io.osloscope.app.topology.FakeNova;
import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RpcEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceDiagramTest {

    private static List<EngineEvent> bootFlowOnly() {
        FakeNova f = new FakeNova();
        f.bootFlow("compute.host3", "req-1");
        return f.events();
    }

    @Test
    void bootFlowReadsApiConductorSchedulerCompute() {
        SequenceDiagram d = SequenceDiagram.of(bootFlowOnly());

        assertEquals(List.of("nova-api", "nova-conductor", "nova-scheduler", "nova-compute@host3"), d.lanes());
        assertEquals(List.of(MessageKind.CAST, MessageKind.CALL, MessageKind.REPLY, MessageKind.CAST),
                d.steps().stream().map(SequenceDiagram.Step::kind).collect(Collectors.toList()));
        SequenceDiagram.Step call = d.steps().get(1);
        assertEquals("nova-conductor", call.from());
        assertEquals(List.of("nova-scheduler"), call.to());
        assertEquals("call select_destinations", call.label());
        assertEquals(List.of("nova-conductor"), d.steps().get(2).to(), "the reply goes back to the caller");
    }

    @Test
    void timeoutIsMarkedOnTheLaneThatCalled() {
        List<EngineEvent> flow = new ArrayList<>(bootFlowOnly());
        flow.add(new RpcEvents.RpcTimedOut(10_000, Instant.parse("2026-11-25T10:01:00Z"), "m1", "select_destinations",
                Duration.ofSeconds(60)));
        SequenceDiagram.Step last = SequenceDiagram.of(flow).steps().get(4);

        assertEquals(MessageKind.TIMEOUT, last.kind());
        assertEquals("nova-conductor", last.from());
        assertTrue(last.to().isEmpty());
        assertEquals("timeout select_destinations after 60 s", last.label());
    }

    @Test
    void failedReplyIsAFailureArrowNotAReply() {
        FakeNova f = new FakeNova();
        f.message("nova-scheduler:303:s2", "", "direct", FakeNova.CONDUCTOR_REPLY, List.of(FakeNova.CONDUCTOR_REPLY),
                "nova-conductor:202:c3", FakeNova.reply(true));
        SequenceDiagram.Step s = SequenceDiagram.of(f.events()).steps().get(0);
        assertEquals(MessageKind.FAILURE, s.kind());
        assertEquals(List.of("nova-conductor"), s.to());
    }

    @Test
    void rpcEventsAloneStillDrawTheCall() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        List<EngineEvent> flow = List.of(
                new RpcEvents.RpcCallStarted(1, t, "call", "m9", "u9", "nova", "compute", "host7", "get_console",
                        "6.0", null, Duration.ofSeconds(60), "req-9"),
                new RpcEvents.RpcReplyReceived(2, t.plusMillis(40), "m9", "get_console", Duration.ofMillis(40),
                        "InstanceNotFound", "no such instance"));
        SequenceDiagram d = SequenceDiagram.of(flow);
        assertEquals(List.of("caller", "nova-compute@host7"), d.lanes());
        assertEquals(MessageKind.FAILURE, d.steps().get(1).kind());
        assertEquals("failure InstanceNotFound", d.steps().get(1).label());
        assertEquals(40, d.steps().get(1).offset().toMillis());
    }
}
