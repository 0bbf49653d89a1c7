package io.osloscope.app.topology.model;

import java.util.List;

/**
 * A broker's topology at one moment, in plain data, whatever read it: the in-memory broker, or a
 * real RabbitMQ's management API (the sniffer). {@link TopologyModel#applySnapshot} takes it.
 */
public record TopologySnapshot(List<Exchange> exchanges, List<Queue> queues, List<Binding> bindings) {
    public TopologySnapshot {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
    }

    /** {@code type} is the AMQP name: direct, topic, fanout or headers. */
    public record Exchange(String name, String type) {
    }

    /**
     * {@code consumerConnections} names the connections consuming, where known (may be empty); {@code detail} is
     * one line about a quorum queue or stream (leader, members, delivery limit, retention), null when none;
     * {@code type} is the queue type's AMQP name (classic, quorum, stream), null when the source does not say.
     */
    public record Queue(String name, int messages, int consumers, List<String> consumerConnections, String detail,
                        String type) {
        public Queue {
            consumerConnections = consumerConnections == null ? List.of() : List.copyOf(consumerConnections);
        }

        public Queue(String name, int messages, int consumers, List<String> consumerConnections) {
            this(name, messages, consumers, consumerConnections, null, null);
        }

        public Queue(String name, int messages, int consumers, List<String> consumerConnections, String detail) {
            this(name, messages, consumers, consumerConnections, detail, null);
        }
    }

    public record Binding(String exchange, String queue, String key) {
    }
}
