package io.osloscope.engine.broker.routing;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.RoutingExplainer;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.broker.TopologySnapshot.BindingView;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routing over a {@link TopologySnapshot}, with the in-memory broker's {@link BindingRule}s: what a publish to an
 * exchange would reach according to the bindings the snapshot lists (the default exchange by queue name). Built
 * once per snapshot; {@link #route} is cheap enough for every captured message, {@link #explain} judges every
 * binding with its reason. Exchange-to-exchange bindings and alternate exchanges are not in the snapshot, so they
 * are not followed. Immutable and thread-safe.
 */
public final class TopologyRouter implements RoutingExplainer {
    private final Instant at;
    private final Map<String, ExchangeType> exchanges = new HashMap<>();
    private final Map<String, List<BindingRule>> bindings = new HashMap<>();
    private final Map<String, Map<String, List<BindingRule>>> exact = new HashMap<>();
    private final Map<String, List<BindingRule>> other = new HashMap<>();
    private final Set<String> queues = new HashSet<>();

    /** @param at when the snapshot was taken (shown with a difference), may be null */
    public TopologyRouter(TopologySnapshot snapshot, Instant at) {
        this.at = at;
        for (ExchangeView x : snapshot.exchanges()) {
            exchanges.put(x.name(), x.type());
        }
        snapshot.queues().forEach(q -> queues.add(q.name()));
        for (BindingView b : snapshot.bindings()) {
            ExchangeType type = exchanges.get(b.exchange());
            if (type == null || b.exchange().isEmpty()) {
                continue;
            }
            BindingRule r = new BindingRule(b.exchange(), type, b.queue(), b.bindingKey(), b.arguments());
            bindings.computeIfAbsent(b.exchange(), k -> new ArrayList<>()).add(r);
            if ((type == ExchangeType.DIRECT || type == ExchangeType.TOPIC) && !r.wildcard()) {
                exact.computeIfAbsent(b.exchange(), k -> new HashMap<>())
                        .computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            } else {
                other.computeIfAbsent(b.exchange(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** When the snapshot was taken, or null. */
    public Instant at() {
        return at;
    }

    public boolean hasExchange(String exchange) {
        return exchange.isEmpty() || exchanges.containsKey(exchange);
    }

    public boolean hasQueue(String queue) {
        return queues.contains(queue);
    }

    /**
     * The distinct queues the snapshot's bindings send a publish to, in binding order; empty when unroutable or the
     * exchange is not in the snapshot.
     */
    public List<String> route(String exchange, String routingKey, Map<String, Object> headers) {
        if (exchange.isEmpty()) {
            return queues.contains(routingKey) ? List.of(routingKey) : List.of();
        }
        List<String> out = new ArrayList<>(2);
        Map<String, List<BindingRule>> byKey = exact.get(exchange);
        if (byKey != null) {
            for (BindingRule r : byKey.getOrDefault(routingKey, List.of())) {
                addDistinct(out, r.destination());
            }
        }
        for (BindingRule r : other.getOrDefault(exchange, List.of())) {
            if (r.matches(routingKey, headers)) {
                addDistinct(out, r.destination());
            }
        }
        return out;
    }

    /** @throws AmqpException 404 when the snapshot has no such exchange */
    @Override
    public RoutingExplanation explainRouting(String exchange, String routingKey, Map<String, Object> headers) {
        if (exchange.isEmpty()) {
            // NOTE(default exchange): its implicit binding per queue, judged as the in-memory broker judges it.
            if (!queues.contains(routingKey)) {
                return new RoutingExplanation("", "direct", routingKey, List.of(), List.of());
            }
            return new RoutingExplanation("", "direct", routingKey, List.of(BindingRule.defaultExchange(routingKey)),
                    List.of(routingKey));
        }
        ExchangeType type = exchanges.get(exchange);
        if (type == null) {
            throw new AmqpException(AmqpException.NOT_FOUND, "NOT_FOUND - no exchange '" + exchange + "' in the "
                    + "management API's topology");
        }
        List<BindingMatch> judged = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (BindingRule r : bindings.getOrDefault(exchange, List.of())) {
            BindingMatch m = r.judge(routingKey, headers);
            judged.add(m);
            if (m.matched()) {
                addDistinct(reached, r.destination());
            }
        }
        return new RoutingExplanation(exchange, type.amqpName(), routingKey, List.copyOf(judged), List.copyOf(reached));
    }

    /**
     * As {@link #explainRouting}, but the bindings are judged (reasons built) only when the list is first read, and
     * an exchange missing from the snapshot gives an unroutable explanation of type "unknown" rather than a 404.
     */
    public RoutingExplanation explainLazily(String exchange, String routingKey, Map<String, Object> headers) {
        if (exchange.isEmpty()) {
            return explainRouting(exchange, routingKey, headers);
        }
        List<String> reached = route(exchange, routingKey, headers);
        ExchangeType type = exchanges.get(exchange);
        if (type == null) {
            return new RoutingExplanation(exchange, "unknown", routingKey, List.of(), List.of());
        }
        List<BindingRule> rules = bindings.getOrDefault(exchange, List.of());
        return new RoutingExplanation(exchange, type.amqpName(), routingKey,
                new LazyJudgements(rules, routingKey, headers), java.util.Collections.unmodifiableList(reached));
    }

    /** Judgements computed on first read; racing readers compute the same immutable value. */
    private static final class LazyJudgements extends java.util.AbstractList<BindingMatch>
            implements java.util.RandomAccess {
        private final List<BindingRule> rules;
        private final String routingKey;
        private final Map<String, Object> headers;
        /** Allocated on first read: most explanations are never read, and an exchange may have many bindings. */
        private volatile BindingMatch[] judged;

        LazyJudgements(List<BindingRule> rules, String routingKey, Map<String, Object> headers) {
            this.rules = rules;
            this.routingKey = routingKey;
            this.headers = headers;
        }

        @Override
        public BindingMatch get(int index) {
            BindingMatch[] judged = this.judged;
            if (judged == null) {
                judged = new BindingMatch[rules.size()];
                this.judged = judged;
            }
            BindingMatch m = judged[index];
            if (m == null) {
                m = rules.get(index).judge(routingKey, headers);
                judged[index] = m;
            }
            return m;
        }

        @Override
        public int size() {
            return rules.size();
        }
    }

    private static void addDistinct(List<String> out, String q) {
        if (!out.contains(q)) {
            out.add(q);
        }
    }
}
