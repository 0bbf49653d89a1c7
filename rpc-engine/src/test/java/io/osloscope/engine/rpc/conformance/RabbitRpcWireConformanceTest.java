package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The RPC wire suite on RabbitMQ. */
@RequiresRabbit
class RabbitRpcWireConformanceTest extends AbstractRpcWireConformanceTest {
    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }
}
