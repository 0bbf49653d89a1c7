package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The stream suite on the in-memory broker, which follows RabbitMQ 3.10's rules until it is told a version. */
class MemoryStreamConformanceTest extends AbstractStreamConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }

    @Override
    protected RabbitVersion rules() {
        return RabbitVersion.V3_10;
    }
}
