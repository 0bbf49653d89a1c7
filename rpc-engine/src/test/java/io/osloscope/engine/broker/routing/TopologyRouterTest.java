package io.osloscope.engine.broker.routing;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router over a topology snapshot gives the in-memory broker's answer for the same bindings: the same queues,
 * the same judgement and reason for every binding. This is what lets the sniffer explain a captured message from the
 * management API's bindings.
 */
class TopologyRouterTest {
    private static final String[] WORDS = {"compute", "host1", "a", "", "*", "#", "x"};

    @Test
    void explainsRandomTopologiesExactlyAsTheInMemoryBroker() {
        Random rnd = new Random(14);
        for (int round = 0; round < 60; round++) {
            try (InMemoryBroker broker = new InMemoryBroker()) {
                BrokerConnection c = broker.connect(ConnectionOptions.named("t"));
                List<ExchangeType> types = List.of(ExchangeType.TOPIC, ExchangeType.DIRECT, ExchangeType.FANOUT,
                        ExchangeType.HEADERS);
                for (ExchangeType t : types) {
                    c.declareExchange(ExchangeSpec.of("x-" + t.amqpName(), t));
                }
                for (int q = 0; q < 5; q++) {
                    c.declareQueue(QueueSpec.named("q" + q));
                }
                for (int b = 0; b < 12; b++) {
                    ExchangeType t = types.get(rnd.nextInt(types.size()));
                    Map<String, Object> args = new HashMap<>();
                    if (t == ExchangeType.HEADERS) {
                        args.put("x-match", rnd.nextBoolean() ? "all" : "any");
                        args.put("h" + rnd.nextInt(2), "v" + rnd.nextInt(2));
                    }
                    c.bind("q" + rnd.nextInt(5), "x-" + t.amqpName(), key(rnd), args);
                }
                TopologyRouter router = new TopologyRouter(broker.topology(), null);
                for (int p = 0; p < 40; p++) {
                    String exchange = p % 5 == 4 ? "" : "x-" + types.get(p % 4).amqpName();
                    String rk = p % 5 == 4 ? "q" + rnd.nextInt(7) : key(rnd);
                    Map<String, Object> headers = Map.of("h" + rnd.nextInt(2), "v" + rnd.nextInt(2));
                    RoutingExplanation mem = broker.explainRouting(exchange, rk, headers);
                    RoutingExplanation snap = router.explainRouting(exchange, rk, headers);
                    String where = "round " + round + ", " + exchange + " / '" + rk + "'";
                    // NOTE: the order of queues reached is not significant (the snapshot lists bindings by name)
                    assertEquals(set(mem.queues()), set(snap.queues()), where);
                    assertEquals(sorted(mem), sorted(snap), where);
                    assertEquals(set(mem.queues()), set(router.route(exchange, rk, headers)), where);
                    assertEquals(set(mem.queues()), set(router.explainLazily(exchange, rk, headers).queues()), where);
                    assertEquals(mem.queues().size(), router.route(exchange, rk, headers).size(), "distinct: " + where);
                }
            }
        }
    }

    @Test
    void anExchangeTheSnapshotDoesNotKnowIsUnroutableWhenExplainedLazily() {
        try (InMemoryBroker broker = new InMemoryBroker()) {
            TopologyRouter router = new TopologyRouter(broker.topology(), null);
            RoutingExplanation x = router.explainLazily("nova", "compute.h1", null);
            assertTrue(x.unroutable());
            assertEquals("unknown", x.exchangeType());
        }
    }

    private static java.util.Set<String> set(List<String> qs) {
        return new java.util.TreeSet<>(qs);
    }

    private static List<String> sorted(RoutingExplanation x) {
        return x.bindings().stream().map(b -> b.destination() + "|" + b.bindingKey() + "|" + b.matched() + "|"
                + b.reason()).sorted().toList();
    }

    private static String key(Random rnd) {
        int n = 1 + rnd.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ".").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return b.toString();
    }
}
