package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;

/** The stream suite on RabbitMQ 4.x (.ci/rabbit4). */
@RequiresRabbit4
class Rabbit4StreamConformanceTest extends AbstractStreamConformanceTest {
    @Override
    protected Broker newBroker() {
        return new RabbitBroker(Rabbit4TestSupport.settings(), new EventHub());
    }

    @Override
    protected RabbitVersion version() {
        return RabbitVersion.parse(Rabbit4TestSupport.version());
    }
}
