package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The routing conformance suite on RabbitMQ, the ground truth. */
@RequiresRabbit
class RabbitRoutingConformanceTest extends AbstractRoutingConformanceTest {
    @Override
    protected RabbitVersion version() {
        return RabbitTestSupport.version();
    }

    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }
}
