package io.osloscope.app.topology;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySource;

import java.util.Optional;

/** Reads the starting topology from brokers that can tell it (a {@link TopologySource}: the in-memory broker). */
public final class InitialTopology {
    private InitialTopology() {
    }

    public static Optional<TopologySnapshot> read(Broker broker) {
        return broker.capability(TopologySource.class).map(TopologySource::topology);
    }
}
