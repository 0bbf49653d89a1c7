package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The expiry conformance suite on the in-memory broker. */
class MemoryExpiryConformanceTest extends AbstractExpiryConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
