package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Builds the SPI's {@link TopologySnapshot} from the in-memory broker's exchanges and queues. */
final class MemoryTopology {
    private MemoryTopology() {
    }

    static TopologySnapshot snapshot(Collection<MemoryExchange> exchanges, Collection<MemoryQueue> queues) {
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
                    q.autoDelete, q.owner == null ? null : q.owner.name(), q.arguments, q.type, q.streamView()));
        }
        xs.sort(Comparator.comparing(ExchangeView::name));
        qs.sort(Comparator.comparing(QueueView::name));
        bs.sort(Comparator.comparing(BindingView::exchange).thenComparing(BindingView::queue)
                .thenComparing(BindingView::bindingKey));
        return new TopologySnapshot(List.copyOf(xs), List.copyOf(qs), List.copyOf(bs));
    }
}
