package io.osloscope.engine.error;

/**
 * Server side: no endpoint's namespace and version accept the request. Sent to the caller as
 * oslo's {@code UnsupportedVersion} failure (module {@code oslo_messaging.rpc.dispatcher}), message
 * {@code Endpoint does not support RPC version <v>. Attempted method: <m>}.
 */
public class UnsupportedRpcVersionException extends MessagingException {
    public static final String REMOTE_CLASS = "UnsupportedVersion";
    public static final String REMOTE_MODULE = "oslo_messaging.rpc.dispatcher";

    private final String version;
    private final String method;

    public UnsupportedRpcVersionException(String version, String method) {
        super("Endpoint does not support RPC version " + version + ". Attempted method: " + method);
        this.version = version;
        this.method = method;
    }

    public String version() {
        return version;
    }

    public String method() {
        return method;
    }
}
