package io.osloscope.engine.rpc;

import io.osloscope.engine.error.MessagingException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The oslo options that change topology or behaviour, with oslo 14.0.3's defaults. Each can be
 * set in the transport URL's query under its oslo name (see {@link #QUERY_KEYS}); unknown keys
 * are rejected.
 *
 * @param controlExchange        {@code control_exchange}: the default exchange of topic sends ("openstack")
 * @param durableQueues          {@code amqp_durable_queues}: durable control exchange and topic queues
 * @param autoDelete             {@code amqp_auto_delete}: auto-delete control exchange and topic queues
 * @param qosPrefetchCount       {@code rabbit_qos_prefetch_count}: prefetch of listen connections, 0 = none
 * @param transientQueuesTtl     {@code rabbit_transient_queues_ttl} in seconds: x-expires of reply and fanout queues
 * @param haQueues               {@code rabbit_ha_queues}: adds {@code x-ha-policy: all} to every queue
 * @param quorumQueues           {@code rabbit_quorum_queue}: topic queues become durable quorum queues
 * @param missingReplyQueueRetry {@code kombu_missing_consumer_retry_timeout}: how long a server retries a
 *                               reply whose queue is gone (every 0.25 s) before giving up on that queue
 * @param heartbeatSeconds       {@code heartbeat_timeout_threshold}: AMQP heartbeat requested (RabbitMQ only)
 * @param programName            first part of connection names {@code <program>:<pid>:<uuid>}
 * @param ssl                    {@code ssl}: TLS with the JVM's default trust store (RabbitMQ only)
 */
