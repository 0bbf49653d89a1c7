package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;

/** The differential test against RabbitMQ 4.x (.ci/rabbit4), memory following its release, quorum and stream queues included. */
@RequiresRabbit4
class Rabbit4DifferentialTest extends AbstractBrokerDifferentialTest {
    @Override
    protected RabbitSettings rabbit() {
        return Rabbit4TestSupport.settings();
    }

    @Override
    protected RabbitVersion version() {
        return RabbitVersion.parse(Rabbit4TestSupport.version());
    }

    @Override
    protected boolean withModernQueues() {
        return true;
    }
}
