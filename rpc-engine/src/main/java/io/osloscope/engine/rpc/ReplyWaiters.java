package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.NodeEvents;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RemoteFailure;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.WireCodec;
import io.osloscope.engine.wire.WireFormatException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one reply queue of a transport ({@code reply_<uuid hex>}, x-expires, consumer tag "1", on
 * its own listen connection) and the calls waiting on it, correlated by {@code _msg_id}. Replies
 * are acked on arrival; heartbeats restart a call's call-monitor timer; a legacy {@code {result}}
 * followed by {@code {ending: true}} returns the first result; unknown ids are ignored; replies
 * are not deduplicated (as oslo). Timeouts run on the transport's timer thread.
 */
final class ReplyWaiters implements AutoCloseable {

    private final class Waiter {
        final String msgId;
        final String method;
        final long startNanos;
        final Duration callMonitor;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        volatile JsonNode legacyResult;
        ScheduledFuture<?> overall;
        volatile ScheduledFuture<?> monitor;

        Waiter(String msgId, String method, Duration callMonitor) {
            this.msgId = msgId;
            this.method = method;
            this.callMonitor = callMonitor;
            this.startNanos = System.nanoTime();
        }
    }

    /** oslo's {@code kombu_reconnect_delay}: wait before re-declaring a reply queue the broker took away. */
    private static final long RESUBSCRIBE_DELAY_MS = 1000;

    private final String queue;
    private final OsloDriver driver;
    private final Object subscription = new Object();
    private BrokerConnection connection;
    private ConsumerHandle consumer;
    private volatile boolean closed;
    private final ConcurrentHashMap<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final EventHub hub;

