package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing playground and the topology picture the GUI draws from. */
class RoutingExplanationTest {
    private final InMemoryBroker broker = new InMemoryBroker();
    private final BrokerConnection conn = broker.connect(ConnectionOptions.named("gui"));

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void explainingARouteJudgesEveryBindingWithoutPublishing() {
        conn.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
        conn.declareQueue(QueueSpec.named("all"));
        conn.declareQueue(QueueSpec.named("compute"));
        conn.bind("all", "nova", "#", Map.of());
        conn.bind("compute", "nova", "compute.#.b", Map.of());
        conn.bind("compute", "nova", "compute", Map.of());
        RoutingExplanation e = broker.explainRouting("nova", "compute.b", null);
        assertEquals(List.of("all", "compute"), e.queues());
        assertEquals(List.of(
                "topic pattern '#' matches 'compute.b': '#' took 'compute.b'",
                "topic pattern 'compute.#.b' matches 'compute.b': '#' took nothing",
                "topic pattern 'compute' does not match 'compute.b'"), e.bindings().stream().map(BindingMatch::reason).toList());
        assertEquals(0, conn.declareQueuePassive("all").messageCount(), "nothing was published");
    }

    @Test
    void headersBindingsExplainEachArgument() {
        conn.declareExchange(ExchangeSpec.of("h", ExchangeType.HEADERS));
        conn.declareQueue(QueueSpec.named("q"));
        conn.bind("q", "h", "", Map.of("x-match", "all", "format", "json", "v", 2));
        RoutingExplanation e = broker.explainRouting("h", "", Map.of("format", "json", "v", 3));
        assertTrue(e.unroutable());
        assertEquals("x-match all, format=json ✓, v=2 ✗ (is 3)", e.bindings().get(0).reason());
    }

    @Test
    void explainingAMissingExchangeFailsLikeAPublish() {
        AmqpException ex = assertThrows(AmqpException.class, () -> broker.explainRouting("nope", "k", null));
        assertEquals(404, ex.replyCode());
    }

    @Test
    void theTopologySnapshotShowsExchangesQueuesAndBindings() {
        conn.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC).withDurable(true));
        conn.declareQueue(QueueSpec.named("compute").withArguments(Map.of("x-expires", 60_000)));
        conn.bind("compute", "nova", "compute", Map.of());
        conn.publish("", "compute", false, null, new byte[3]);
        TopologySnapshot t = broker.topology();
        assertTrue(t.exchanges().stream().anyMatch(x -> x.name().equals("nova") && x.durable() && !x.builtIn()));
        assertTrue(t.exchanges().stream().anyMatch(x -> x.name().equals("amq.match") && x.builtIn()));
        TopologySnapshot.QueueView q = t.queues().get(0);
        assertEquals("compute", q.name());
        assertEquals(1, q.ready());
        assertEquals(60_000, q.arguments().get("x-expires"));
        assertEquals(List.of(new TopologySnapshot.BindingView("nova", "compute", "compute", Map.of())), t.bindings());
    }
}
