package io.osloscope.app.topology.model;

import io.osloscope.engine.wire.MessageSummary;

/** How a message is drawn: each kind has its own shape and label, not only its own colour. */
public enum MessageKind {
    CALL("call"), CAST("cast"), FANOUT("fanout"), REPLY("reply"), FAILURE("failure"), TIMEOUT("timeout"),
    OTHER("message"),
    /** An HTTP request or response between a REST client and an API service (nova-api), in front of the RPC. */
    REST("http");

    private final String label;

    MessageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** How the engine's classification of a message is drawn; heartbeats are replies, notifications "message". */
    public static MessageKind of(MessageSummary m) {
        if (m == null) {
            return OTHER;
        }
        return switch (m.kind()) {
            case CALL -> CALL;
            case CAST -> CAST;
            case FANOUT -> FANOUT;
            case REPLY, HEARTBEAT -> REPLY;
            case FAILURE_REPLY -> FAILURE;
            case NOTIFICATION, OTHER -> OTHER;
        };
    }

    /** CSS style class, e.g. {@code kind-call}. */
    public String styleClass() {
        return "kind-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
