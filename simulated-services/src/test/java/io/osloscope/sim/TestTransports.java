package io.osloscope.sim;

import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.testsupport.RabbitTestSupport;

/** Transports for the abstract tests: a fresh embedded broker, or the test RabbitMQ. */
public final class TestTransports {
    private TestTransports() {
    }

    /** A private embedded broker per test, so tests never see each other's queues. */
    public static Transport memory() {
        return Transport.of(new InMemoryBroker(), TransportOptions.defaults().withControlExchange("nova"));
    }

    public static Transport rabbit() {
        return Transport.open(RabbitTestSupport.transportUrl(), "nova");
    }
}
