package io.osloscope.app.fire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * What the fire panel sends. {@code target} is topic, topic.server or fanout; {@code requestId} goes into the
 * context as {@code request_id}, so every message the request causes can be found and highlighted.
 */
public record FireRequest(TargetKind target, String exchange, String topic, String server, String version,
                          String namespace, String method, ObjectNode args, boolean call, Duration timeout,
                          String requestId) {
    public enum TargetKind {
        TOPIC("topic"), SERVER("topic.server"), FANOUT("fanout");

        private final String label;

        TargetKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The routing key the request will be published with. */
    public String routingKey() {
        return switch (target) {
            case TOPIC -> topic;
            case SERVER -> topic + "." + server;
            case FANOUT -> "";
        };
    }
}
