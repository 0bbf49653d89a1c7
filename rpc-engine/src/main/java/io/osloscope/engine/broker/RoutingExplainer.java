package io.osloscope.engine.broker;

import java.util.Map;

/**
 * Capability: what publishing to an exchange would do, without publishing: every binding judged with its
 * reason, and the queues reached. The in-memory broker offers it; a real RabbitMQ does not say why. Ask with
 * {@code broker.capability(RoutingExplainer.class)}.
 */
public interface RoutingExplainer {
    /** @throws io.osloscope.engine.error.AmqpException 404 for a missing exchange */
    RoutingExplanation explainRouting(String exchange, String routingKey, Map<String, Object> headers);
}
