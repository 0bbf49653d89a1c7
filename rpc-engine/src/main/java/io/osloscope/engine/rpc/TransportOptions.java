package io.osloscope.engine.rpc;

import io.osloscope.engine.error.MessagingException;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The oslo options that change topology or behaviour, with oslo.messaging's defaults (unchanged from 14.0.3 to
 * 18.x: every modern switch is off by default). Each can be set under its oslo name (see {@link #QUERY_KEYS}) in
 * the transport URL's query or in {@code [oslo_messaging_rabbit]} of a config file; unknown URL keys are rejected.
 * Named sets of them are the dialects of {@link io.osloscope.engine.rpc.dialect}.
 *
 * @param controlExchange        {@code control_exchange}: the default exchange of topic sends ("openstack")
 * @param durableQueues          {@code amqp_durable_queues}: durable control exchange and topic queues
 * @param autoDelete             {@code amqp_auto_delete}: auto-delete control exchange and topic queues
 * @param qosPrefetchCount       {@code rabbit_qos_prefetch_count}: prefetch of listen connections, 0 = none
 * @param transientQueuesTtl     {@code rabbit_transient_queues_ttl} in seconds: x-expires of reply and fanout
 *                               queues (x-max-age of fanout streams); 0 = none (oslo 14.6+)
 * @param haQueues               {@code rabbit_ha_queues}: adds {@code x-ha-policy: all} to every queue
 * @param quorumQueues           {@code rabbit_quorum_queue}: topic queues become durable quorum queues
 * @param transientQuorumQueue   {@code rabbit_transient_quorum_queue} (14.7+): reply and fanout queues durable
 *                               quorum, fanout exchanges durable
 * @param streamFanout           {@code rabbit_stream_fanout} (14.7+): one stream {@code <topic>_fanout} per topic
 * @param useQueueManager        {@code use_queue_manager} (14.7+): reply and fanout queue names
 *                               {@code <hostname>:<processname>:<n>} instead of a uuid
 * @param hostname               {@code hostname}: first part of queue-manager names (default: this machine's)
 * @param processname            {@code processname}: second part of queue-manager names (default: program name)
 * @param quorumDeliveryLimit    {@code rabbit_quorum_delivery_limit}: {@code x-delivery-limit}, 0 = not sent
 * @param quorumMaxMemoryLength  {@code rabbit_quorum_max_memory_length}: {@code x-max-in-memory-length}, 0 = not sent
 * @param quorumMaxMemoryBytes   {@code rabbit_quorum_max_memory_bytes}: {@code x-max-in-memory-bytes}, 0 = not sent
 * @param directMandatoryFlag    {@code direct_mandatory_flag}: replies published mandatory (default true)
 * @param cancelOnFailover       {@code enable_cancel_on_failover}: consumers ask {@code x-cancel-on-ha-failover}
 * @param missingReplyQueueRetry {@code kombu_missing_consumer_retry_timeout}: how long a server retries a
 *                               reply whose queue is gone (every 0.25 s) before giving up on that queue
 * @param heartbeatSeconds       {@code heartbeat_timeout_threshold}: AMQP heartbeat requested (RabbitMQ only)
 * @param rpcResponseTimeout     {@code rpc_response_timeout} ({@code [DEFAULT]}): a call's default timeout
 * @param programName            first part of connection names {@code <program>:<pid>:<uuid>}
 * @param ssl                    {@code ssl}: TLS with the JVM's default trust store (RabbitMQ only)
 */
public record TransportOptions(String controlExchange, boolean durableQueues, boolean autoDelete,
                               int qosPrefetchCount, int transientQueuesTtl, boolean haQueues, boolean quorumQueues,
                               boolean transientQuorumQueue, boolean streamFanout, boolean useQueueManager,
                               String hostname, String processname, int quorumDeliveryLimit,
                               int quorumMaxMemoryLength, int quorumMaxMemoryBytes, boolean directMandatoryFlag,
                               boolean cancelOnFailover, Duration missingReplyQueueRetry, int heartbeatSeconds,
                               Duration rpcResponseTimeout, String programName, boolean ssl) {

    public static final String DEFAULT_CONTROL_EXCHANGE = "openstack";
    public static final String DEFAULT_PROGRAM = "osloscope";

    /** One option under its oslo name: what it sets and how a text value is applied. */
    private record Option(String help, BiConsumer<Builder, String> apply) {
    }

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    /** The option names understood in a transport URL's query (and {@code [oslo_messaging_rabbit]}), with what they set. */
    public static final Map<String, String> QUERY_KEYS;

    static {
        opt("amqp_durable_queues", "durable control exchange and topic queues (bool)",
                (b, v) -> b.durableQueues = bool("amqp_durable_queues", v));
        opt("amqp_auto_delete", "auto-delete control exchange and topic queues (bool)",
                (b, v) -> b.autoDelete = bool("amqp_auto_delete", v));
        opt("rabbit_qos_prefetch_count", "prefetch of listening connections (int, 0 = unlimited)",
                (b, v) -> b.qosPrefetchCount = integer("rabbit_qos_prefetch_count", v));
        opt("rabbit_transient_queues_ttl", "x-expires of reply and fanout queues in seconds (int, 0 = none)",
                (b, v) -> b.transientQueuesTtl = integer("rabbit_transient_queues_ttl", v));
        opt("rabbit_ha_queues", "add x-ha-policy=all to queues (bool)",
                (b, v) -> b.haQueues = bool("rabbit_ha_queues", v));
        opt("rabbit_quorum_queue", "topic queues as durable quorum queues (bool)",
                (b, v) -> b.quorumQueues = bool("rabbit_quorum_queue", v));
        opt("rabbit_transient_quorum_queue", "reply and fanout queues as durable quorum queues, durable fanout "
                + "exchanges (bool)", (b, v) -> b.transientQuorumQueue = bool("rabbit_transient_quorum_queue", v));
        opt("rabbit_stream_fanout", "one stream queue <topic>_fanout per fanout topic (bool)",
                (b, v) -> b.streamFanout = bool("rabbit_stream_fanout", v));
        opt("use_queue_manager", "reply/fanout queue names <hostname>:<processname>:<n> (bool)",
                (b, v) -> b.useQueueManager = bool("use_queue_manager", v));
        opt("hostname", "host part of queue-manager names (default: this machine's name)",
                (b, v) -> b.hostname = v);
        opt("processname", "process part of queue-manager names (default: the program name)",
                (b, v) -> b.processname = v);
        opt("rabbit_quorum_delivery_limit", "x-delivery-limit of quorum queues (int, 0 = not sent)",
                (b, v) -> b.quorumDeliveryLimit = integer("rabbit_quorum_delivery_limit", v));
        opt("rabbit_quorum_max_memory_length", "x-max-in-memory-length of quorum queues (int, 0 = not sent)",
                (b, v) -> b.quorumMaxMemoryLength = integer("rabbit_quorum_max_memory_length", v));
        opt("rabbit_quorum_max_memory_bytes", "x-max-in-memory-bytes of quorum queues (int, 0 = not sent)",
                (b, v) -> b.quorumMaxMemoryBytes = integer("rabbit_quorum_max_memory_bytes", v));
        opt("direct_mandatory_flag", "publish replies mandatory (bool, default true)",
                (b, v) -> b.directMandatoryFlag = bool("direct_mandatory_flag", v));
        opt("enable_cancel_on_failover", "consumers ask x-cancel-on-ha-failover (bool)",
                (b, v) -> b.cancelOnFailover = bool("enable_cancel_on_failover", v));
        opt("kombu_missing_consumer_retry_timeout", "seconds to retry replies to a missing reply queue (float)",
                (b, v) -> b.missingReplyQueueRetry = Duration.ofMillis(Math.round(
                        number("kombu_missing_consumer_retry_timeout", v) * 1000)));
        opt("heartbeat_timeout_threshold", "AMQP heartbeat in seconds (int, 0 = off)",
                (b, v) -> b.heartbeatSeconds = integer("heartbeat_timeout_threshold", v));
        opt("ssl", "connect with TLS (bool)", (b, v) -> b.ssl = bool("ssl", v));
        opt("program_name", "program part of connection names (Osloscope's own)", (b, v) -> b.programName = v);
        Map<String, String> k = new LinkedHashMap<>();
        OPTIONS.forEach((name, o) -> k.put(name, o.help()));
        QUERY_KEYS = Collections.unmodifiableMap(k);
    }

    private static void opt(String name, String help, BiConsumer<Builder, String> apply) {
        OPTIONS.put(name, new Option(help, apply));
    }

    public TransportOptions {
        Objects.requireNonNull(controlExchange, "controlExchange");
        if (qosPrefetchCount < 0) {
            throw new IllegalArgumentException("rabbit_qos_prefetch_count must be >= 0, got " + qosPrefetchCount);
        }
        if (transientQueuesTtl < 0) {
            throw new IllegalArgumentException("rabbit_transient_queues_ttl must be >= 0 s, got " + transientQueuesTtl);
        }
        if (quorumDeliveryLimit < 0 || quorumMaxMemoryLength < 0 || quorumMaxMemoryBytes < 0) {
            throw new IllegalArgumentException("rabbit_quorum_delivery_limit and rabbit_quorum_max_memory_* must be >= 0");
        }
        // The checks and reasons of oslo.messaging's impl_rabbit (RuntimeError "Configuration Error: ...").
        if (haQueues && quorumQueues) {
            throw new IllegalArgumentException("rabbit_quorum_queue and rabbit_ha_queues both enabled, queue type is"
                    + " quorum or HA (mirrored) not both");
        }
        if (streamFanout && qosPrefetchCount <= 0) {
            throw new IllegalArgumentException("rabbit_stream_fanout need rabbit_qos_prefetch_count to be set to a"
                    + " value greater than 0.");
        }
        if (streamFanout && !transientQuorumQueue) {
            throw new IllegalArgumentException("rabbit_stream_fanout need rabbit_transient_quorum_queue to be set to"
                    + " true.");
        }
        missingReplyQueueRetry = missingReplyQueueRetry == null ? Duration.ofSeconds(60) : missingReplyQueueRetry;
        rpcResponseTimeout = rpcResponseTimeout == null ? Duration.ofSeconds(60) : rpcResponseTimeout;
        programName = programName == null || programName.isBlank() ? DEFAULT_PROGRAM : programName;
    }

    /** oslo's defaults with control exchange {@code openstack}. */
    public static TransportOptions defaults() {
        return new Builder().build();
    }

    /** Durable flag of the control exchange and topic queues ({@code amqp_durable_queues or rabbit_quorum_queue}). */
    public boolean durable() {
        return durableQueues || quorumQueues;
    }

    /** The {@code hostname} option, or this machine's name as oslo's {@code socket.gethostname()}. */
    public String effectiveHostname() {
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    /** The {@code processname} option, or the program name (oslo: {@code basename(sys.argv[0])}). */
    public String effectiveProcessname() {
        return processname != null && !processname.isBlank() ? processname : programName;
    }

    public TransportOptions withControlExchange(String v) {
        return edit(b -> b.controlExchange = v);
    }

    public TransportOptions withDurableQueues(boolean v) {
        return edit(b -> b.durableQueues = v);
    }

    public TransportOptions withAutoDelete(boolean v) {
        return edit(b -> b.autoDelete = v);
    }

    public TransportOptions withQosPrefetchCount(int v) {
        return edit(b -> b.qosPrefetchCount = v);
    }

    public TransportOptions withTransientQueuesTtl(int seconds) {
        return edit(b -> b.transientQueuesTtl = seconds);
    }

    public TransportOptions withHaQueues(boolean v) {
        return edit(b -> b.haQueues = v);
    }

    public TransportOptions withQuorumQueues(boolean v) {
        return edit(b -> b.quorumQueues = v);
    }

    public TransportOptions withMissingReplyQueueRetry(Duration v) {
        return edit(b -> b.missingReplyQueueRetry = v);
    }

    public TransportOptions withHeartbeatSeconds(int v) {
        return edit(b -> b.heartbeatSeconds = v);
    }

    public TransportOptions withRpcResponseTimeout(Duration v) {
        return edit(b -> b.rpcResponseTimeout = v);
    }

    public TransportOptions withProgramName(String v) {
        return edit(b -> b.programName = v);
    }

    public TransportOptions withSsl(boolean v) {
        return edit(b -> b.ssl = v);
    }

    /** This set with one option changed by its oslo name, e.g. {@code ("rabbit_stream_fanout", "true")}. */
    public TransportOptions with(String osloName, String value) {
        return withAll(Map.of(osloName, value));
    }

    /**
     * These options overridden by a URL's query, as oslo's {@code ConfigOptsProxy} does; unknown keys fail with
     * the supported list. The combination is checked once, after all of them are applied.
     */
    public TransportOptions withQuery(Map<String, String> query) {
        return withAll(query);
    }

    private TransportOptions withAll(Map<String, String> values) {
        Builder b = new Builder(this);
        for (Map.Entry<String, String> e : values.entrySet()) {
            Option o = OPTIONS.get(e.getKey());
            if (o == null) {
                throw new MessagingException("Unknown transport URL option '" + e.getKey()
                        + "'; supported: " + String.join(", ", QUERY_KEYS.keySet()));
            }
            o.apply().accept(b, e.getValue());
        }
        return b.buildChecked();
    }

    /** True when {@code osloName} is one of {@link #QUERY_KEYS}. */
    public static boolean isOption(String osloName) {
        return OPTIONS.containsKey(osloName);
    }

    private TransportOptions edit(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable copy of every field, for the withers. */
    private static final class Builder {
        String controlExchange = DEFAULT_CONTROL_EXCHANGE;
        boolean durableQueues;
        boolean autoDelete;
        int qosPrefetchCount;
        int transientQueuesTtl = 1800;
        boolean haQueues;
        boolean quorumQueues;
        boolean transientQuorumQueue;
        boolean streamFanout;
        boolean useQueueManager;
        String hostname;
        String processname;
        int quorumDeliveryLimit;
        int quorumMaxMemoryLength;
        int quorumMaxMemoryBytes;
        boolean directMandatoryFlag = true;
        boolean cancelOnFailover;
        Duration missingReplyQueueRetry = Duration.ofSeconds(60);
        int heartbeatSeconds = 60;
        Duration rpcResponseTimeout = Duration.ofSeconds(60);
        String programName = DEFAULT_PROGRAM;
        boolean ssl;

        Builder() {
        }

        Builder(TransportOptions o) {
            controlExchange = o.controlExchange;
            durableQueues = o.durableQueues;
            autoDelete = o.autoDelete;
            qosPrefetchCount = o.qosPrefetchCount;
            transientQueuesTtl = o.transientQueuesTtl;
            haQueues = o.haQueues;
            quorumQueues = o.quorumQueues;
            transientQuorumQueue = o.transientQuorumQueue;
            streamFanout = o.streamFanout;
            useQueueManager = o.useQueueManager;
            hostname = o.hostname;
            processname = o.processname;
            quorumDeliveryLimit = o.quorumDeliveryLimit;
            quorumMaxMemoryLength = o.quorumMaxMemoryLength;
            quorumMaxMemoryBytes = o.quorumMaxMemoryBytes;
            directMandatoryFlag = o.directMandatoryFlag;
            cancelOnFailover = o.cancelOnFailover;
            missingReplyQueueRetry = o.missingReplyQueueRetry;
            heartbeatSeconds = o.heartbeatSeconds;
            rpcResponseTimeout = o.rpcResponseTimeout;
            programName = o.programName;
            ssl = o.ssl;
        }

        TransportOptions build() {
            return new TransportOptions(controlExchange, durableQueues, autoDelete, qosPrefetchCount,
                    transientQueuesTtl, haQueues, quorumQueues, transientQuorumQueue, streamFanout, useQueueManager,
                    hostname, processname, quorumDeliveryLimit, quorumMaxMemoryLength, quorumMaxMemoryBytes,
                    directMandatoryFlag, cancelOnFailover, missingReplyQueueRetry, heartbeatSeconds,
                    rpcResponseTimeout, programName, ssl);
        }

        /** As {@link #build()}, with a refused combination reported as oslo's configuration error. */
        TransportOptions buildChecked() {
            try {
                return build();
            } catch (IllegalArgumentException e) {
                throw new MessagingException("Configuration Error: " + e.getMessage(), e);
            }
        }
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
            default -> throw new MessagingException("Transport option " + key + "=" + v + " is not a boolean");
        }
    }

    static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("Transport option " + key + "=" + v + " is not an integer");
        }
    }

    static double number(String key, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new MessagingException("Transport option " + key + "=" + v + " is not a number");
        }
    }
}
