package io.osloscope.engine.sniff.mgmt;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's topology for one vhost at one moment, as the management API reported it. Immutable.
 * Five requests fetch it whatever the size (queues with only the columns used), so thousands of queues
 * are fine; use {@link #queuesByName()} for many lookups.
 */
public record TopologySnapshot(Instant at, String vhost, List<Exchange> exchanges, List<Queue> queues,
                               List<Binding> bindings, List<Connection> connections) {

    public record Exchange(String name, String type, boolean durable, boolean autoDelete, boolean internal) {
        /** The default exchange, amq.* and the firehose exchange: never oslo's. */
        public boolean isBuiltIn() {
            return name.isEmpty() || name.startsWith("amq.");
        }
    }

    /**
     * @param messages       ready + unacknowledged
     * @param publishRate    messages/s published into the queue (management's sampled rate)
     * @param deliverRate    messages/s delivered or fetched
     * @param idleSince      when the queue last saw activity (text as the broker reports it), null when busy
     * @param expiresMillis  its {@code x-expires} argument, null when absent
     */
    public record Queue(String name, long messages, long ready, long unacked, int consumers, double publishRate,
                        double deliverRate, boolean durable, boolean autoDelete, boolean exclusive, String type,
                        Long expiresMillis, String idleSince) {
    }

    public record Binding(String source, String destination, String destinationType, String routingKey) {
    }

    /**
     * A client connection. {@code connectionName} is oslo's {@code <program>:<pid>:<uuid>} when the
     * client is oslo.messaging; {@code service} and {@code pid} are parsed from it (null otherwise),
     * {@code host} is the peer address.
     */
    public record Connection(String name, String user, String host, int peerPort, String connectionName,
                             String service, Integer pid, String product, String state, int channels) {
    }

    public TopologySnapshot {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
        connections = List.copyOf(connections);
    }

    public Optional<Queue> queue(String name) {
        for (Queue q : queues) {
            if (q.name().equals(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** Queues by name, for callers that look up many (build once per snapshot). */
    public Map<String, Queue> queuesByName() {
        Map<String, Queue> m = new HashMap<>(queues.size() * 2);
        for (Queue q : queues) {
            m.put(q.name(), q);
        }
        return m;
    }

    public Optional<Exchange> exchange(String name) {
        for (Exchange e : exchanges) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Bindings whose destination is {@code queue}. */
    public List<Binding> bindingsTo(String queue) {
        return bindings.stream().filter(b -> b.destination().equals(queue)).toList();
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
