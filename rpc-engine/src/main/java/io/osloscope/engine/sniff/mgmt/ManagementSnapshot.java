package io.osloscope.engine.sniff.mgmt;

import io.osloscope.engine.broker.TopologySnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the management API reported for one vhost at one moment: the broker-neutral {@link TopologySnapshot} (the
 * same type the in-memory broker gives, so views draw either), plus what only the management API knows, keyed by
 * queue name ({@link QueueStats}), and the client connections. Immutable. Five requests fetch it whatever the size
 * (queues with only the columns used), so thousands of queues are fine.
 */
public record ManagementSnapshot(Instant at, String vhost, TopologySnapshot topology, Map<String, QueueStats> queueStats,
                                 List<Connection> connections, List<Node> nodes) {

    /** Without the nodes' state (a snapshot of the vhost only). */
    public ManagementSnapshot(Instant at, String vhost, TopologySnapshot topology, Map<String, QueueStats> queueStats,
                              List<Connection> connections) {
        this(at, vhost, topology, queueStats, connections, List.of());
    }

    /**
     * A broker node and its resource alarms ({@code GET /api/nodes}): while either alarm is on, the broker blocks every
     * publishing connection.
     */
    public record Node(String name, boolean running, boolean memoryAlarm, boolean diskAlarm, long memoryUsed,
                       long memoryLimit, long diskFree, long diskFreeLimit) {
    }

    /**
     * Management's sampled rates and activity for one queue.
     *
     * @param publishRate messages/s published into the queue
     * @param deliverRate messages/s delivered or fetched
     * @param idleSince   when the queue last saw activity (text as the broker reports it), null when busy
     * @param redeliverRate messages/s delivered again (requeued, or their consumer went away)
     * @param published   messages published into the queue since it was declared (-1 when not reported)
     * @param deliveredOrGot messages delivered or fetched since it was declared (-1 when not reported)
     */
    public record QueueStats(double publishRate, double deliverRate, String idleSince, double redeliverRate,
                             long published, long deliveredOrGot) {
        public static final QueueStats NONE = new QueueStats(0, 0, null);

        public QueueStats(double publishRate, double deliverRate, String idleSince) {
            this(publishRate, deliverRate, idleSince, 0, -1, -1);
        }
    }

    /**
     * A client connection. {@code connectionName} is oslo's {@code <program>:<pid>:<uuid>} when the
     * client is oslo.messaging; {@code service} and {@code pid} are parsed from it (null otherwise),
     * {@code host} is the peer address.
     */
    public record Connection(String name, String user, String host, int peerPort, String connectionName,
                             String service, Integer pid, String product, String state, int channels) {
    }

    public ManagementSnapshot {
        queueStats = Map.copyOf(queueStats);
        connections = List.copyOf(connections);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The queue's stats, {@link QueueStats#NONE} for a queue the management API gave none for. */
    public QueueStats stats(String queue) {
        return queueStats.getOrDefault(queue, QueueStats.NONE);
    }

    /**
     * Parses oslo's connection name {@code <basename(argv[0])>:<pid>:<uuid>} into (service, pid);
     * null when the name does not follow the pattern.
     */
    public static String[] parseOsloConnectionName(String connectionName) {
        if (connectionName == null) {
            return null;
        }
        String[] parts = connectionName.split(":");
        if (parts.length < 3) {
            return null;
        }
        String uuid = parts[parts.length - 1];
        String pid = parts[parts.length - 2];
        if (!pid.matches("\\d{1,10}") || !uuid.matches("[0-9a-fA-F-]{32,36}")) {
            return null;
        }
        String program = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
        return new String[]{program, pid};
    }
}
