package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The differential test against the host's RabbitMQ (3.10), classic queues, memory following 3.10. */
@RequiresRabbit
class BrokerDifferentialTest extends AbstractBrokerDifferentialTest {
    @Override
    protected RabbitSettings rabbit() {
        return RabbitTestSupport.settings();
    }

    @Override
    protected RabbitVersion version() {
        return RabbitVersion.V3_10;
    }

    @Override
    protected boolean withModernQueues() {
        return false;
    }
}
