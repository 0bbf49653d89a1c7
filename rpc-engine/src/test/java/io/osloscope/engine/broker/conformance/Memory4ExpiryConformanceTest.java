package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The expiry suite on the in-memory broker following RabbitMQ 4.0, the twin of Rabbit4ExpiryConformanceTest on 4.0.5. */
class Memory4ExpiryConformanceTest extends AbstractExpiryConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V4_0;
    }

    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }
}
