package io.osloscope.engine.wire;

import io.osloscope.engine.error.MessagingException;

/**
 * A message oslo would refuse: a content type other than {@code application/json}, a body that is
 * not a JSON object, an envelope version not compatible with 2.0, a non-string
 * {@code oslo.message}, or a request without {@code method}. Receivers reject such messages
 * without requeue, as oslo does.
 */
public class WireFormatException extends MessagingException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
