package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The topology suite on the in-memory broker following RabbitMQ 4.0, the twin of Rabbit4TopologyConformanceTest on 4.0.5. */
class Memory4TopologyConformanceTest extends AbstractTopologyConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V4_0;
    }

    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }
}