    ReplyWaiters(OsloDriver driver, ScheduledExecutorService timer, EventHub hub) {
        this.timer = timer;
        this.hub = hub;
        this.driver = driver;
        this.connection = driver.openListenConnection();
        try {
            this.queue = driver.replyQueueName(connection);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        subscribe();
    }

    /** Declares the reply queue and consumes it, on a new listen connection when needed. */
    private void subscribe() {
        synchronized (subscription) {
            if (closed) {
                return;
            }
            if (connection == null || !connection.isOpen()) {
                connection = driver.openListenConnection();
            }
            try {
                driver.declare(connection, driver.replyQueueSpec(queue), OsloTopology.Role.REPLY_QUEUE);
                consumer = connection.consume(queue, driver.listenOptions("1", false), new DeliveryHandler() {
                            @Override
                            public void handle(Delivery d) {
                                onDelivery(d);
                            }

                            @Override
                            public void cancelled(String consumerTag, boolean byBroker) {
                                if (byBroker) {
                                    resubscribeLater();
                                }
                            }
                        });
            } catch (RuntimeException e) {
                connection.close();
                connection = null;
                throw e;
            }
        }
    }

    /**
     * The broker cancelled the reply consumer (queue deleted, connection lost): re-declare and
     * consume again after a delay, as oslo re-declares its queues on reconnect.
     */
    private void resubscribeLater() {
        if (closed) {
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    subscribe();
                } catch (RuntimeException e) {
                    hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), "reply queue " + queue,
                            e.getClass().getSimpleName(), e.getMessage()));
                    resubscribeLater();
                }
            }, RESUBSCRIBE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // NOTE(close): the transport is closing.
        }
    }

    /** The reply queue name sent as {@code _reply_q}. */
    String queue() {
        return queue;
    }

    /**
     * Registers a call before its request is sent; the future completes with the result or fails.
     * With {@code callerWaits} no timer is set for {@code timeout}: the blocking caller waits that
     * long itself and then calls {@link #expire} (this saves a timer-thread wake-up per call).
     */
    CompletableFuture<JsonNode> register(String msgId, String method, Duration timeout, Duration callMonitor,
                                         boolean callerWaits) {
        Waiter w = new Waiter(msgId, method, callMonitor);
        waiters.put(msgId, w);
        if (!callerWaits) {
            w.overall = timer.schedule(() -> timeOut(w, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (callMonitor != null) {
            w.monitor = timer.schedule(() -> timeOut(w, callMonitor), callMonitor.toNanos(), TimeUnit.NANOSECONDS);
        }
        return w.future;
    }

    /** Fails a registered call (e.g. the send failed); false when it had already ended. */
    boolean fail(String msgId, Throwable error) {
        Waiter w = waiters.remove(msgId);
        if (w != null) {
            cancelTimers(w);
            w.future.completeExceptionally(error);
            return true;
        }
        return false;
    }

    /** The caller's wait ran out: times the call out as the timer would have (no-op if it has ended). */
    void expire(String msgId, Duration timeout) {
        Waiter w = waiters.get(msgId);
        if (w != null) {
            timeOut(w, timeout);
        }
    }

    int pending() {
        return waiters.size();
    }

    private void timeOut(Waiter w, Duration waited) {
        if (waiters.remove(w.msgId, w)) {
            cancelTimers(w);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - w.startNanos);
            hub.publish(new RpcEvents.RpcTimedOut(hub.nextSeq(), Instant.now(), w.msgId, w.method, elapsed));
            w.future.completeExceptionally(new MessagingTimeoutException(w.msgId,
                    "Timed out waiting for a reply to message ID " + w.msgId));
        }
    }

    private void cancelTimers(Waiter w) {
        if (w.overall != null) {
            w.overall.cancel(false);
        }
        ScheduledFuture<?> m = w.monitor;
        if (m != null) {
            m.cancel(false);
        }
    }

    private void onDelivery(Delivery d) {
        RpcReply reply;
        try {
            reply = WireCodec.decodeReply(d.properties(), d.body());
        } catch (WireFormatException e) {
            d.reject(false);
            hub.publish(new NodeEvents.ListenerFailed(hub.nextSeq(), Instant.now(), "reply queue " + queue,
                    "WireFormatException", e.getMessage()));
            return;
        }
        d.ack();
        Waiter w = reply.msgId() == null ? null : waiters.get(reply.msgId());
        if (w == null) {
            return;
        }
        if (reply.failure() != null) {
            RemoteError err;
            try {
                RemoteFailure f = reply.remoteFailure();
                err = f.toRemoteError();
            } catch (RuntimeException e) {
                err = new RemoteError("UnreadableFailure", "", reply.failure(), null, null);
            }
            if (waiters.remove(w.msgId, w)) {
                cancelTimers(w);
                if (hub.hasSubscribers()) {
                    hub.publish(new RpcEvents.RpcReplyReceived(hub.nextSeq(), Instant.now(), w.msgId, w.method,
                            Duration.ofNanos(System.nanoTime() - w.startNanos), err.excType(), err.value()));
                }
                w.future.completeExceptionally(err);
            }
            return;
        }
        if (!reply.ending()) {
            if (!reply.result().isNull()) {
                w.legacyResult = reply.result();
            }
            restartMonitor(w);
            return;
        }
        JsonNode result = w.legacyResult != null && reply.result().isNull() ? w.legacyResult : reply.result();
        if (waiters.remove(w.msgId, w)) {
            cancelTimers(w);
            if (hub.hasSubscribers()) {
                hub.publish(new RpcEvents.RpcReplyReceived(hub.nextSeq(), Instant.now(), w.msgId, w.method,
                        Duration.ofNanos(System.nanoTime() - w.startNanos), null, null));
            }
            w.future.complete(result);
        }
    }

    private void restartMonitor(Waiter w) {
        if (w.callMonitor == null) {
            return;
        }
        ScheduledFuture<?> old = w.monitor;
        if (old != null) {
            old.cancel(false);
        }
        w.monitor = timer.schedule(() -> timeOut(w, w.callMonitor), w.callMonitor.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Fails every waiting call and closes the reply connection (the queue stays until x-expires, as oslo). */
    @Override
    public void close() {
        close(false);
    }

    /**
     * As {@link #close()}; with {@code deleteQueue} the reply queue is deleted too (best effort), for a
     * one-shot process that will never read it again. {@code closed} is set first, so the consumer's
     * cancellation does not re-declare the queue.
     */
    void close(boolean deleteQueue) {
        for (Waiter w : waiters.values()) {
            if (waiters.remove(w.msgId, w)) {
                cancelTimers(w);
                w.future.completeExceptionally(new MessagingException("transport closed while waiting for a reply to "
                        + w.msgId));
            }
        }
        synchronized (subscription) {
            closed = true;
            try {
                if (consumer != null) {
                    consumer.cancel();
                }
                if (deleteQueue && connection != null && connection.isOpen()) {
                    connection.deleteQueue(queue, false, false);
                }
            } catch (RuntimeException e) {
                // NOTE(close): the connection may already be gone; the queue then expires by its x-expires.
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
