package io.osloscope.app.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.observe.EngineEvent;

import java.util.List;
import java.util.Map;

/**
 * Everything the inspector shows about one message, decoded off the FX thread. Secrets are already masked.
 *
 * @param envelope the inner oslo message as a tree (null when the body is not oslo JSON)
 * @param reply    for a call: what came back (null otherwise or while waiting)
 * @param flow     every event of the message's request (same request id), for the sequence view
 */
public record MessageDetail(String kind, String headline, Map<String, String> properties, String raw,
                            JsonNode envelope, String envelopeJson, Map<String, String> ids,
                            Routing routing, Reply reply, List<EngineEvent> flow) {

    /**
     * Why the message went where it went; {@code queueFacts}: one line per reached quorum queue or stream (type,
     * delivery limit, returns and redeliveries; a stream's offsets), empty for classic queues.
     */
    public record Routing(String exchange, String exchangeType, String routingKey, List<BindingLine> bindings,
                          List<String> queues, List<String> consumers, String note, List<String> queueFacts) {
        public Routing {
            queueFacts = queueFacts == null ? List.of() : List.copyOf(queueFacts);
        }
    }

    public record BindingLine(String queue, String bindingKey, boolean matched, String reason) {
    }

    /** A call's outcome: result JSON, or the remote failure with its traceback; latency in ms (-1 unknown). */
    public record Reply(String status, String resultJson, String failureClass, String failureModule,
                       String failureMessage, String traceback, long latencyMs) {
    }
}
