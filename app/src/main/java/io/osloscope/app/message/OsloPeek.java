package io.osloscope.app.message;

/**
 * The few fields of an oslo message the stream shows, read once per message off the FX thread.
 * {@code kind} is call, cast, reply, heartbeat, or "other" for a body that is not an oslo RPC.
 */
public record OsloPeek(String kind, String method, String version, String namespace, String msgId,
                       String requestId, String failureClass) {
    public static final OsloPeek OTHER = new OsloPeek("other", null, null, null, null, null, null);
}
