package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exchange and its bindings. Bindings change under the broker's topology lock and are published
 * as an immutable {@link Routes} snapshot, so routing (on publisher threads) takes no lock. Exact
 * keys (direct, and topic patterns without wildcards) are looked up in a hash index.
 */
final class MemoryExchange {
    final String name;
    final ExchangeType type;
    final boolean durable;
    final boolean autoDelete;
    final Map<String, Object> arguments;
    final boolean builtIn;
    private volatile Routes routes = Routes.EMPTY;
    private boolean hadBinding;

    MemoryExchange(ExchangeSpec spec, boolean builtIn) {
        this.name = spec.name();
        this.type = spec.type();
        this.durable = spec.durable();
        this.autoDelete = spec.autoDelete();
        this.arguments = spec.arguments();
        this.builtIn = builtIn;
    }

    List<Binding> bindings() {
        return List.of(routes.all);
    }

    /** Adds the binding unless an identical one exists; returns false for the duplicate. Topology lock held. */
    boolean addBinding(Binding b) {
        for (Binding x : routes.all) {
            if (x.sameAs(b.queue.name, b.key, b.arguments)) {
                return false;
            }
        }
        List<Binding> all = new ArrayList<>(List.of(routes.all));
        all.add(b);
        routes = Routes.of(type, all);
        hadBinding = true;
        return true;
    }

    /** Removes matching bindings; returns them. Topology lock held. */
    List<Binding> removeBindings(java.util.function.Predicate<Binding> which) {
        List<Binding> keep = new ArrayList<>();
        List<Binding> removed = new ArrayList<>();
        for (Binding x : routes.all) {
            (which.test(x) ? removed : keep).add(x);
        }
        if (!removed.isEmpty()) {
            routes = Routes.of(type, keep);
        }
        return removed;
    }

    /** An auto-delete exchange goes once it had a binding and has none left. */
    boolean autoDeleteDue() {
        return autoDelete && hadBinding && routes.all.length == 0;
    }

    /** Appends the distinct queues the message reaches. */
    void route(String routingKey, Map<String, Object> headers, List<MemoryQueue> out) {
        Routes r = routes;
        if (type == ExchangeType.FANOUT) {
            for (Binding b : r.all) {
                addDistinct(out, b.queue);
            }
            return;
        }
        if (r.exact != null) {
            Binding[] hit = r.exact.get(routingKey);
            if (hit != null) {
                for (Binding b : hit) {
                    addDistinct(out, b.queue);
                }
            }
        }
        for (Binding b : r.other) {
            if (b.matches(type, routingKey, headers)) {
                addDistinct(out, b.queue);
            }
        }
    }

    /** Judges every binding, matched or not, and appends the distinct queues reached. */
    List<BindingMatch> explain(String routingKey, Map<String, Object> headers, List<MemoryQueue> out) {
        Binding[] all = routes.all;
        List<BindingMatch> matches = new ArrayList<>(all.length);
        for (Binding b : all) {
            BindingMatch m = b.judge(type, routingKey, headers);
            matches.add(m);
            if (m.matched()) {
                addDistinct(out, b.queue);
            }
        }
        return matches;
    }

    private static void addDistinct(List<MemoryQueue> out, MemoryQueue q) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == q) {
                return;
            }
        }
        out.add(q);
    }

    /** Immutable routing snapshot: all bindings, an exact-key index, and the rest to test one by one. */
    private record Routes(Binding[] all, Map<String, Binding[]> exact, Binding[] other) {
        static final Routes EMPTY = new Routes(new Binding[0], null, new Binding[0]);

        static Routes of(ExchangeType type, List<Binding> bindings) {
            Binding[] all = bindings.toArray(new Binding[0]);
            if (type == ExchangeType.FANOUT || type == ExchangeType.HEADERS) {
                return new Routes(all, null, type == ExchangeType.HEADERS ? all : new Binding[0]);
            }
            Map<String, List<Binding>> exact = new HashMap<>();
            List<Binding> other = new ArrayList<>();
            for (Binding b : all) {
                if (type == ExchangeType.DIRECT || !(b.key.equals("#") || b.key.equals("*")
                        || b.key.startsWith("#.") || b.key.startsWith("*.") || b.key.endsWith(".#")
                        || b.key.endsWith(".*") || b.key.contains(".#.") || b.key.contains(".*."))) {
                    exact.computeIfAbsent(b.key, k -> new ArrayList<>()).add(b);
                } else {
                    other.add(b);
                }
            }
            Map<String, Binding[]> index = new HashMap<>();
            exact.forEach((k, v) -> index.put(k, v.toArray(new Binding[0])));
            return new Routes(all, index, other.toArray(new Binding[0]));
        }
    }
}
