package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * oslo's {@code RPCClient}: sends calls and casts to a {@link Target} over a {@link Transport}.
 * {@link #prepare()} gives an immutable {@link CallContext} to override target fields or options
 * per message. All calls of a transport share its single reply queue. Thread-safe; see
 * {@link CallContext} for blocking behaviour and errors.
 */
public final class RpcClient {
    /** oslo's {@code rpc_response_timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Client options: {@code timeout} (null = 60 s), {@code versionCap}, {@code retry}
     * (null = until timeout), {@code callMonitorTimeout} (null = off).
     */
    public record Options(Duration timeout, String versionCap, Integer retry, Duration callMonitorTimeout) {
        public static Options defaults() {
            return new Options(DEFAULT_TIMEOUT, null, null, null);
        }

        public Options withTimeout(Duration v) {
            return new Options(v, versionCap, retry, callMonitorTimeout);
        }

        public Options withVersionCap(String v) {
            return new Options(timeout, v, retry, callMonitorTimeout);
        }

        public Options withRetry(Integer v) {
            return new Options(timeout, versionCap, v, callMonitorTimeout);
        }

        public Options withCallMonitorTimeout(Duration v) {
            return new Options(timeout, versionCap, retry, v);
        }
    }

    private final Transport transport;
    private final CallContext base;

    public RpcClient(Transport transport, Target target) {
        this(transport, target, Options.defaults());
    }

    public RpcClient(Transport transport, Target target, Options options) {
        this.transport = transport;
        Options o = options == null ? Options.defaults() : options;
        this.base = new CallContext(transport, target, o.timeout(), o.versionCap(), o.retry(), o.callMonitorTimeout());
    }

    public Transport transport() {
        return transport;
    }

    public Target target() {
        return base.target();
    }

    /** The client's settings as a context to refine: {@code client.prepare().server("c1").version("6.1")}. */
    public CallContext prepare() {
        return base;
    }

    public JsonNode call(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        return base.call(ctxt, method, args);
    }

    public <T> T call(Map<String, ?> ctxt, String method, Map<String, ?> args, Class<T> type) {
        return base.call(ctxt, method, args, type);
    }

    public CompletableFuture<JsonNode> callAsync(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        return base.callAsync(ctxt, method, args);
    }

    public void cast(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        base.cast(ctxt, method, args);
    }

    /** See {@link CallContext#castAsync}: the cast's future completes on the broker's confirm. */
    public CompletableFuture<Void> castAsync(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        return base.castAsync(ctxt, method, args);
    }

    public boolean canSendVersion(String version) {
        return base.canSendVersion(version);
    }
}
