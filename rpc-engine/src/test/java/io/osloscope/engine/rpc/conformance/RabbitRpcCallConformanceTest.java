package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The RPC call suite on RabbitMQ. */
@RequiresRabbit
class RabbitRpcCallConformanceTest extends AbstractRpcCallConformanceTest {
    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }
}
