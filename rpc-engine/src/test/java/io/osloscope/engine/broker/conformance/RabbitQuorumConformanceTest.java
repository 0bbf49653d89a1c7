package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The quorum suite on the host's RabbitMQ (3.10: quorum queues without a default delivery limit). */
@RequiresRabbit
class RabbitQuorumConformanceTest extends AbstractQuorumConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitTestSupport.version();
    }

    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }
}
