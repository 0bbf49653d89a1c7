package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The stream suite on the in-memory broker following RabbitMQ 3.10, the host broker its Rabbit twin runs against. */
class MemoryStreamConformanceTest extends AbstractStreamConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }

    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V3_10;
    }
}
