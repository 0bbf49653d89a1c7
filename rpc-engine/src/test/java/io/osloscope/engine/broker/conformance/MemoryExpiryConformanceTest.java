package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The expiry conformance suite on the in-memory broker. */
class MemoryExpiryConformanceTest extends AbstractExpiryConformanceTest {
    /** Pinned to 3.10, the host broker its Rabbit twin runs against. */
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V3_10;
    }

    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }
}
