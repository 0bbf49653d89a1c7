package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.broker.routing.TopologyRouter;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Sniffer}'s view of its vhost through the management API: the latest and the previous snapshot, the
 * quorum and stream details of its queues (with the sniffer's idle estimate for queue-manager queues), the last
 * problem reading them, and the health hints drawn from them. Thread-safe.
 */
final class TopologyWatch {
    private final ManagementClient management;
    private final String vhost;
    private volatile ManagementSnapshot topology;
    private volatile ManagementSnapshot previousTopology;
    private volatile Map<String, QueueDetails> queueDetails = Map.of();
    private volatile String problem;
    private volatile TopologyRouter router;
    /** Queue-manager queues: the last snapshot that showed a consumer, or the first that showed none. */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeenUnused = new ConcurrentHashMap<>();

    TopologyWatch(ManagementClient management, String vhost) {
        this.management = management;
        this.vhost = vhost;
    }

    /**
     * Refreshes, keeping a failure as {@link #problem()}; when {@code required} (tap mode with no exchanges given)
     * a failure is a {@link SnifferException}.
     */
    void refreshQuietly(boolean required) {
        try {
            refresh();
        } catch (ManagementException e) {
            problem = e.getMessage();
            if (required) {
                throw new SnifferException(e.getMessage() + " (tap mode needs it to find exchanges, or pass them "
                        + "explicitly)", e);
            }
        }
    }

    /** Reads topology now (blocking); throws {@link ManagementException} with a one-line reason. */
    ManagementSnapshot refresh() {
        ManagementSnapshot snap = management.snapshot(vhost);
        Map<String, QueueDetails> details;
        try {
            details = new java.util.LinkedHashMap<>(management.queueDetails(vhost));
        } catch (ManagementException e) {
            details = new java.util.LinkedHashMap<>();
        }
        estimateIdleSince(snap, details);
        previousTopology = topology;
        topology = snap;
        router = new TopologyRouter(snap.topology(), snap.at());
        queueDetails = Map.copyOf(details);
        problem = null;
        return snap;
    }

    /**
     * Quorum queues report no {@code idle_since}; for queue-manager queues the sniffer estimates when one was last
     * used from its snapshots: the last one that showed a consumer, else the first that showed none (so the
     * estimate is never earlier than the truth for a queue idle before the sniffer started).
     */
    private void estimateIdleSince(ManagementSnapshot snap, Map<String, QueueDetails> details) {
        for (QueueView q : snap.topology().queues()) {
            if (io.osloscope.engine.sniff.health.QueueManagerName.parse(q.name()) == null) {
                continue;
            }
            if (q.consumers() > 0) {
                lastUsed.put(q.name(), snap.at());
                firstSeenUnused.remove(q.name());
                continue;
            }
            QueueDetails d = details.get(q.name());
            if (d != null && d.idleSince() == null) {
                Instant used = lastUsed.get(q.name());
                details.put(q.name(), d.withIdleSince(used != null ? used
                        : firstSeenUnused.computeIfAbsent(q.name(), k -> snap.at())));
            }
        }
    }

    /** The latest snapshot, or null until the management API has answered. */
    ManagementSnapshot latest() {
        return topology;
    }

    /** The latest bindings as a router, or null until the management API has answered. */
    TopologyRouter router() {
        return router;
    }

    Map<String, QueueDetails> queueDetails() {
        return queueDetails;
    }

    /** Why the last refresh failed, or null. */
    String problem() {
        return problem;
    }

    /** Health hints from the latest topology and the traffic {@code pipeline} has seen. */
    List<HealthHint> health(SniffPipeline pipeline, io.osloscope.engine.sniff.health.OsloTraffic traffic) {
        ManagementSnapshot now = topology;
        ManagementSnapshot before = previousTopology;
        List<ManagementSnapshot> samples = now == null ? List.of() : before == null ? List.of(now) : List.of(before, now);
        return HealthHints.compute(samples, queueDetails, pipeline.tracker(), pipeline.unroutable(), traffic);
    }
}
