package io.osloscope.app.sequence;

import io.osloscope.app.topology.FakeNova;
import io.osloscope.app.topology.model.CollapseState;
import io.osloscope.app.topology.model.GraphBuilder;
import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.app.topology.model.TopologyLayout;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.app.topology.model.VisibleGraph;
import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RestEvents.RestExchanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nova-api's REST side is drawn where the RPC is: a "rest" row in the stream, a REST client lane before nova-api in
 * the flow (request before the RPC it caused, response after), and a REST client box with an HTTP edge into
 * nova-api in the topology.
 */
class RestVisibleTest {
    /** The boot flow of request req-1 and the POST that caused it, answered after the flow's first cast. */
    private static List<EngineEvent> bootWithRest() {
        FakeNova f = new FakeNova();
        f.declareTopology(3);
        f.bootFlow("compute.host3", "req-1");
        List<EngineEvent> events = new ArrayList<>(f.events());
        EngineEvent first = events.stream().filter(e -> e instanceof io.osloscope.engine.observe.BrokerEvents
                .MessagePublished).findFirst().orElseThrow();
        EngineEvent last = events.get(events.size() - 1);
        Duration latency = Duration.between(first.at(), last.at()).plusMillis(20);
        events.add(new RestExchanged(last.seq() + 1, last.at().plusMillis(1), "nova-api", "127.0.0.1", "POST",
                "/v2.1/servers", 202, latency, "req-1"));
        return events;
    }

    @Test
    void theStreamListsTheRequestAsARestRowWithStatusLatencyAndRequestId() {
        RestExchanged rest = (RestExchanged) bootWithRest().get(bootWithRest().size() - 1);
        List<TrafficRow> rows = new TrafficAssembler().assemble(List.of(rest)).rows();
        assertEquals(1, rows.size());
        TrafficRow r = rows.get(0);
        assertEquals("rest", r.kind());
        assertEquals("POST /v2.1/servers", r.method());
        assertEquals("202", r.status());
        assertEquals("req-1", r.requestId());
        assertEquals(rest.latency(), r.latency());
        assertEquals(rest.at().minus(rest.latency()), r.at(), "listed when the request came in");
        var detail = io.osloscope.app.message.MessageDetails.of(r, List.of(r));
        assertTrue(detail != null, "the inspector shows a REST row (no AMQP message behind it) without failing");
    }

    @Test
    void theFlowStartsWithTheRestClientAndEndsWithItsResponse() {
        List<EngineEvent> flow = bootWithRest().stream().filter(e -> !(e instanceof io.osloscope.engine.observe
                .BrokerEvents.TopologyChanged) && !(e instanceof io.osloscope.engine.observe.NodeEvents
                .NodeStateChanged)).toList();
        SequenceDiagram d = SequenceDiagram.of(flow);
        assertEquals(List.of(SequenceDiagram.REST_CLIENT, "nova-api"), d.lanes().subList(0, 2));
        SequenceDiagram.Step request = d.steps().get(0);
        assertEquals(MessageKind.REST, request.kind());
        assertEquals("HTTP POST /v2.1/servers", request.label());
        assertEquals(List.of("nova-api"), request.to());
        SequenceDiagram.Step response = d.steps().get(d.steps().size() - 1);
        assertEquals(MessageKind.REST, response.kind());
        assertEquals(List.of(SequenceDiagram.REST_CLIENT), response.to());
        assertTrue(response.label().startsWith("202 ("), response.label());
        assertEquals(MessageKind.CAST, d.steps().get(1).kind(), "the RPC comes between request and response");
    }

    @Test
    void theTopologyDrawsARestClientLevelWithNovaApi() {
        TopologyModel model = new TopologyModel();
        model.applyAll(bootWithRest());
        VisibleGraph g = GraphBuilder.build(model, new CollapseState());
        VisibleGraph.Node client = g.node("rest:nova-api");
        assertEquals(VisibleGraph.Column.CLIENTS, client.column());
        assertTrue(g.edges().stream().anyMatch(e -> e.from().equals("rest:nova-api") && e.to().equals("pub:nova-api")
                && e.kind() == VisibleGraph.EdgeKind.REST), g.edges().toString());
        TopologyLayout.Result layout = TopologyLayout.layout(g);
        assertEquals(layout.boxes().get("pub:nova-api").y(), layout.boxes().get("rest:nova-api").y());
        assertTrue(layout.boxes().get("rest:nova-api").x() < layout.boxes().get("pub:nova-api").x());
    }
}
