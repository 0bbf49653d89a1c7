package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The routing conformance suite on the in-memory broker. */
class MemoryRoutingConformanceTest extends AbstractRoutingConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
