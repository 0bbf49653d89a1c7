package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The topology conformance suite on the in-memory broker. */
class MemoryTopologyConformanceTest extends AbstractTopologyConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
