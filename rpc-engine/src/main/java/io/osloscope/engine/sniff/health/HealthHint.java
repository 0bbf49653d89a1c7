package io.osloscope.engine.sniff.health;

/**
 * One thing an operator should look at: what kind, about which queue/method/host, and a sentence. Every kind says in
 * one line why it matters ({@link #why()}) and what to do ({@link #action()}).
 */
public record HealthHint(Severity severity, Kind kind, String subject, String message) {
    /** INFO is for the record; WARNING and PROBLEM (critical) make {@code osloscope health} exit non-zero. */
    public enum Severity { INFO, WARNING, PROBLEM }

    public enum Kind {
        /** A server queue ({@code topic.host}) with no consumer: that service is down or stuck. */
        NO_CONSUMER("messages sent to that server wait until it comes back, and calls to it time out",
                "check the service on that host (systemctl status, its log); restart it"),
        /** A reply queue with no consumer: its caller is gone; the broker drops it at x-expires. */
        ORPHAN_REPLY_QUEUE("replies sent there are never read; harmless until many pile up",
                "nothing if it expires soon; else delete it after checking its caller is gone"),
        /** A fanout queue with no consumer: its server stopped without cleaning up. */
        ORPHAN_FANOUT_QUEUE("every fanout cast is copied into it and never read, so it grows until it expires",
                "delete it once its process is known gone (rabbitmqctl delete_queue NAME)"),
        /** A queue whose depth grew since the previous snapshot. */
        GROWING_BACKLOG("its consumers do not keep up; messages wait longer and may fill memory or disk",
                "add or fix consumers, or find who publishes too much"),
        /** Publishes the broker routed to no queue (firehose). */
        UNROUTABLE("those messages were dropped (or returned): nobody listens on that topic, or a reply queue vanished",
                "check that the service for that topic runs and that callers do not outlive their reply queues"),
        /** Calls that got no reply before their timeout. */
        TIMEOUTS("the caller raised MessagingTimeout", "look at the callee's log and the request queue's consumers"),
        /** A method or host much slower than usual. */
        LATENCY_OUTLIER("callers wait much longer than usual there", "check that host's load and the method's work"),
        /** Queue-manager queues of one host:process without consumer: kept for reuse until x-expires. */
        QUEUE_MANAGER_IDLE("kept for the next process of that name (oslo's queue manager), not orphans",
                "nothing, unless that process will not come back"),
        /** A reply queue (queue-manager or classic) close to its x-expires while calls still wait for replies there. */
        QUEUE_MANAGER_EXPIRY("when the broker drops it the pending replies become undeliverable and the calls time out",
                "bring its caller back, or raise x-expires (rabbit_transient_queues_ttl)"),
        /** A classic {@code reply_<uuid>} queue without consumer close to its x-expires while calls wait there. */
        REPLY_QUEUE_EXPIRY("when the broker drops it the pending replies become undeliverable and the calls time out",
                "the caller is gone or stuck: check it; its pending calls will fail"),
        /** A {@code <topic>_fanout} stream: its consumers and retention. */
        STREAM_FANOUT("fanout casts to that topic are read from this stream", "nothing unless it has no consumer"),
        /** A durable (persistent) queue, not oslo's reply or fanout, with no consumer. */
        NO_CONSUMER_PERSISTENT("a persistent queue nobody reads keeps every message until the disk fills",
                "start its consumer or delete the queue if it is left over"),
        /** Consumer counts that change between snapshots: consumers crash and come back. */
        CONSUMER_FLAPPING("consumers crash or reconnect; messages in flight are redelivered and calls may time out",
                "read the consumer service's log for crashes or lost heartbeats"),
        /** A dead-letter queue that grew between snapshots. */
        DEAD_LETTER_GROWTH("messages are being rejected, expired or dropped for length into it",
                "read a few dead-lettered messages (x-death header) to see why they were dead-lettered"),
        /** Many connections opened and closed between snapshots. */
        CONNECTION_CHURN("connections open and close all the time: costly for the broker, and a sign of crashing clients",
                "find the program in the connection names and why it reconnects (heartbeats, crashes)"),
        /** A queue redelivering a large share of what it delivers. */
        HIGH_REDELIVERY("messages go back to the queue again and again (nack/requeue, consumers dying mid-message)",
                "look for a message the consumer cannot handle (a poison message) or consumers that die"),
        /** A node's memory alarm: publishers are blocked. */
        MEMORY_ALARM("the broker blocks every publishing connection until memory falls; RPC stops",
                "drain or delete large queues, add memory, check vm_memory_high_watermark"),
        /** A node's free-disk alarm: publishers are blocked. */
        DISK_ALARM("the broker blocks every publishing connection until disk space is freed; RPC stops",
                "free disk space on the node, drain queues nobody reads, check disk_free_limit"),
        /** A stream reporting consumers it no longer lists. */
        STALE_STREAM_CONSUMERS("the consumer count of the stream is wrong; monitoring believes someone reads it",
                "nothing for oslo; restart the stream's leader or upgrade RabbitMQ to clear the count"),
        /** A compute whose server queue has no consumer and whose report_state updates stopped. */
        DEAD_COMPUTE("nova considers the compute down soon (service_down_time); new servers will not go there and "
                + "actions on its servers time out", "check nova-compute on that host, its log and its RabbitMQ "
                + "connection; restart it"),
        /** Calls answered with UnsupportedVersion: a version cap mismatch between caller and callee. */
        UNSUPPORTED_VERSION("the caller asks for an RPC version the callee does not speak (an upgrade half done)",
                "set [upgrade_levels] on the newer services, or finish upgrading the older ones"),
        /** Timeouts that share a method or a host. */
        TIMEOUT_CLUSTER("timeouts concentrated on one method or host point at that callee, not the network",
                "look at that host's service, or that method's callee, first");

        private final String why;
        private final String action;

        Kind(String why, String action) {
            this.why = why;
            this.action = action;
        }

        /** One line: why it matters. */
        public String why() {
            return why;
        }

        /** One line: what to do. */
        public String action() {
            return action;
        }

        /**
         * {@link #why()} in {@code language}: the English line is this enum's; other languages come from
         * {@code HealthTexts_<language>.properties} beside it ({@code <kind>.why}), English where one is missing.
         */
        public String why(java.util.Locale language) {
            return translated(language, "why", why);
        }

        /** {@link #action()} in {@code language}, as {@link #why(java.util.Locale)}. */
        public String action(java.util.Locale language) {
            return translated(language, "action", action);
        }

        private String translated(java.util.Locale language, String what, String english) {
            try {
                java.util.ResourceBundle b = java.util.ResourceBundle.getBundle(
                        "io.osloscope.engine.sniff.health.HealthTexts", language, HealthHint.class.getClassLoader(),
                        java.util.ResourceBundle.Control.getNoFallbackControl(
                                java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
                String key = wireName() + "." + what;
                return b.containsKey(key) ? b.getString(key) : english;
            } catch (java.util.MissingResourceException e) {
                return english;
            }
        }

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public String why() {
        return kind.why();
    }

    public String action() {
        return kind.action();
    }

    /** WARNING or PROBLEM. */
    public boolean actionable() {
        return severity != Severity.INFO;
    }
}
