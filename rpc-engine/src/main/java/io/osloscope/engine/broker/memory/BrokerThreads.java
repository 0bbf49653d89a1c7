package io.osloscope.engine.broker.memory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads of one in-memory broker: a cached pool of daemon workers for the consumers' serial actors and one
 * daemon timer for TTL, x-expires and the delivery gate's pacing. After {@link #shutdown()} work is dropped quietly:
 * there is nothing left to deliver to.
 */
final class BrokerThreads {
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    BrokerThreads() {
        AtomicLong threadIds = new AtomicLong();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "osloscope-memory-worker-" + threadIds.incrementAndGet()));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "osloscope-memory-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    void execute(Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            // broker closed: nothing left to deliver to
        }
    }

    ScheduledFuture<?> schedule(Runnable r, long delayNanos) {
        try {
            return timer.schedule(r, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long periodNanos) {
        try {
            return timer.scheduleAtFixedRate(r, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void shutdown() {
        timer.shutdownNow();
        workers.shutdown();
    }
}
