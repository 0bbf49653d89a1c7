package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The RPC wire suite on the in-memory broker. */
class MemoryRpcWireConformanceTest extends AbstractRpcWireConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
