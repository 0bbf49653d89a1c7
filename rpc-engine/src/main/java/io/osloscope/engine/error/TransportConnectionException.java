package io.osloscope.engine.error;

/**
 * The broker could not be reached or refused the connection. The message is one line a user
 * can act on: "connection refused by 127.0.0.1:5672", "authentication failed for user 'guest' at ...",
 * "TLS handshake with host:5671 failed: ...".
 */
public class TransportConnectionException extends MessagingException {
    public TransportConnectionException(String message) {
        super(message);
    }

    public TransportConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
