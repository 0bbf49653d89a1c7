package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;

class MemoryNovaFlowsTest extends NovaFlowsContract {
    @Override
    protected Transport openTransport() {
        return TestTransports.memory();
    }
}
