package io.osloscope.engine.broker;

import java.util.List;
import java.util.Map;

/**
 * A read-only picture of a broker's topology at one moment, for views that draw it (what a
 * {@link TopologySource} gives). Lists are sorted by name; counts are taken queue by queue, not atomically across queues.
 */
public record TopologySnapshot(List<ExchangeView> exchanges, List<QueueView> queues, List<BindingView> bindings) {

    /** {@code builtIn} marks the pre-declared ones: {@code ""} (default), {@code amq.direct}, ... */
    public record ExchangeView(String name, ExchangeType type, boolean durable, boolean autoDelete,
                               Map<String, Object> arguments, boolean builtIn) {
    }

    /**
     * {@code ready} messages waiting, {@code unacked} delivered but not settled; {@code owner} is the connection of an
     * exclusive queue; {@code type} classic, quorum or stream; {@code stream} the log of a stream queue, else null.
     */
    public record QueueView(String name, int ready, int unacked, int consumers, boolean durable, boolean exclusive,
                            boolean autoDelete, String owner, Map<String, Object> arguments, QueueType type,
                            StreamView stream) {
        /** A queue without a stream log. */
        public QueueView(String name, int ready, int unacked, int consumers, boolean durable, boolean exclusive,
                         boolean autoDelete, String owner, Map<String, Object> arguments, QueueType type) {
            this(name, ready, unacked, consumers, durable, exclusive, autoDelete, owner, arguments, type, null);
        }
    }

    /**
     * A stream queue's log: {@code length} messages of {@code bytes} body bytes held, offsets {@code firstOffset}
     * to {@code lastOffset} (the last is {@code firstOffset - 1} while it is empty). {@code ready} is the length.
     */
    public record StreamView(long length, long bytes, long firstOffset, long lastOffset) {
    }

    public record BindingView(String exchange, String queue, String bindingKey, Map<String, Object> arguments) {
    }
}
