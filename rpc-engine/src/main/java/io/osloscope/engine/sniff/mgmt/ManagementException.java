package io.osloscope.engine.sniff.mgmt;

import io.osloscope.engine.error.MessagingException;

/** A management API call failed; {@link #getMessage()} is one line a user can act on. */
public final class ManagementException extends MessagingException {
    public enum Reason { UNREACHABLE, TLS, BAD_CREDENTIALS, FORBIDDEN, NOT_FOUND, TIMEOUT, HTTP, BAD_RESPONSE }

    private final Reason reason;
    private final int status;

    public ManagementException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
