package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** The RPC call suite on the in-memory broker. */
class MemoryRpcCallConformanceTest extends AbstractRpcCallConformanceTest {
    @Override
    protected Broker newBroker() {
        return new InMemoryBroker();
    }
}
