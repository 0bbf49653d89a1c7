package io.osloscope.app.sniff;

import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;

/** Picks from the management API's reading the part of the broker-neutral topology the topology view draws. */
public final class Topologies {
    private Topologies() {
    }

    /**
     * Keeps oslo's objects: built-in exchanges ({@code amq.*}, the default one), their bindings and the sniffer's own
     * capture queue ({@code ownQueue}, may be null) are left out, so the picture shows the cloud, not us.
     */
    public static TopologySnapshot fromManagement(ManagementSnapshot s, String ownQueue) {
        TopologySnapshot t = s.topology();
        return new TopologySnapshot(
                t.exchanges().stream().filter(x -> !x.builtIn()).toList(),
                t.queues().stream().filter(q -> !q.name().equals(ownQueue)).toList(),
                t.bindings().stream().filter(b -> !b.exchange().isEmpty() && !b.exchange().startsWith("amq.")
                        && !b.queue().equals(ownQueue)).toList());
    }
}
