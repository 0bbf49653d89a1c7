package io.osloscope.app.sniff;

import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** Each quorum queue's and stream's one-line {@link QueueDetails#summary()} by queue name, for the view's tooltips. */
    public static Map<String, String> summaries(Map<String, QueueDetails> details) {
        Map<String, String> out = new LinkedHashMap<>();
        details.forEach((name, d) -> {
            String line = d.summary();
            if (line != null) {
                out.put(name, line);
            }
        });
        return out;
    }
}
