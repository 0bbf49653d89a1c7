package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ExchangeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A read-only picture of an {@link InMemoryBroker}'s topology at one moment, for views that draw
 * it. Lists are sorted by name; counts are taken queue by queue, not atomically across queues.
 */
public record TopologySnapshot(List<ExchangeView> exchanges, List<QueueView> queues, List<BindingView> bindings) {

    /** {@code builtIn} marks the pre-declared ones: {@code ""} (default), {@code amq.direct}, ... */
    public record ExchangeView(String name, ExchangeType type, boolean durable, boolean autoDelete,
                               Map<String, Object> arguments, boolean builtIn) {
    }

    /** {@code ready} messages waiting, {@code unacked} delivered but not settled; {@code owner} is the connection of an exclusive queue. */
    public record QueueView(String name, int ready, int unacked, int consumers, boolean durable, boolean exclusive,
                            boolean autoDelete, String owner, Map<String, Object> arguments, StreamView stream) {
        /** A classic queue (no stream log). */
        public QueueView(String name, int ready, int unacked, int consumers, boolean durable, boolean exclusive,
                         boolean autoDelete, String owner, Map<String, Object> arguments) {
            this(name, ready, unacked, consumers, durable, exclusive, autoDelete, owner, arguments, null);
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

    static TopologySnapshot of(Collection<MemoryExchange> exchanges, Collection<MemoryQueue> queues) {
        List<ExchangeView> xs = new ArrayList<>();
        List<BindingView> bs = new ArrayList<>();
        List<QueueView> qs = new ArrayList<>();
        for (MemoryExchange x : exchanges) {
            xs.add(new ExchangeView(x.name, x.type, x.durable, x.autoDelete, x.arguments, x.builtIn));
            for (Binding b : x.bindings()) {
                bs.add(new BindingView(x.name, b.queue.name, b.key, b.arguments));
            }
        }
        for (MemoryQueue q : queues) {
            qs.add(new QueueView(q.name, q.ready(), q.unackedCount(), q.consumerCount(), q.durable, q.exclusive,
                    q.autoDelete, q.owner == null ? null : q.owner.name(), q.arguments, q.streamView()));
        }
        xs.sort(Comparator.comparing(ExchangeView::name));
        qs.sort(Comparator.comparing(QueueView::name));
        bs.sort(Comparator.comparing(BindingView::exchange).thenComparing(BindingView::queue)
                .thenComparing(BindingView::bindingKey));
        return new TopologySnapshot(List.copyOf(xs), List.copyOf(qs), List.copyOf(bs));
    }
}
