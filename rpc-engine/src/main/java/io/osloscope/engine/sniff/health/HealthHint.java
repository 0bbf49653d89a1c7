package io.osloscope.engine.sniff.health;

/** One thing an operator should look at: what kind, about which queue/method/host, and a sentence. */
public record HealthHint(Severity severity, Kind kind, String subject, String message) {
    public enum Severity { INFO, WARNING, PROBLEM }

    public enum Kind {
        /** A server queue ({@code topic.host}) with no consumer: that service is down or stuck. */
        NO_CONSUMER,
        /** A reply queue with no consumer: its caller is gone; the broker drops it at x-expires. */
        ORPHAN_REPLY_QUEUE,
        /** A fanout queue with no consumer: its server stopped without cleaning up. */
        ORPHAN_FANOUT_QUEUE,
        /** A queue whose depth grew since the previous snapshot. */
        GROWING_BACKLOG,
        /** Publishes the broker routed to no queue (firehose). */
        UNROUTABLE,
        /** Calls that got no reply before their timeout. */
        TIMEOUTS,
        /** A method or host much slower than usual. */
        LATENCY_OUTLIER,
        /** Queue-manager queues of one host:process without consumer: kept for reuse until x-expires. */
        QUEUE_MANAGER_IDLE,
        /** A queue-manager reply queue close to its x-expires while calls still wait for replies there. */
        QUEUE_MANAGER_EXPIRY,
        /** A {@code <topic>_fanout} stream: its consumers and retention. */
        STREAM_FANOUT
    }
}
