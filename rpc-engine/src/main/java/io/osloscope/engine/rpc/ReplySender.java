package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.error.DeliveryFailureException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.wire.RpcReply;
import io.osloscope.engine.wire.WireCodec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * How replies travel (wire doc section 5), for {@link OsloDriver}: published mandatory to the default exchange on the
 * transport's send connection, a returned reply published again until {@link TransportOptions#missingReplyQueueRetry()}
 * runs out, and reply queues given up on remembered for a while (oslo's {@code ObsoleteReplyQueuesCache}).
 * Thread-safe.
 */
final class ReplySender {
    private static final long REPLY_RETRY_INTERVAL_MS = 250;
    private static final long OBSOLETE_TTL_MS = 60_000;
    private static final int OBSOLETE_MAX = 200;

    private final TransportOptions options;
    private final Supplier<BrokerConnection> sendConnection;
    private final ScheduledExecutorService timer;
    private final BiConsumer<String, String> undeliverable;
    /** Returned replies being retried: routing key + "|" + _unique_id -> first return (nanoTime). */
    private final Map<String, Long> returnedSince = new ConcurrentHashMap<>();
    /** Reply queues given up on, with the time they were given up (oslo's ObsoleteReplyQueuesCache). */
    private final Map<String, Long> obsoleteReplyQueues = new LinkedHashMap<>();

    /**
     * @param sendConnection the transport's send connection, (re)opened on demand
     * @param undeliverable  told (reply queue, _unique_id) when a reply is given up on; runs on a broker thread
     */
    ReplySender(TransportOptions options, Supplier<BrokerConnection> sendConnection, ScheduledExecutorService timer,
                BiConsumer<String, String> undeliverable) {
        this.options = options;
        this.sendConnection = sendConnection;
        this.timer = timer;
        this.undeliverable = undeliverable;
    }

    /**
     * Publishes a reply (or heartbeat) to the default exchange with key {@code replyQ}, mandatory.
     * If it comes back unroutable, it is published again every 0.25 s (in the background, on the
     * transport timer) for {@link TransportOptions#missingReplyQueueRetry()}; then the queue is
     * marked obsolete for 60 s and this and later replies to it are dropped (oslo's
     * {@code ObsoleteReplyQueuesCache}).
     *
     * <p>Does not wait for the publisher confirm: the caller's reply consumer proves delivery.
     * Blocks only while (re)connecting (retrying every 0.25 s for the same period). A connection
     * lost before the confirm makes the reply go again, in the background, until that period
     * ends; a nack or a later failure completes the returned future exceptionally
     * ({@link DeliveryFailureException}), possibly on a broker I/O thread.
     *
     * @return null when the reply queue is known to be obsolete and nothing was sent; otherwise
     *         the confirm's outcome
     */
    CompletableFuture<Void> send(String replyQ, RpcReply reply) {
        if (isObsolete(replyQ)) {
            return null;
        }
        byte[] body = WireCodec.encodeReply(reply);
        long deadline = System.nanoTime() + options.missingReplyQueueRetry().toNanos();
        if (returnedSince.size() > 1000) {
            // NOTE(retry-state): a retried reply that finally got through leaves its entry; prune old ones.
            long horizon = System.nanoTime() - 2 * options.missingReplyQueueRetry().toNanos();
            returnedSince.values().removeIf(since -> since < horizon);
        }
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        CompletableFuture<Void> confirmed = publishReply(replyQ, body, deadline, true);
        if (confirmed.isDone() && !confirmed.isCompletedExceptionally()) {
            return confirmed;
        }
        confirmed.whenComplete((ok, error) -> replyConfirmed(replyQ, body, deadline, error, outcome));
        return outcome;
    }

    /** Hands the reply to the broker, retrying connection failures until {@code deadline}. */
    private CompletableFuture<Void> publishReply(String replyQ, byte[] body, long deadline, boolean mayBlock) {
        while (true) {
            try {
                return sendConnection.get().publishAsync("", replyQ, options.directMandatoryFlag(),
                        WireCodec.properties(null), body);
            } catch (TransportConnectionException e) {
                if (!mayBlock || System.nanoTime() >= deadline) {
                    throw new DeliveryFailureException("could not send reply to " + replyQ + ": " + e.getMessage(), e);
                }
                OsloDriver.sleep(REPLY_RETRY_INTERVAL_MS);
            }
        }
    }

    /** Runs where the confirm arrived (often the I/O thread): a retry goes to the timer, never blocks here. */
    private void replyConfirmed(String replyQ, byte[] body, long deadline, Throwable error,
                                CompletableFuture<Void> outcome) {
        if (error == null) {
            outcome.complete(null);
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (!(cause instanceof TransportConnectionException) || System.nanoTime() >= deadline) {
            outcome.completeExceptionally(OsloDriver.notConfirmed("could not send reply to " + replyQ, cause));
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    publishReply(replyQ, body, deadline, false)
                            .whenComplete((ok, again) -> replyConfirmed(replyQ, body, deadline, again, outcome));
                } catch (RuntimeException e) {
                    replyConfirmed(replyQ, body, deadline,
                            e.getCause() instanceof TransportConnectionException t ? t : e, outcome);
                }
            }, REPLY_RETRY_INTERVAL_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            outcome.completeExceptionally(OsloDriver.notConfirmed("could not send reply to " + replyQ, cause));
        }
    }

    /** A reply came back unroutable (the default exchange's return): publish it again later, or give up on its queue. */
    void onReturned(ReturnedMessage m) {
        String uniqueId;
        try {
            uniqueId = WireCodec.decodeReply(m.properties(), m.body()).uniqueId();
        } catch (RuntimeException e) {
            uniqueId = "";
        }
        String key = m.routingKey() + "|" + uniqueId;
        long now = System.nanoTime();
        long first = returnedSince.computeIfAbsent(key, k -> now);
        if (now - first >= options.missingReplyQueueRetry().toNanos() || isObsolete(m.routingKey())) {
            returnedSince.remove(key);
            markObsolete(m.routingKey());
            undeliverable.accept(m.routingKey(), uniqueId);
            return;
        }
        try {
            timer.schedule(() -> {
                if (isObsolete(m.routingKey())) {
                    returnedSince.remove(key);
                    return;
                }
                try {
                    sendConnection.get()
                            .publishAsync("", m.routingKey(), true, WireCodec.properties(null), m.body())
                            .whenComplete((ok, e) -> {
                                if (e != null) {
                                    returnedSince.remove(key);
                                    undeliverable.accept(m.routingKey(), uniqueIdOf(key));
                                }
                            });
                } catch (RuntimeException e) {
                    returnedSince.remove(key);
                    undeliverable.accept(m.routingKey(), uniqueIdOf(key));
                }
            }, REPLY_RETRY_INTERVAL_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            returnedSince.remove(key);
        }
    }

    private static String uniqueIdOf(String retryKey) {
        return retryKey.substring(retryKey.indexOf('|') + 1);
    }

    private boolean isObsolete(String replyQ) {
        synchronized (obsoleteReplyQueues) {
            Long since = obsoleteReplyQueues.get(replyQ);
            if (since == null) {
                return false;
            }
            if (System.currentTimeMillis() - since > OBSOLETE_TTL_MS) {
                obsoleteReplyQueues.remove(replyQ);
                return false;
            }
            return true;
        }
    }

    private void markObsolete(String replyQ) {
        synchronized (obsoleteReplyQueues) {
            obsoleteReplyQueues.remove(replyQ);
            obsoleteReplyQueues.put(replyQ, System.currentTimeMillis());
            while (obsoleteReplyQueues.size() > OBSOLETE_MAX) {
                obsoleteReplyQueues.remove(obsoleteReplyQueues.keySet().iterator().next());
            }
        }
    }
}
