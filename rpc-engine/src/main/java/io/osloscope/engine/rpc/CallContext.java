package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.InvalidTargetException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.error.RpcVersionCapException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.RpcVersions;
import io.osloscope.engine.wire.WireCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An immutable prepared client (oslo's {@code _CallContext}): a target plus timeout, version cap,
 * retry and call-monitor timeout. Each fluent method returns a new context. Thread-safe.
 *
 * <p>{@code call} blocks the calling thread until the final reply (at most {@code timeout});
 * {@code callAsync} returns at once and its future completes on a transport callback thread;
 * {@code cast} returns once the broker has confirmed the publish; {@code castAsync} returns once
 * the request is written and its future completes on the confirm. A call does not wait for its
 * request's confirm: the reply proves delivery, and a nack fails the call early. Delivery is at-most-once.
 * Errors: {@link MessagingTimeoutException}, {@link RemoteError} (the endpoint failed, including
 * remote {@code NoSuchMethod} / {@code UnsupportedVersion}), {@link InvalidTargetException},
 * {@link RpcVersionCapException}, {@link io.osloscope.engine.error.DeliveryFailureException},
 * {@link io.osloscope.engine.error.TransportConnectionException}.
 */
public final class CallContext {
    private final Transport transport;
    private final Target target;
    private final Duration timeout;
    private final String versionCap;
    private final Integer retry;
    private final Duration callMonitorTimeout;
    private final boolean atLeastOnce;

    CallContext(Transport transport, Target target, Duration timeout, String versionCap, Integer retry,
                Duration callMonitorTimeout) {
        this(transport, target, timeout, versionCap, retry, callMonitorTimeout, false);
    }

    private CallContext(Transport transport, Target target, Duration timeout, String versionCap, Integer retry,
                        Duration callMonitorTimeout, boolean atLeastOnce) {
        this.atLeastOnce = atLeastOnce;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.target = Objects.requireNonNull(target, "target");
        this.timeout = timeout == null ? RpcClient.DEFAULT_TIMEOUT : timeout;
        this.versionCap = versionCap;
        this.retry = retry;
        this.callMonitorTimeout = callMonitorTimeout;
        if (this.timeout.isNegative() || this.timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + this.timeout);
        }
        RpcVersions.check(target.version());
    }

    public Target target() {
        return target;
    }

    public Duration timeout() {
        return timeout;
    }

    public String versionCap() {
        return versionCap;
    }

    public Integer retry() {
        return retry;
    }

    public Duration callMonitorTimeout() {
        return callMonitorTimeout;
    }

    private CallContext with(Target t) {
        return new CallContext(transport, t, timeout, versionCap, retry, callMonitorTimeout, atLeastOnce);
    }

    public CallContext exchange(String v) {
        return with(target.withExchange(v));
    }

    public CallContext topic(String v) {
        return with(target.withTopic(v));
    }

    public CallContext server(String v) {
        return with(target.withServer(v));
    }

    public CallContext fanout(boolean v) {
        return with(target.withFanout(v));
    }

    public CallContext namespace(String v) {
        return with(target.withNamespace(v));
    }

    /** A new context for version {@code X.Y[.Z]}; a malformed version fails as in oslo. */
    public CallContext version(String v) {
        return with(target.withVersion(v));
    }

    public CallContext timeout(Duration v) {
        return new CallContext(transport, target, v, versionCap, retry, callMonitorTimeout, atLeastOnce);
    }

    public CallContext versionCap(String v) {
        return new CallContext(transport, target, timeout, v, retry, callMonitorTimeout, atLeastOnce);
    }

    /** Connection/publish retries: null or negative = until the timeout, 0 = none, N = N times. */
    public CallContext retry(int v) {
        return new CallContext(transport, target, timeout, versionCap, v, callMonitorTimeout, atLeastOnce);
    }

    /** Fail a call when no reply or heartbeat arrives for this long; sent as {@code _timeout} in whole seconds. */
    public CallContext callMonitorTimeout(Duration v) {
        return new CallContext(transport, target, timeout, versionCap, retry, v, atLeastOnce);
    }

    /**
     * oslo's {@code TransportOptions(at_least_once=True)}: topic sends are published mandatory, so a
     * request no queue receives fails fast with {@link io.osloscope.engine.error.DeliveryFailureException}
     * ({@code MessageUndeliverable}) instead of timing out.
     */
    public CallContext atLeastOnce(boolean v) {
        return new CallContext(transport, target, timeout, versionCap, retry, callMonitorTimeout, v);
    }

    public boolean atLeastOnce() {
        return atLeastOnce;
    }

    /** True when no version cap is set, else whether {@code version} is compatible with it. */
    public boolean canSendVersion(String version) {
        return versionCap == null || RpcVersions.isCompatible(versionCap, version);
    }

    /** Sends a call and blocks for its result (JSON null for a method returning nothing). */
    public JsonNode call(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        String msgId = OsloDriver.hex();
        CompletableFuture<JsonNode> f = send(ctxt, method, args, msgId, true);
        try {
            try {
                return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // NOTE(call-timeout): this thread is the call's timer; the reply may still have won the race.
                transport.replyWaiters().expire(msgId, timeout);
                return f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transport.replyWaiters().fail(msgId, e);
            throw new MessagingException("interrupted while waiting for a reply to " + method);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Sends a call and converts its result with Jackson. */
    public <T> T call(Map<String, ?> ctxt, String method, Map<String, ?> args, Class<T> type) {
        JsonNode r = call(ctxt, method, args);
        if (r == null || r.isNull()) {
            return null;
        }
        try {
            return WireCodec.mapper().treeToValue(r, type);
        } catch (Exception e) {
            throw new MessagingException("reply to " + method + " cannot be read as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends a call without blocking for the reply. Local errors (invalid target, version cap,
     * send failure) fail the returned future too.
     */
    public CompletableFuture<JsonNode> callAsync(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        CompletableFuture<JsonNode> raw = send(ctxt, method, args, OsloDriver.hex(), false);
        if (raw.isDone()) {
            return raw;
        }
        // NOTE(callback-thread): replies are read on the reply connection's I/O thread; user
        // continuations must not run there (a blocking one would stall every reply).
        CompletableFuture<JsonNode> out = new CompletableFuture<>();
        raw.whenComplete((result, error) -> transport.runCallback(() -> {
            if (error != null) {
                out.completeExceptionally(error);
            } else {
                out.complete(result);
            }
        }));
        return out;
    }

    private CompletableFuture<JsonNode> send(Map<String, ?> ctxt, String method, Map<String, ?> args, String msgId,
                                             boolean callerWaits) {
        EventHub hub = transport.events();
        try {
            transport.checkOpen();
            if (target.fanout()) {
                throw new InvalidTargetException("A call cannot be used with fanout:" + target);
            }
            checkSendable(method);
            ReplyWaiters waiters = transport.replyWaiters();
            Integer cmt = callMonitorTimeout == null ? null : (int) Math.max(1, callMonitorTimeout.toSeconds());
            RpcRequest request = new RpcRequest(method, argsTree(args), target.namespace(), target.version(), msgId,
                    waiters.queue(), true, cmt, OsloDriver.hex(), contextTree(ctxt));
            CompletableFuture<JsonNode> future = waiters.register(msgId, method, timeout, callMonitorTimeout,
                    callerWaits);
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcCallStarted(hub.nextSeq(), Instant.now(), "call", msgId, request.uniqueId(),
                        transport.driver().exchangeFor(target), target.topic(), target.server(), method, target.version(),
                        target.namespace(), timeout, requestId(ctxt)));
            }
            try {
                // NOTE(call-confirm): the call does not wait for its request's publisher confirm; the
                // reply proves delivery. A nack or a lost channel before the confirm fails it early.
                CompletableFuture<Void> sent = transport.driver().sendRequestAsync(target, request, timeout.toMillis(),
                        retryCount(), System.nanoTime() + timeout.toNanos(), atLeastOnce);
                if (!sent.isDone() || sent.isCompletedExceptionally()) {
                    sent.whenComplete((ok, error) -> {
                        if (error != null) {
                            Throwable cause = unwrap(error);
                            if (waiters.fail(msgId, cause)) {
                                hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), msgId, method,
                                        cause.getClass().getSimpleName(), cause.getMessage()));
                            }
                        }
                    });
                }
            } catch (RuntimeException e) {
                waiters.fail(msgId, e);
                hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), msgId, method,
                        e.getClass().getSimpleName(), e.getMessage()));
            }
            return future;
        } catch (RuntimeException e) {
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), msgId, method,
                    e.getClass().getSimpleName(), e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a cast (no reply); fanout targets reach every server of the topic. */
    public void cast(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        EventHub hub = transport.events();
        transport.checkOpen();
        String uniqueId = OsloDriver.hex();
        try {
            checkSendable(method);
            RpcRequest request = new RpcRequest(method, argsTree(args), target.namespace(), target.version(), null,
                    null, false, null, uniqueId, contextTree(ctxt));
            publishCastStarted(hub, uniqueId, method, ctxt);
            transport.driver().sendRequest(target, request, null, retryCount(), System.nanoTime() + timeout.toNanos(),
                    atLeastOnce);
        } catch (RuntimeException e) {
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), null, method,
                    e.getClass().getSimpleName(), e.getMessage()));
            throw e;
        }
    }

    /**
     * Sends a cast like {@link #cast} without waiting for the broker's publisher confirm: the wire
     * is the same. Blocks only while (re)connecting, as {@code cast} does. The future completes
     * once the broker confirmed the request, possibly on a broker I/O thread (dependents must not
     * block), and fails with {@link io.osloscope.engine.error.DeliveryFailureException} on a nack,
     * on the connection closing before the confirm, or, with {@link #atLeastOnce(boolean)}, when no
     * queue took it; local errors (invalid target, version cap, send failure) fail it too. Every
     * failure is also published as {@code RpcFailed}. Casts from one thread keep their order.
     */
    public CompletableFuture<Void> castAsync(Map<String, ?> ctxt, String method, Map<String, ?> args) {
        EventHub hub = transport.events();
        String uniqueId = OsloDriver.hex();
        try {
            transport.checkOpen();
            checkSendable(method);
            RpcRequest request = new RpcRequest(method, argsTree(args), target.namespace(), target.version(), null,
                    null, false, null, uniqueId, contextTree(ctxt));
            publishCastStarted(hub, uniqueId, method, ctxt);
            CompletableFuture<Void> sent = transport.driver().sendRequestAsync(target, request, null, retryCount(),
                    System.nanoTime() + timeout.toNanos(), atLeastOnce);
            if (sent.isDone() && !sent.isCompletedExceptionally()) {
                return sent;
            }
            return sent.whenComplete((ok, error) -> {
                if (error != null) {
                    Throwable cause = unwrap(error);
                    hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), null, method,
                            cause.getClass().getSimpleName(), cause.getMessage()));
                }
            });
        } catch (RuntimeException e) {
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), null, method,
                    e.getClass().getSimpleName(), e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
    }

    private void publishCastStarted(EventHub hub, String uniqueId, String method, Map<String, ?> ctxt) {
        if (hub.hasSubscribers()) {
            hub.publish(new RpcEvents.RpcCallStarted(hub.nextSeq(), Instant.now(), target.fanout() ? "fanout" : "cast",
                    null, uniqueId, target.fanout() ? target.topic() + "_fanout" : transport.driver().exchangeFor(target),
                    target.topic(), target.fanout() ? null : target.server(), method, target.version(),
                    target.namespace(), null, requestId(ctxt)));
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void checkSendable(String method) {
        Objects.requireNonNull(method, "method");
        if (target.topic() == null || target.topic().isEmpty()) {
            throw new InvalidTargetException("A topic is required to send:" + target);
        }
        if (versionCap != null && !RpcVersions.isCompatible(versionCap, target.version())) {
            throw new RpcVersionCapException(target.version(), versionCap);
        }
    }

    private int retryCount() {
        return retry == null ? -1 : retry;
    }

    private static ObjectNode argsTree(Map<String, ?> args) {
        if (args == null) {
            return WireCodec.mapper().createObjectNode();
        }
        JsonNode n = WireCodec.toTree(args);
        if (!n.isObject()) {
            throw new IllegalArgumentException("args must serialize to a JSON object");
        }
        return (ObjectNode) n;
    }

    private static Map<String, JsonNode> contextTree(Map<String, ?> ctxt) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (ctxt != null) {
            ctxt.forEach((k, v) -> out.put(k, WireCodec.toTree(v)));
        }
        return out;
    }

    private static String requestId(Map<String, ?> ctxt) {
        Object r = ctxt == null ? null : ctxt.get("request_id");
        return r == null ? null : r.toString();
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new MessagingException(String.valueOf(t.getMessage()), t);
    }

    @Override
    public String toString() {
        return "CallContext[" + target + ", timeout=" + timeout + (versionCap == null ? "" : ", cap=" + versionCap) + "]";
    }
}
