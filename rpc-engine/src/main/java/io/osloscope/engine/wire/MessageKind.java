package io.osloscope.engine.wire;

/**
 * What an oslo message is, judged from its exchange, routing key and body.
 * {@link #wireName()} is the name used in recordings and on the command line; a failure reply is a
 * {@code reply} there, told apart by its {@code failure} field.
 */
public enum MessageKind {
    /** A request with {@code _msg_id}: the caller waits for a reply. */
    CALL("call"),
    /** A request without {@code _msg_id} to a topic exchange. */
    CAST("cast"),
    /** A request published to a {@code <topic>_fanout} exchange. */
    FANOUT("fanout"),
    /** A final reply ({@code ending} true or absent) without failure. */
    REPLY("reply"),
    /** A call-monitor heartbeat: a reply with {@code ending} false and nothing in it. */
    HEARTBEAT("heartbeat"),
    /** A final reply carrying a remote exception. */
    FAILURE_REPLY("reply"),
    /** A notification (v2 enveloped or v1 bare): {@code event_type}, {@code publisher_id}, {@code priority}. */
    NOTIFICATION("notification"),
    /** Anything else: non-oslo JSON, non-JSON text, binary, unsupported envelope. */
    OTHER("other");

    private final String wireName;

    MessageKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the three request kinds. */
    public boolean isRequest() {
        return this == CALL || this == CAST || this == FANOUT;
    }

    /** True for replies of any sort, heartbeats included. */
    public boolean isReply() {
        return this == REPLY || this == HEARTBEAT || this == FAILURE_REPLY;
    }
}
