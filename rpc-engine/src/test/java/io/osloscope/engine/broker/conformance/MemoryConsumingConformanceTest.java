package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The consuming conformance suite on the in-memory broker. */
class MemoryConsumingConformanceTest extends AbstractConsumingConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
