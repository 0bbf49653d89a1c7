package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;
import io.osloscope.engine.wire.WireFormatException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-request half of {@link RpcServer}: a delivery is decoded on the I/O thread (what oslo refuses is rejected),
 * acknowledged before it runs (at-most-once), checked against the last {@link RpcServer#DUPLICATE_WINDOW}
 * {@code _unique_id}s, dispatched on the server's executor, and answered (with call-monitor heartbeats while a call
 * runs). The server owns the listen connection, the executors and recovery; it hands both executors in on each start.
 */
final class ServerRequests {
    private final Transport transport;
    private final Target target;
    private final RpcDispatcher dispatcher;
    private final EventHub hub;
    private final ArrayDeque<String> recentIds = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedQueue<Received> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean acking = new java.util.concurrent.atomic.AtomicBoolean();
    private ExecutorService executor;
    private ScheduledExecutorService heartbeats;

    ServerRequests(Transport transport, Target target, RpcDispatcher dispatcher) {
        this.transport = transport;
        this.target = target;
        this.dispatcher = dispatcher;
        this.hub = transport.events();
    }

    /** The executors of this run of the server (before it consumes). */
    void runOn(ExecutorService executor, ScheduledExecutorService heartbeats) {
        this.executor = executor;
        this.heartbeats = heartbeats;
    }

    /** Requests acked and not yet finished. */
    int inFlight() {
        return inFlight.get();
    }


    /** A request read and decoded on the I/O thread, waiting for {@link #acknowledgeAndDispatch()}. */
    private record Received(Delivery delivery, String kind, RpcRequest request) {
    }

