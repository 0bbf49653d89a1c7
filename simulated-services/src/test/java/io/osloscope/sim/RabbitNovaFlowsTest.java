package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RequiresRabbit;

/** The contract on RabbitMQ, in a vhost of its own that is deleted after each test. */
@RequiresRabbit
class RabbitNovaFlowsTest extends NovaFlowsContract {
    @Override
    protected Transport openTransport() {
        return Transport.open(closeAfter(RabbitVhost.create()).transportUrl(), "nova");
    }
}
