package io.osloscope.engine.sniff.mgmt;

import io.osloscope.engine.wire.Sender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is behind each client connection of a vhost, from the management API: oslo's {@code connection_name}
 * ({@code <program>:<pid>:<uuid>}) gives the service and pid, the server queues a process consumes
 * ({@code <topic>.<host>}, or a queue-manager name {@code <topic>_fanout_<host>:<process>:<n>}) give nova's host,
 * and the peer address stands in for a host nothing else names. oslo sends from other connections than it listens
 * on, but from the same process, so a send connection is named by its process's listening one.
 *
 * <p>Connections are looked up by their management name ({@code ip:port -> ip:port}), which is what the firehose's
 * {@code connection} header carries. An unknown connection (opened since the last read) makes the directory read
 * the API again, at most once per {@code minRefresh} (30 s after a failure); the reads run on the caller's thread.
 * Thread-safe.
 */
public final class SenderDirectory {
    /** The two reads the directory needs; the management client in production, recorded answers in tests. */
    public interface Source {
        List<ManagementSnapshot.Connection> connections();

        /** Connection management name to the queues it consumes. */
        Map<String, List<String>> consumedQueues();
    }

    private static final int MAX_REMEMBERED = 20_000;
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(30);

    private final Source source;
    private final Clock clock;
    private final Duration minRefresh;
    private final Map<String, Sender> byConnection = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sender> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private Map<String, String> consumerOfQueue = Map.of();
    private Instant nextRefresh = Instant.MIN;
    private long refreshes;
    private String problem;

    public SenderDirectory(Source source, Clock clock, Duration minRefresh) {
        this.source = source;
        this.clock = clock;
        this.minRefresh = minRefresh;
    }

    /** A directory on the management API for one vhost, read again at most once a second. */
    public static SenderDirectory of(ManagementClient client, String vhost, Clock clock) {
        return new SenderDirectory(new Source() {
            @Override
            public List<ManagementSnapshot.Connection> connections() {
                return client.connections(vhost);
            }

            @Override
            public Map<String, List<String>> consumedQueues() {
                return client.consumedQueues(vhost);
            }
        }, clock, Duration.ofSeconds(1));
    }

    /**
     * The sender behind a connection's management name; null when the name is null or the API does not know it
     * (even after reading it again, when that was allowed).
     */
    public synchronized Sender senderOf(String connection) {
        if (connection == null) {
            return null;
        }
        Sender s = byConnection.get(connection);
        if (s == null && refreshAllowed()) {
            refresh();
            s = byConnection.get(connection);
        }
        return s;
    }

    /** The process consuming {@code queue} (a caller's reply queue, say), as far as the last read knows. */
    public synchronized Sender consumerOf(String queue) {
        String conn = queue == null ? null : consumerOfQueue.get(queue);
        return conn == null ? null : byConnection.get(conn);
    }

    /** Reads the API now; a failure is kept as {@link #problem()} and the last answer stays in use. */
    public synchronized void refresh() {
        try {
            List<ManagementSnapshot.Connection> connections = source.connections();
            Map<String, List<String>> consumed = source.consumedQueues();
            byConnection.putAll(resolve(connections, consumed));
            Map<String, String> owners = new HashMap<>();
            consumed.forEach((conn, queues) -> queues.forEach(q -> owners.putIfAbsent(q, conn)));
            consumerOfQueue = owners;
            problem = null;
            nextRefresh = clock.instant().plus(minRefresh);
        } catch (RuntimeException e) {
            problem = "sender names unavailable: " + e.getMessage();
            nextRefresh = clock.instant().plus(AFTER_FAILURE);
        }
        refreshes++;
    }

    /** Why senders cannot be named right now, or null. */
    public synchronized String problem() {
        return problem;
    }

    /** How often the API was read. */
    public synchronized long refreshes() {
        return refreshes;
    }

    private boolean refreshAllowed() {
        return !clock.instant().isBefore(nextRefresh);
    }

    /** Names every connection: service, host and pid as far as the connections and their consumers tell. */
    public static Map<String, Sender> resolve(List<ManagementSnapshot.Connection> connections,
                                              Map<String, List<String>> consumedQueues) {
        // what each process (peer address + pid) is known to serve, from the server queues it consumes
        Map<String, String[]> served = new HashMap<>();
        for (ManagementSnapshot.Connection c : connections) {
            Sender named = Sender.fromConnectionName(c.connectionName());
            if (named == null || named.pid() == null) {
                continue;
            }
            for (String q : consumedQueues.getOrDefault(c.name(), List.of())) {
                String[] topicHost = serverQueue(q);
                if (topicHost != null) {
                    served.merge(process(c.host(), named.pid()), topicHost, (old, now) -> old[1] == null ? now : old);
                }
            }
        }
        Map<String, Sender> out = new HashMap<>();
        for (ManagementSnapshot.Connection c : connections) {
            Sender named = Sender.fromConnectionName(c.connectionName());
            if (named == null) {
                out.put(c.name(), new Sender(null, c.host(), null,
                        c.connectionName() == null ? null : "not an oslo connection: " + c.connectionName()));
                continue;
            }
            String[] topicHost = named.pid() == null ? null : served.get(process(c.host(), named.pid()));
            String service = named.service();
            if (service == null && topicHost != null) {
                service = io.osloscope.engine.wire.Destination.serviceOf(topicHost[0]);
            }
            String host = topicHost != null && topicHost[1] != null ? topicHost[1] : c.host();
            out.put(c.name(), new Sender(service, host, named.pid()));
        }
        return out;
    }

    private static String process(String peerHost, int pid) {
        return peerHost + "/" + pid;
    }

    /**
     * (topic, host) of a queue only an RPC server consumes: {@code <topic>.<host>} or a queue-manager fanout
     * {@code <topic>_fanout_<host>:<process>:<n>}; (topic, null) for a bare topic queue; null for anything else
     * (reply queues, uuid fanouts, notification queues, the broker's own).
     */
    static String[] serverQueue(String q) {
        if (q.startsWith("reply_") || q.startsWith("amq.") || q.startsWith("notifications.")
                || q.startsWith("versioned_notifications.") || q.startsWith("osloscope")) {
            return null;
        }
        int fan = q.indexOf("_fanout");
        if (fan > 0) {
            String rest = q.substring(fan + "_fanout".length());
            String[] parts = rest.startsWith("_") ? rest.substring(1).split(":") : new String[0];
            return parts.length == 3 ? new String[] {q.substring(0, fan), parts[0]} : null;
        }
        if (q.endsWith(".")) {
            return null;
        }
        // cinder-volume.cmp1@lvm.cmp1 serves cinder-volume on cmp1@lvm (see Destination)
        return io.osloscope.engine.wire.Destination.topicAndServer(q);
    }
}
