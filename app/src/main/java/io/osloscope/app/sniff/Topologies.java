package io.osloscope.app.sniff;

import io.osloscope.app.topology.model.TopologySnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts the management API's topology into the broker-neutral snapshot the topology view draws. */
public final class Topologies {
    private Topologies() {
    }

    /**
     * Keeps oslo's objects: built-in exchanges ({@code amq.*}, the default one) and the sniffer's own
     * capture queue ({@code ownQueue}, may be null) are left out, so the picture shows the cloud, not us.
     */
    public static TopologySnapshot fromManagement(io.osloscope.engine.sniff.mgmt.TopologySnapshot s, String ownQueue) {
        return fromManagement(s, ownQueue, Map.of());
    }

    /** As above, each quorum queue and stream with its one-line {@link QueueDetails#summary()}. */
    public static TopologySnapshot fromManagement(io.osloscope.engine.sniff.mgmt.TopologySnapshot s, String ownQueue,
                                                  Map<String, QueueDetails> details) {
        List<TopologySnapshot.Exchange> xs = new ArrayList<>();
        for (var x : s.exchanges()) {
            if (!x.isBuiltIn()) {
                xs.add(new TopologySnapshot.Exchange(x.name(), x.type()));
            }
        }
        List<TopologySnapshot.Queue> qs = new ArrayList<>(s.queues().size());
        for (var q : s.queues()) {
            if (!q.name().equals(ownQueue)) {
                QueueDetails d = details.get(q.name());
                qs.add(new TopologySnapshot.Queue(q.name(), (int) Math.min(Integer.MAX_VALUE, q.messages()),
                        q.consumers(), List.of(), d == null ? null : d.summary()));
            }
        }
        List<TopologySnapshot.Binding> bs = new ArrayList<>();
        for (var b : s.bindings()) {
            boolean builtIn = b.source().isEmpty() || b.source().startsWith("amq.");
            if (!builtIn && "queue".equals(b.destinationType()) && !b.destination().equals(ownQueue)) {
                bs.add(new TopologySnapshot.Binding(b.source(), b.destination(), b.routingKey()));
            }
        }
        return new TopologySnapshot(xs, qs, bs);
    }
}
