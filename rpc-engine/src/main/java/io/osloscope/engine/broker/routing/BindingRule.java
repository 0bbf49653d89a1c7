package io.osloscope.engine.broker.routing;

import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One binding's routing rule, as RabbitMQ applies it: direct (equal key), fanout (everything), topic
 * ({@link TopicMatcher}) and headers ({@code x-match} all/any and their {@code -with-x} forms). The same rule
 * routes the in-memory broker's publishes and explains a sniffed message from the management API's bindings.
 * Immutable and thread-safe.
 */
public final class BindingRule {
    private final String exchange;
    private final ExchangeType type;
    private final String destination;
    private final String key;
    private final Map<String, Object> arguments;
    private final TopicMatcher topic;

    public BindingRule(String exchange, ExchangeType type, String destination, String key,
                       Map<String, Object> arguments) {
        this.exchange = exchange;
        this.type = type;
        this.destination = destination;
        this.key = key == null ? "" : key;
        this.arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(arguments));
        this.topic = type == ExchangeType.TOPIC ? new TopicMatcher(this.key) : null;
    }

    /** The default exchange's implicit binding of {@code queue}: a routing key equal to its name reaches it. */
    public static BindingMatch defaultExchange(String queue) {
        return defaultExchange(queue, Locale.ROOT);
    }

    /** {@link #defaultExchange(String)} with its reason in {@code locale}. */
    public static BindingMatch defaultExchange(String queue, Locale locale) {
        return new BindingMatch("", queue, queue, true, RoutingTexts.get(locale, "default", queue));
    }

    public String exchange() {
        return exchange;
    }

    public ExchangeType type() {
        return type;
    }

    /** The queue bound. */
    public String destination() {
        return destination;
    }

    public String key() {
        return key;
    }

    /** Sorted by name, unmodifiable. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** True for a topic key with {@code *} or {@code #} words: it cannot be looked up by exact key. */
    public boolean wildcard() {
        if (type != ExchangeType.TOPIC) {
            return false;
        }
        for (String w : TopicMatcher.split(key)) {
            if (w.equals("*") || w.equals("#")) {
                return true;
            }
        }
        return false;
    }

    /** Fast routing decision, no explanation. */
    public boolean matches(String routingKey, Map<String, Object> headers) {
        return switch (type) {
            case DIRECT -> key.equals(routingKey);
            case FANOUT -> true;
            case TOPIC -> topic.matches(routingKey);
            case HEADERS -> headersMatch(headers, null);
        };
    }

    /** The routing decision with a human reason, as shown in the routing view. */
    public BindingMatch judge(String routingKey, Map<String, Object> headers) {
        return judge(routingKey, headers, Locale.ROOT);
    }

    /** {@link #judge(String, Map)} with its reason in {@code locale} ({@link RoutingTexts}; ROOT is English). */
    public BindingMatch judge(String routingKey, Map<String, Object> headers, Locale locale) {
        boolean matched;
        String reason;
        switch (type) {
            case DIRECT -> {
                matched = key.equals(routingKey);
                reason = RoutingTexts.get(locale, matched ? "direct.equal" : "direct.differ", routingKey, key);
            }
            case FANOUT -> {
                matched = true;
                reason = RoutingTexts.get(locale, "fanout");
            }
            case TOPIC -> {
                boolean[] m = new boolean[1];
                reason = topic.explain(routingKey, m, locale);
                matched = m[0];
            }
            default -> {
                List<String> why = new ArrayList<>();
                matched = headersMatch(headers, why, locale);
                reason = String.join(", ", why);
            }
        }
        return new BindingMatch(exchange, destination, key, matched, reason);
    }

    /**
     * RabbitMQ 3.10 headers matching: binding arguments starting with {@code x-} are ignored
     * (except with {@code all-with-x} / {@code any-with-x}, where only {@code x-match} is);
     * {@code x-match=any} needs one argument present with an equal value, otherwise (all) every
     * argument must be; an argument without value (void) only needs the header to be present.
     */
    private boolean headersMatch(Map<String, Object> headers, List<String> why) {
        return headersMatch(headers, why, Locale.ROOT);
    }

    private boolean headersMatch(Map<String, Object> headers, List<String> why, Locale locale) {
        String mode = AmqpValues.format(arguments.get("x-match"));
        boolean any = mode.startsWith("any");
        boolean withX = mode.endsWith("-with-x");
        boolean allOk = true;
        boolean anyOk = false;
        if (why != null) {
            why.add("x-match " + (withX ? mode : any ? "any" : "all"));
        }
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            String k = e.getKey();
            if (k.equals("x-match") || (!withX && k.startsWith("x-"))) {
                continue;
            }
            boolean present = headers != null && headers.containsKey(k);
            boolean ok = present && (e.getValue() == null || AmqpValues.sameValue(e.getValue(), headers.get(k)));
            allOk &= ok;
            anyOk |= ok;
            if (why != null) {
                String want = e.getValue() == null ? RoutingTexts.get(locale, "headers.present", k)
                        : k + "=" + AmqpValues.format(e.getValue());
                why.add(want + (ok ? " ✓" : present ? RoutingTexts.get(locale, "headers.is", AmqpValues.format(headers.get(k)))
                        : RoutingTexts.get(locale, "headers.missing")));
            }
        }
        if (why != null && why.size() == 1) {
            why.add(RoutingTexts.get(locale, any ? "headers.noneAny" : "headers.noneAll"));
        }
        return any ? anyOk : allOk;
    }
}
