package io.osloscope.engine.error;

/**
 * Server side: a compatible endpoint exists but none has the method (or the name starts with
 * {@code _}). Sent to the caller as oslo's {@code NoSuchMethod} failure (module
 * {@code oslo_messaging.rpc.dispatcher}), message {@code Endpoint does not support RPC method <m>}.
 */
public class NoSuchRpcMethodException extends MessagingException {
    public static final String REMOTE_CLASS = "NoSuchMethod";
    public static final String REMOTE_MODULE = "oslo_messaging.rpc.dispatcher";

    private final String method;

    public NoSuchRpcMethodException(String method) {
        super("Endpoint does not support RPC method " + method);
        this.method = method;
    }

    public String method() {
        return method;
    }
}
