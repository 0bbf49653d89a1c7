package io.osloscope.app.topology;

import io.osloscope.app.topology.model.TopologySnapshot;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.TopologySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the starting topology from brokers that can tell it (a {@link TopologySource}: the in-memory broker). */
public final class InitialTopology {
    private InitialTopology() {
    }

    public static Optional<TopologySnapshot> read(Broker broker) {
        return broker.capability(TopologySource.class).map(source -> fromMemory(source.topology()));
    }

    /** Converts the broker's snapshot into the one the model takes. */
    public static TopologySnapshot fromMemory(io.osloscope.engine.broker.TopologySnapshot s) {
        List<TopologySnapshot.Exchange> xs = new ArrayList<>();
        for (var x : s.exchanges()) {
            xs.add(new TopologySnapshot.Exchange(x.name(), x.type().amqpName()));
        }
        List<TopologySnapshot.Queue> qs = new ArrayList<>();
        for (var q : s.queues()) {
            qs.add(new TopologySnapshot.Queue(q.name(), q.ready(), q.consumers(),
                    q.owner() == null ? List.of() : List.of(q.owner()), null,
                    q.type() == null ? null : q.type().amqpName()));
        }
        List<TopologySnapshot.Binding> bs = new ArrayList<>();
        for (var b : s.bindings()) {
            bs.add(new TopologySnapshot.Binding(b.exchange(), b.queue(), b.bindingKey()));
        }
        return new TopologySnapshot(xs, qs, bs);
    }
}
