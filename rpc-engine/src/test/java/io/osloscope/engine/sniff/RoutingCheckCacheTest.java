package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.broker.routing.TopologyRouter;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.wire.MessageProperties;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline remembers routing answers per exchange and routing key for the bindings snapshot in use; what the user
 * sees (outcome, expected queues, judged bindings, the difference sentence) must be what a fresh check says.
 */
class RoutingCheckCacheTest {
    private static final Instant READ = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void rememberedAnswersAreTheFreshAnswersAndFollowANewSnapshot() {
        TopologyRouter before = router(List.of(new BindingView("nova", "compute.h1", "compute.h1", Map.of())));
        TopologyRouter after = router(List.of(new BindingView("nova", "compute.h1", "compute.h1", Map.of()),
                new BindingView("nova", "audit", "compute.h1", Map.of())));
        RoutingCheck.Cache cache = new RoutingCheck.Cache();
        List<RawCapture> traffic = List.of(
                publish("nova", "compute.h1", List.of("compute.h1")),
                publish("nova", "compute.h1", List.of("compute.h1")),
                publish("nova", "compute.h1", List.of("compute.h1", "audit")),
                publish("nova", "compute.h2", List.of("compute.h2")),
                publish("", "compute.h1", List.of("compute.h1")),
                publish("", "reply_gone", List.of()),
                publish("nowhere", "x", List.of("q")),
                publish("nova", "compute.h1", List.of()));
        for (TopologyRouter router : List.of(before, after, before)) {
            for (RawCapture r : traffic) {
                RoutingCheck fresh = RoutingCheck.of(r, router);
                RoutingCheck remembered = cache.check(r, router);
                assertEquals(fresh, remembered, r.exchange() + "/" + r.routingKey() + " " + r.routedQueues());
                assertEquals(fresh.difference(), remembered.difference());
                assertEquals(fresh.expected().bindings(), remembered.expected().bindings());
            }
        }
        RawCapture agreeing = publish("nova", "compute.h1", List.of("compute.h1"));
        assertSame(cache.check(agreeing, before), cache.check(agreeing, before), "agreeing publishes share one check");
        RoutingCheck extra = cache.check(publish("nova", "compute.h1", List.of("compute.h1", "audit")), before);
        assertEquals(RoutingCheck.Outcome.DIFFERS, extra.outcome());
        assertTrue(extra.difference().contains("only the broker: audit"), extra.difference());
        assertEquals(RoutingCheck.Outcome.AGREES,
                cache.check(publish("nova", "compute.h1", List.of("audit", "compute.h1")), after).outcome());
        assertNull(cache.check(publish("nova", "compute.h1", null), after), "nothing reported, nothing checked");
    }

    private static RawCapture publish(String exchange, String key, List<String> routed) {
        return new RawCapture(READ.plusSeconds(1), RawCapture.PUBLISH, exchange, key, routed, "c", "n", "u",
                MessageProperties.EMPTY, new byte[0]);
    }

    private static TopologyRouter router(List<BindingView> bindings) {
        return new TopologyRouter(new TopologySnapshot(List.of(new ExchangeView("nova", ExchangeType.TOPIC, false,
                false, Map.of(), false)), List.of(queue("compute.h1"), queue("audit")), bindings), READ);
    }

    private static QueueView queue(String name) {
        return new QueueView(name, 0, 0, 1, false, false, false, null, Map.of(), QueueType.CLASSIC);
    }
}
