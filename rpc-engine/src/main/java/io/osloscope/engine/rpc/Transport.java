package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.RpcEvents;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * oslo's transport: a broker plus the options that shape topology, shared by any number of
 * {@link RpcClient}s and {@link RpcServer}s. It owns one send connection (publisher confirms) and,
 * from the first call on, one reply queue with its listen connection. Thread-safe.
 *
 * <p>{@link #open(String)} accepts {@code memory://} (the JVM-wide in-memory broker),
 * {@code memory://NAME} (a named one) and {@code rabbit://user:pass@host:port[,host2:port2]/vhost?opt=val}
 * (see {@link TransportUrl}, {@link TransportOptions#QUERY_KEYS}). Closing the transport fails
 * waiting calls and closes its connections; a broker it opened from a rabbit URL is closed too.
 */
public final class Transport implements AutoCloseable {
    private static final AtomicInteger TIMER_IDS = new AtomicInteger();
    private static final AtomicInteger CALLBACK_POOLS = new AtomicInteger();

    private final Broker broker;
    private final boolean ownsBroker;
    private final TransportUrl url;
    private final TransportOptions options;
    private final OsloDriver driver;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.ExecutorService callbacks;
    private final Object replyLock = new Object();
    private volatile ReplyWaiters replyWaiters;
    private volatile boolean closed;

    private Transport(Broker broker, boolean ownsBroker, TransportUrl url, TransportOptions options) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.ownsBroker = ownsBroker;
        this.url = url;
        this.options = Objects.requireNonNull(options, "options");
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "osloscope-rpc-timer-" + TIMER_IDS.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        int id = CALLBACK_POOLS.incrementAndGet();
        AtomicInteger callbackThreads = new AtomicInteger();
        this.callbacks = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread th = new Thread(r, "osloscope-rpc-callback-" + id + "-" + callbackThreads.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        this.driver = new OsloDriver(broker, options, timer, (replyQ, uniqueId) -> {
            EventHub hub = broker.events();
            hub.publish(new RpcEvents.RpcFailed(hub.nextSeq(), java.time.Instant.now(), null, null,
                    "MessageUndeliverable", "reply queue " + replyQ + " did not come back within "
                    + options.missingReplyQueueRetry().toMillis() + " ms; reply dropped and queue ignored for 60 s"));
        });
        driver.onRequestReturned((msgId, where) -> {
            ReplyWaiters w = replyWaiters;
            if (w != null) {
                w.fail(msgId, new io.osloscope.engine.error.DeliveryFailureException("MessageUndeliverable: no queue is bound to "
                        + where + " (call sent with at-least-once)"));
            }
        });
    }

    /** Opens a transport with control exchange {@code openstack}. Throws {@link TransportConnectionException} or {@link MessagingException} (bad URL). */
    public static Transport open(String url) {
        return open(url, TransportOptions.DEFAULT_CONTROL_EXCHANGE);
    }

    /** Opens a transport with the given control exchange (nova uses {@code nova}); URL query options apply on top. */
    public static Transport open(String url, String controlExchange) {
        TransportUrl parsed = TransportUrl.parse(url);
        TransportOptions options = TransportOptions.defaults().withControlExchange(controlExchange)
                .withQuery(parsed.query());
        return open(parsed, options);
    }

    /** Opens a transport from a parsed URL and explicit options (the URL's query is not applied again). */
    public static Transport open(TransportUrl url, TransportOptions options) {
        if (url.isMemory()) {
            return new Transport(Brokers.memory(url.memoryName(), url.memoryVersion()), false, url, options);
        }
        Broker broker = Brokers.rabbit(url, options);
        Transport t = new Transport(broker, true, url, options);
        t.probe();
        return t;
    }

    /** A transport over a broker the caller owns (it is not closed with the transport). */
    public static Transport of(Broker broker, TransportOptions options) {
        TransportUrl url;
        try {
            url = TransportUrl.parse(broker.describe());
        } catch (RuntimeException e) {
            url = TransportUrl.parse("memory://");
        }
        return new Transport(broker, false, url, options);
    }

    /** Connects once so that a bad host or password fails here, with a one-line reason. */
    private void probe() {
        try {
            driver.openListenConnection().close();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Broker broker() {
        return broker;
    }

    /** The observation stream RPC events go to (the broker's hub). */
    public EventHub events() {
        return broker.events();
    }

    public String controlExchange() {
        return options.controlExchange();
    }

    /** The URL (passwords masked in its toString). */
    public TransportUrl url() {
        return url;
    }

    public TransportOptions options() {
        return options;
    }

    OsloDriver driver() {
        return driver;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The reply queue name if a call has been made, else null. */
    public String replyQueue() {
        ReplyWaiters w = replyWaiters;
        return w == null ? null : w.queue();
    }

    /** The transport's reply waiters, declaring the reply queue on first use (as oslo's {@code _get_reply_q}). */
    ReplyWaiters replyWaiters() {
        ReplyWaiters w = replyWaiters;
        if (w != null) {
            return w;
        }
        synchronized (replyLock) {
            if (closed) {
                throw new MessagingException("transport is closed");
            }
            if (replyWaiters == null) {
                replyWaiters = new ReplyWaiters(driver, timer, events());
            }
            return replyWaiters;
        }
    }

    /**
     * Runs a user-visible future's completion off the broker's I/O threads (callAsync); on the
     * calling thread once the transport is closing.
     */
    void runCallback(Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            completion.run();
        }
    }

    void checkOpen() {
        if (closed) {
            throw new MessagingException("transport is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes the transport and deletes its reply queue, if a call declared one. oslo leaves a reply queue to
     * expire (x-expires, 30 min by default) and {@link #close()} does the same; a one-shot caller such as the
     * {@code call} command uses this instead, so it leaves nothing behind on the broker.
     */
    public void closeAndDeleteReplyQueue() {
        close(true);
    }

    private void close(boolean deleteReplyQueue) {
        synchronized (replyLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            ReplyWaiters w = replyWaiters;
            if (w != null) {
                w.close(deleteReplyQueue);
            }
        } catch (RuntimeException ignored) {
            // NOTE(close): the connection may already be gone; closing must not fail.
        } finally {
            driver.close();
            timer.shutdownNow();
            callbacks.shutdown();
            if (ownsBroker) {
                broker.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Transport[" + url + ", exchange=" + options.controlExchange() + "]";
    }
}
