package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The quorum suite on the in-memory broker following RabbitMQ 4.0, as its twin on 4.0.5 (.ci/rabbit4 trixie). */
class Memory4QuorumConformanceTest extends AbstractQuorumConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V4_0;
    }

    @Override
    protected Broker newBroker() {
        return new InMemoryBroker(version());
    }
}
