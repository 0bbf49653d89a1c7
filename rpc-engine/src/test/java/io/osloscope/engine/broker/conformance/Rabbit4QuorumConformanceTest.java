package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;

/** The quorum suite on RabbitMQ 4.x (.ci/rabbit4): default delivery limit 20, x-queue-type written into classic queues. */
@RequiresRabbit4
class Rabbit4QuorumConformanceTest extends AbstractQuorumConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitVersion.parse(Rabbit4TestSupport.version());
    }

    @Override
    protected boolean refusesTransientQueues() {
        return Rabbit4TestSupport.refusesTransientQueues();
    }

    @Override
    protected Broker newBroker() {
        return new RabbitBroker(Rabbit4TestSupport.settings(), new EventHub());
    }
}
