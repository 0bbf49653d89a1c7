package io.osloscope.engine.wire;

/** The oslo wire key strings, verbatim. */
public final class OsloKeys {
    private OsloKeys() {
    }

    public static final String ENVELOPE_VERSION_KEY = "oslo.version";
    public static final String ENVELOPE_MESSAGE_KEY = "oslo.message";
    /** The envelope version oslo 14.0.3 writes ({@code _RPC_ENVELOPE_VERSION}). */
    public static final String ENVELOPE_VERSION = "2.0";

    public static final String METHOD = "method";
    public static final String ARGS = "args";
    public static final String NAMESPACE = "namespace";
    public static final String VERSION = "version";
    public static final String MSG_ID = "_msg_id";
    public static final String REPLY_Q = "_reply_q";
    public static final String TIMEOUT = "_timeout";
    public static final String UNIQUE_ID = "_unique_id";
    public static final String CONTEXT_PREFIX = "_context_";
    /** Added to the server-side context by {@code unpack_context}. */
    public static final String CLIENT_TIMEOUT = "client_timeout";

    public static final String RESULT = "result";
    public static final String FAILURE = "failure";
    public static final String ENDING = "ending";

    public static final String FAILURE_CLASS = "class";
    public static final String FAILURE_MODULE = "module";
    public static final String FAILURE_MESSAGE = "message";
    public static final String FAILURE_TB = "tb";
    public static final String FAILURE_ARGS = "args";
    public static final String FAILURE_KWARGS = "kwargs";

    /** The context entry operators grep logs for ({@code _context_request_id} on the wire). */
    public static final String REQUEST_ID = "request_id";
    public static final String CONTEXT_REQUEST_ID = CONTEXT_PREFIX + REQUEST_ID;
    /**
     * The request id of the first service a request entered ({@code _context_global_request_id}), set when a caller
     * passed {@code X-OpenStack-Request-ID} along; null otherwise.
     */
    public static final String GLOBAL_REQUEST_ID = "global_request_id";
    public static final String CONTEXT_GLOBAL_REQUEST_ID = CONTEXT_PREFIX + GLOBAL_REQUEST_ID;

    /** Notification keys (oslo's notifier, v1 bare or v2 enveloped). */
    public static final String EVENT_TYPE = "event_type";
    public static final String PUBLISHER_ID = "publisher_id";
    public static final String PRIORITY = "priority";
    public static final String PAYLOAD = "payload";
    public static final String MESSAGE_ID = "message_id";

    /** The AMQP header kombu sets on a compressed body. */
    public static final String COMPRESSION_HEADER = "compression";

    public static final String CONTENT_TYPE = "application/json";
    public static final String CONTENT_ENCODING = "utf-8";
    /** The reply-queue name prefix, followed by a uuid4 hex. */
    public static final String REPLY_QUEUE_PREFIX = "reply_";
    public static final String FANOUT_SUFFIX = "_fanout";
    /** oslo's ping method, served when ping is enabled. */
    public static final String PING_METHOD = "oslo_rpc_server_ping";
}
