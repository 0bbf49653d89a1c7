package io.osloscope.engine.error;

/**
 * No reply arrived in time: the overall call timeout passed, or (with a call-monitor timeout) no
 * reply or heartbeat arrived for that long. Message as oslo's {@code MessagingTimeout}:
 * {@code Timed out waiting for a reply to message ID <msg_id>}.
 */
public class MessagingTimeoutException extends MessagingException {
    private final String msgId;

    public MessagingTimeoutException(String msgId, String message) {
        super(message);
        this.msgId = msgId;
    }

    /** The {@code _msg_id} of the call that timed out. */
    public String msgId() {
        return msgId;
    }
}
