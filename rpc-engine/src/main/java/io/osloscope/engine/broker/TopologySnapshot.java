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
     * exclusive queue; {@code type} classic, quorum or stream.
     */
    public record QueueView(String name, int ready, int unacked, int consumers, boolean durable, boolean exclusive,
                            boolean autoDelete, String owner, Map<String, Object> arguments, QueueType type) {
    }

    public record BindingView(String exchange, String queue, String bindingKey, Map<String, Object> arguments) {
    }
}
