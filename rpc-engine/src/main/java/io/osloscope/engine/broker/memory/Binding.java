package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.routing.BindingRule;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.Map;
import java.util.TreeMap;

/**
 * One exchange-to-queue binding. Its identity is (exchange, queue, key, arguments), as on
 * RabbitMQ: the same key with different arguments is a second binding. Immutable. Matching is the shared
 * {@link BindingRule}, the one the sniffer uses to explain captured messages from the management API's bindings.
 */
final class Binding {
    /** The most {@code #} words a topic binding key may have from RabbitMQ 4.3 on (measured on 4.3.6). */
    static final int MAX_HASH_WORDS = 2;

    final String exchange;
    final MemoryQueue queue;
    final String key;
    final Map<String, Object> arguments;
    private final Map<String, Object> identityArgs;
    private final BindingRule rule;

    Binding(String exchange, ExchangeType type, MemoryQueue queue, String key, Map<String, Object> arguments) {
        this.exchange = exchange;
        this.queue = queue;
        this.key = key;
        this.rule = new BindingRule(exchange, type, queue.name, key, arguments);
        this.arguments = rule.arguments();
        Map<String, Object> norm = new TreeMap<>();
        this.arguments.forEach((k, v) -> norm.put(k, AmqpValues.normalize(v)));
        this.identityArgs = norm;
    }

    /** From 4.3 a topic binding key with more than two {@code #} words is refused (406); earlier releases take it. */
    static void checkTopicKey(RabbitVersion version, String key) {
        if (!version.atLeast(RabbitVersion.V4_3)) {
            return;
        }
        int hashes = 0;
        for (String w : key.split("\\.", -1)) {
            if (w.equals("#")) {
                hashes++;
            }
        }
        if (hashes > MAX_HASH_WORDS) {
            throw AmqpErrors.preconditionFailed("Topic binding key '" + key + "' uses " + hashes
                    + " '#' wildcards, at most " + MAX_HASH_WORDS + " are allowed");
        }
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
        return rule.matches(routingKey, headers);
    }

    /** The routing decision with a human reason, as shown in the routing view. */
    BindingMatch judge(ExchangeType type, String routingKey, Map<String, Object> headers) {
        return rule.judge(routingKey, headers);
    }
}