    /**
     * On the listen connection's I/O thread: decode (rejecting what oslo rejects) and queue. Acking and
     * dispatching happen on the executor ({@link #acknowledgeAndDispatch()}), so this thread goes back to
     * reading at once and a burst of requests is acknowledged with one frame per queue.
     */
    void onDelivery(Delivery d, String kind) {
        RpcRequest request;
        try {
            request = WireCodec.decodeRequest(d.properties(), d.body());
        } catch (WireFormatException e) {
            d.reject(false);
            hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), "rpc server " + target.topic()
                    + "." + target.server() + " queue " + d.queue(), "WireFormatException", e.getMessage()));
            return;
        }
        received.add(new Received(d, kind, request));
        if (acking.compareAndSet(false, true)) {
            try {
                executor.execute(this::acknowledgeAndDispatch);
            } catch (RejectedExecutionException e) {
                // NOTE(stopping): not acked, so the broker gives these back to the next consumer
                received.clear();
                acking.set(false);
            }
        }
    }

    /**
     * One at a time, on an executor thread: takes every request queued so far, acknowledges them (one
     * multiple-ack per queue, still before any of them runs, as oslo acks before dispatch), drops duplicates
     * in arrival order, hands all but the last to other executor threads and runs the last itself, so a lone
     * request costs one hand-off, as before.
     */
    private void acknowledgeAndDispatch() {
        List<Received> batch = new ArrayList<>();
        for (Received r; (r = received.poll()) != null; ) {
            batch.add(r);
        }
        Map<String, Delivery> lastPerConsumer = new java.util.HashMap<>(4);
        for (Received r : batch) {
            lastPerConsumer.put(r.delivery().consumerTag(), r.delivery());
        }
        java.util.Set<String> unacked = new java.util.HashSet<>(2);
        for (Delivery last : lastPerConsumer.values()) {
            try {
                last.ackMultiple();
            } catch (RuntimeException e) {
                // NOTE(at-most-once): not acked means the broker delivers them again; running them too would run them twice
                unacked.add(last.consumerTag());
                publishFailure("rpc server " + target + " could not acknowledge requests from " + last.queue(), e);
            }
        }
        List<RpcRequest> accepted = new ArrayList<>(batch.size());
        for (Received r : batch) {
            if (unacked.contains(r.delivery().consumerTag())) {
                continue;
            }
            RpcRequest request = r.request();
            String k = "fanout".equals(r.kind()) ? "fanout" : request.isCall() ? "call" : "cast";
            if (isDuplicate(request.uniqueId())) {
                hub.publish(new RpcEvents.RpcDuplicateDropped(hub.nextSeq(), Instant.now(), request.uniqueId(),
                        target.server(), request.method()));
                continue;
            }
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcRequestReceived(hub.nextSeq(), Instant.now(), k, request.msgId(),
                        request.uniqueId(), r.delivery().queue(), target.server(), request.method(), request.version(),
                        request.namespace()));
            }
            inFlight.incrementAndGet();
            accepted.add(request);
        }
        acking.set(false);
        if (!received.isEmpty() && acking.compareAndSet(false, true)) {
            handOff(this::acknowledgeAndDispatch);
        }
        for (int i = 0; i < accepted.size(); i++) {
            RpcRequest request = accepted.get(i);
            Runnable run = () -> {
                try {
                    process(request);
                } finally {
                    inFlight.decrementAndGet();
                }
            };
            if (i == accepted.size() - 1) {
                run.run();
            } else {
                handOff(run);
            }
        }
    }

    /** To another executor thread; once the executor is shutting down, here (the request is acked already). */
    private void handOff(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private boolean isDuplicate(String uniqueId) {
        if (uniqueId == null) {
            return false;
        }
        synchronized (recentIds) {
            if (recentIds.contains(uniqueId)) {
                return true;
            }
            recentIds.addLast(uniqueId);
            if (recentIds.size() > RpcServer.DUPLICATE_WINDOW) {
                recentIds.removeFirst();
            }
            return false;
        }
    }

    private void process(RpcRequest request) {
        Map<String, Object> ctx = new java.util.LinkedHashMap<>();
        request.context().forEach((k, v) -> ctx.put(k, WireCodec.toJava(v)));
        ctx.put(OsloKeys.CLIENT_TIMEOUT, request.callMonitorTimeout());
        String version = request.version() == null ? "1.0" : request.version();
        RpcContext context = new RpcContext(ctx, request.msgId(), request.uniqueId(), request.method(),
                request.namespace(), version);
        Heartbeat hb = request.isCall() ? startHeartbeat(request) : null;
        RpcReply reply;
        try {
            RpcDispatcher.Selection sel = dispatcher.select(request.method(), request.namespace(), request.version());
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcDispatched(hub.nextSeq(), Instant.now(), request.msgId(), request.uniqueId(),
                        target.server(), sel.endpoint().name(), request.method()));
            }
            JsonNode result = dispatcher.invoke(sel, context, request.args());
            reply = request.isCall() ? RpcReply.success(result, request.msgId(), OsloDriver.hex()) : null;
        } catch (Throwable t) {
            if (t instanceof Error err && !(t instanceof StackOverflowError) && !(t instanceof AssertionError)) {
                if (hb != null) {
                    hb.stop();
                }
                throw err;
            }
            if (!request.isCall()) {
                hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), null, request.method(),
                        Failures.remoteClass(t), t.getMessage()));
            }
            reply = request.isCall() ? RpcReply.failure(Failures.toRemoteFailure(t), request.msgId(), OsloDriver.hex())
                    : null;
        }
        if (hb != null) {
            hb.stop();
        }
        if (request.isCall()) {
            sendReply(request, reply);
        }
    }

    /**
     * Hands the reply to the broker without waiting for its confirm (the caller's reply consumer
     * proves delivery), so this executor thread is free for the next request at once. A reply the
     * broker refuses or loses later is reported as {@code RpcFailed} from the confirm's thread.
     */
    private void sendReply(RpcRequest request, RpcReply reply) {
        try {
            java.util.concurrent.CompletableFuture<Void> confirmed = transport.driver().sendReply(request.replyQ(), reply);
            if (confirmed == null) {
                if (reply.ending()) {
                    hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(), request.method(),
                            "MessageUndeliverable", "reply queue " + request.replyQ() + " is gone; reply dropped"));
                }
                return;
            }
            String failureClass = reply.failure() == null ? null : reply.remoteFailure().className();
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcReplySent(hub.nextSeq(), Instant.now(), request.msgId(), target.server(),
                        reply.ending(), failureClass));
            }
            if (!confirmed.isDone() || confirmed.isCompletedExceptionally()) {
                confirmed.whenComplete((ok, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(),
                                request.method(), cause.getClass().getSimpleName(), cause.getMessage()));
                    }
                });
            }
        } catch (MessagingException e) {
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), Instant.now(), request.msgId(), request.method(),
                    e.getClass().getSimpleName(), e.getMessage()));
        }
    }

    /** Heartbeats every {@code _timeout/2} s while a call runs; none when {@code _timeout} is null or below 2. */
    private final class Heartbeat {
        private final ScheduledFuture<?> task;
        private final Object lock = new Object();
        private boolean stopped;

        Heartbeat(RpcRequest request, long intervalMs) {
            task = heartbeats.scheduleAtFixedRate(() -> {
                synchronized (lock) {
                    if (stopped) {
                        return;
                    }
                    sendReply(request, RpcReply.heartbeat(request.msgId(), OsloDriver.hex()));
                }
            }, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        }

        void stop() {
            task.cancel(false);
            synchronized (lock) {
                stopped = true;
            }
        }
    }

    private Heartbeat startHeartbeat(RpcRequest request) {
        Integer t = request.callMonitorTimeout();
        if (t == null || t < 2) {
            return null;
        }
        try {
            return new Heartbeat(request, t * 500L);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void publishFailure(String where, Throwable e) {
        hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), where, e.getClass().getSimpleName(),
                e.getMessage()));
    }
}
