package io.osloscope.engine.broker;

import io.osloscope.engine.observe.BrokerEvents.BindingMatch;

import java.util.List;

/**
 * What a publish would do, without publishing: every binding of the exchange judged (matched or
 * not, and why) and the distinct queues reached. Empty {@code queues} means unroutable.
 */
public record RoutingExplanation(String exchange, String exchangeType, String routingKey,
                                 List<BindingMatch> bindings, List<String> queues) {
    public boolean unroutable() {
        return queues.isEmpty();
    }
}
