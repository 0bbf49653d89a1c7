package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.engine.broker.FaultControl;
import io.osloscope.engine.broker.ForwardingBroker;
import io.osloscope.engine.broker.RoutingExplainer;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each broker offers through {@link Broker#capability}, and that decorators pass the question on. */
class CapabilitiesTest {
    @Test
    void theInMemoryBrokerPacesExplainsAndShowsItsTopology() {
        try (InMemoryBroker memory = new InMemoryBroker()) {
            assertSame(memory.gate(), memory.capability(DeliveryPacing.class).orElseThrow());
            assertSame(memory, memory.capability(RoutingExplainer.class).orElseThrow());
            assertSame(memory, memory.capability(TopologySource.class).orElseThrow());
            assertFalse(memory.capability(FaultControl.class).isPresent());

            Broker decorated = new ForwardingBroker(memory) { };
            assertSame(memory.gate(), decorated.capability(DeliveryPacing.class).orElseThrow());
            assertSame(memory, decorated.capability(RoutingExplainer.class).orElseThrow());
            DeliveryPacing pacing = decorated.capability(DeliveryPacing.class).orElseThrow();
            pacing.pause();
            assertTrue(memory.gate().isPaused());
            pacing.resume();
        }
    }

    @Test
    void rabbitMqHasNone() {
        try (RabbitBroker rabbit = new RabbitBroker(RabbitSettings.localDefault(), new EventHub())) {
            for (Class<?> c : new Class<?>[]{DeliveryPacing.class, RoutingExplainer.class, TopologySource.class,
                    FaultControl.class}) {
                assertFalse(rabbit.capability(c).isPresent(), c.getSimpleName());
            }
        }
    }
}
