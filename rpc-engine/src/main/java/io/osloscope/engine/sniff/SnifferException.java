package io.osloscope.engine.sniff;

import io.osloscope.engine.error.MessagingException;

/** The sniffer could not start or continue; the message is one line a user can act on. */
public class SnifferException extends MessagingException {
    public SnifferException(String message) {
        super(message);
    }

    public SnifferException(String message, Throwable cause) {
        super(message, cause);
    }
}
