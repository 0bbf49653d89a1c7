package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The stream suite on the host's RabbitMQ (3.10, Debian bookworm's), the ground truth. */
@RequiresRabbit
class RabbitStreamConformanceTest extends AbstractStreamConformanceTest {
    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }

    @Override
    protected RabbitVersion version() {
        return RabbitTestSupport.version();
    }
}
