package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One exchange-to-queue binding. Its identity is (exchange, queue, key, arguments), as on
 * RabbitMQ: the same key with different arguments is a second binding. Immutable.
 */
final class Binding {
    final String exchange;
    final MemoryQueue queue;
    final String key;
    final Map<String, Object> arguments;
    private final Map<String, Object> identityArgs;
    private final TopicMatcher topic;

    Binding(String exchange, ExchangeType type, MemoryQueue queue, String key, Map<String, Object> arguments) {
        this.exchange = exchange;
        this.queue = queue;
        this.key = key;
        this.arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(arguments));
        Map<String, Object> norm = new TreeMap<>();
        this.arguments.forEach((k, v) -> norm.put(k, AmqpValues.normalize(v)));
        this.identityArgs = norm;
        this.topic = type == ExchangeType.TOPIC ? new TopicMatcher(key) : null;
    }

    boolean sameAs(String queueName, String otherKey, Map<String, Object> otherArgs) {
        if (!queue.name.equals(queueName) || !key.equals(otherKey)) {
            return false;
        }
        Map<String, Object> norm = new TreeMap<>();
        if (otherArgs != null) {
            otherArgs.forEach((k, v) -> norm.put(k, AmqpValues.normalize(v)));
        }
        return identityArgs.equals(norm);
    }

    /** Fast routing decision, no explanation. */
    boolean matches(ExchangeType type, String routingKey, Map<String, Object> headers) {
        return switch (type) {
            case DIRECT -> key.equals(routingKey);
            case FANOUT -> true;
            case TOPIC -> topic.matches(routingKey);
            case HEADERS -> headersMatch(headers, null);
        };
    }

    /** The routing decision with a human reason, as shown in the routing view. */
    BindingMatch judge(ExchangeType type, String routingKey, Map<String, Object> headers) {
        boolean matched;
        String reason;
        switch (type) {
            case DIRECT -> {
                matched = key.equals(routingKey);
                reason = matched ? "key '" + routingKey + "' = binding '" + key + "'"
                        : "key '" + routingKey + "' ≠ binding '" + key + "'";
            }
            case FANOUT -> {
                matched = true;
                reason = "fanout ignores the routing key";
            }
            case TOPIC -> {
                boolean[] m = new boolean[1];
                reason = topic.explain(routingKey, m);
                matched = m[0];
            }
            default -> {
                List<String> why = new ArrayList<>();
                matched = headersMatch(headers, why);
                reason = String.join(", ", why);
            }
        }
        return new BindingMatch(exchange, queue.name, key, matched, reason);
    }

    /**
     * RabbitMQ 3.10 headers matching: binding arguments starting with {@code x-} are ignored;
     * {@code x-match=any} needs one argument present with an equal value, otherwise (all) every
     * argument must be; an argument without value (void) only needs the header to be present.
     */
    private boolean headersMatch(Map<String, Object> headers, List<String> why) {
        boolean any = "any".equals(AmqpValues.format(arguments.get("x-match")));
        boolean allOk = true;
        boolean anyOk = false;
        if (why != null) {
            why.add("x-match " + (any ? "any" : "all"));
        }
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("x-")) {
                continue;
            }
            boolean present = headers != null && headers.containsKey(k);
            boolean ok = present && (e.getValue() == null || AmqpValues.sameValue(e.getValue(), headers.get(k)));
            allOk &= ok;
            anyOk |= ok;
            if (why != null) {
                String want = e.getValue() == null ? k + " present" : k + "=" + AmqpValues.format(e.getValue());
                why.add(want + (ok ? " ✓" : present ? " ✗ (is " + AmqpValues.format(headers.get(k)) + ")" : " ✗ (missing)"));
            }
        }
        if (why != null && why.size() == 1) {
            why.add(any ? "no header arguments, nothing can match" : "no header arguments, everything matches");
        }
        return any ? anyOk : allOk;
    }
}
