package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The stream suite on the in-memory broker following RabbitMQ 4.0, the twin of Rabbit4StreamConformanceTest on trixie. */
class Memory4StreamConformanceTest extends AbstractStreamConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }

    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V4_0;
    }
}
