package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The quorum suite on the in-memory broker following RabbitMQ 3.10, as its twin on the host's 3.10. */
class MemoryQuorumConformanceTest extends AbstractQuorumConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V3_10;
    }

    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }
}