public record TransportOptions(String controlExchange, boolean durableQueues, boolean autoDelete,
                               int qosPrefetchCount, int transientQueuesTtl, boolean haQueues, boolean quorumQueues,
                               Duration missingReplyQueueRetry, int heartbeatSeconds, String programName,
                               boolean ssl) {

    public static final String DEFAULT_CONTROL_EXCHANGE = "openstack";
    public static final String DEFAULT_PROGRAM = "osloscope";

    /** The query keys understood in a transport URL, with what they set. */
    public static final Map<String, String> QUERY_KEYS;

    static {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("amqp_durable_queues", "durable control exchange and topic queues (bool)");
        k.put("amqp_auto_delete", "auto-delete control exchange and topic queues (bool)");
        k.put("rabbit_qos_prefetch_count", "prefetch of listening connections (int, 0 = unlimited)");
        k.put("rabbit_transient_queues_ttl", "x-expires of reply and fanout queues in seconds (int >= 1)");
        k.put("rabbit_ha_queues", "add x-ha-policy=all to queues (bool)");
        k.put("rabbit_quorum_queue", "topic queues as quorum queues (bool)");
        k.put("kombu_missing_consumer_retry_timeout", "seconds to retry replies to a missing reply queue (float)");
        k.put("heartbeat_timeout_threshold", "AMQP heartbeat in seconds (int, 0 = off)");
        k.put("ssl", "connect with TLS (bool)");
        k.put("program_name", "program part of connection names");
        QUERY_KEYS = java.util.Collections.unmodifiableMap(k);
    }

    public TransportOptions {
        Objects.requireNonNull(controlExchange, "controlExchange");
        if (qosPrefetchCount < 0) {
            throw new IllegalArgumentException("rabbit_qos_prefetch_count must be >= 0, got " + qosPrefetchCount);
        }
        if (transientQueuesTtl < 1) {
            throw new IllegalArgumentException("rabbit_transient_queues_ttl must be >= 1 s, got " + transientQueuesTtl);
        }
        if (haQueues && quorumQueues) {
            throw new IllegalArgumentException("rabbit_ha_queues and rabbit_quorum_queue cannot both be set");
        }
        missingReplyQueueRetry = missingReplyQueueRetry == null ? Duration.ofSeconds(60) : missingReplyQueueRetry;
        programName = programName == null || programName.isBlank() ? DEFAULT_PROGRAM : programName;
    }

    /** oslo's defaults with control exchange {@code openstack}. */
    public static TransportOptions defaults() {
        return new TransportOptions(DEFAULT_CONTROL_EXCHANGE, false, false, 0, 1800, false, false,
                Duration.ofSeconds(60), 60, DEFAULT_PROGRAM, false);
    }

    /** Durable flag of the control exchange and topic queues ({@code amqp_durable_queues or rabbit_quorum_queue}). */
    public boolean durable() {
        return durableQueues || quorumQueues;
    }

    public TransportOptions withControlExchange(String v) {
        return new TransportOptions(v, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl, haQueues,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withDurableQueues(boolean v) {
        return new TransportOptions(controlExchange, v, autoDelete, qosPrefetchCount, transientQueuesTtl, haQueues,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withAutoDelete(boolean v) {
        return new TransportOptions(controlExchange, durableQueues, v, qosPrefetchCount, transientQueuesTtl, haQueues,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withQosPrefetchCount(int v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, v, transientQueuesTtl, haQueues,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withTransientQueuesTtl(int seconds) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, seconds, haQueues,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withHaQueues(boolean v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl, v,
                quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withQuorumQueues(boolean v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl,
                haQueues, v, missingReplyQueueRetry, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withMissingReplyQueueRetry(Duration v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl,
                haQueues, quorumQueues, v, heartbeatSeconds, programName, ssl);
    }

    public TransportOptions withHeartbeatSeconds(int v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl,
                haQueues, quorumQueues, missingReplyQueueRetry, v, programName, ssl);
    }

    public TransportOptions withProgramName(String v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl,
                haQueues, quorumQueues, missingReplyQueueRetry, heartbeatSeconds, v, ssl);
    }

    public TransportOptions withSsl(boolean v) {
        return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount, transientQueuesTtl,
                haQueues, quorumQueues, missingReplyQueueRetry, heartbeatSeconds, programName, v);
    }

    /** These options overridden by a URL's query, as oslo's {@code ConfigOptsProxy} does; unknown keys fail. */
    public TransportOptions withQuery(Map<String, String> query) {
        TransportOptions o = this;
        for (Map.Entry<String, String> e : query.entrySet()) {
            String v = e.getValue();
            String key = e.getKey();
            o = switch (key) {
                case "amqp_durable_queues" -> o.withDurableQueues(bool(key, v));
                case "amqp_auto_delete" -> o.withAutoDelete(bool(key, v));
                case "rabbit_qos_prefetch_count" -> o.withQosPrefetchCount(integer(key, v));
                case "rabbit_transient_queues_ttl" -> o.withTransientQueuesTtl(integer(key, v));
                case "rabbit_ha_queues" -> o.withHaQueues(bool(key, v));
                case "rabbit_quorum_queue" -> o.withQuorumQueues(bool(key, v));
                case "kombu_missing_consumer_retry_timeout" ->
                        o.withMissingReplyQueueRetry(Duration.ofMillis(Math.round(number(key, v) * 1000)));
                case "heartbeat_timeout_threshold" -> o.withHeartbeatSeconds(integer(key, v));
                case "ssl" -> o.withSsl(bool(key, v));
                case "program_name" -> o.withProgramName(v);
                default -> throw new MessagingException("Unknown transport URL option '" + key
                        + "'; supported: " + String.join(", ", QUERY_KEYS.keySet()));
            };
        }
        return o;
    }

    /** oslo.config's boolean spelling: true/false, yes/no, on/off, 1/0 (any case). */
    static boolean bool(String key, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> throw new MessagingException("Transport URL option " + key + "=" + v + " is not a boolean");
        }
    }

    static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("Transport URL option " + key + "=" + v + " is not an integer");
        }
    }

    static double number(String key, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("Transport URL option " + key + "=" + v + " is not a number");
        }
    }
}
