package io.osloscope.app.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.app.topology.model.CollapseState;
import io.osloscope.app.topology.model.GraphBuilder;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.app.topology.model.VisibleGraph;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The topology view of a real modern broker (the recorded oslo 16.1 / RabbitMQ 4.0.5 management answers). */
class TopologiesTest {
    private static final String DIR = "golden/oslo-16.1.0-rabbitmq-4.0.5/topology/";

    private static JsonNode answer(String name) throws IOException {
        try (InputStream in = TopologiesTest.class.getClassLoader().getResourceAsStream(DIR + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void quorumQueuesAndStreamsCarryTheirDetailsIntoTheQueueNodes() throws IOException {
        TopologySnapshot s = new TopologySnapshot(Instant.now(), "/", ManagementClient.parseExchanges(answer("exchanges")),
                ManagementClient.parseQueues(answer("queues_detailed")), ManagementClient.parseBindings(answer("bindings")),
                ManagementClient.parseConnections(answer("connections")));
        Map<String, QueueDetails> details = QueueDetails.parse(answer("queues_detailed"), answer("consumers"));
        TopologyModel m = new TopologyModel();
        m.applySnapshot(Topologies.fromManagement(s, "amq.gen-YEotLS1Zmmu4hcjP6l65kw", details));
        assertEquals("quorum · leader modern@localhost · 1/1 members online · delivery limit 20 · 0 redeliveries",
                m.queues().get("compute.cmp1").detail());
        VisibleGraph g = GraphBuilder.build(m, new CollapseState());
        assertEquals("stream · retention max-age 1800s, max-length-bytes none · 2 consumer(s) from last · 1 retained"
                + " · leader modern@localhost", g.node("q:compute_fanout").detail());
        assertEquals("quorum · leader modern@localhost · 1/1 members online · delivery limit 20 · 0 redeliveries",
                g.node("q:reply_vm:nova-api:1").detail());
        assertNull(m.queues().get("amq.gen-YEotLS1Zmmu4hcjP6l65kw"), "the sniffer's own queue is left out");
    }
}
