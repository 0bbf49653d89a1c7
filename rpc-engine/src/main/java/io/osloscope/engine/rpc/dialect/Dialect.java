package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.rpc.TransportOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named sets of oslo.messaging rabbit-driver options, as deployment tools render them into the services' config
 * files. Each is its options under oslo's names on top of oslo's defaults, with where they come from. Options not
 * listed keep oslo's defaults (unchanged from 14.0.3 to 18.x).
 */
public enum Dialect {
    ZED("zed", "oslo.messaging's own defaults, as 14.0.3 (Zed) declares; also manual Debian trixie packages and"
            + " classic Charmed OpenStack: classic non-durable topic queues, reply_<uuid>, <topic>_fanout_<uuid>",
            Map.of()),
    KOLLA_2024_1("kolla-2024.1", "kolla-ansible 2024.1/2024.2 group_vars (om_enable_rabbitmq_quorum_queues: true,"
            + " queue manager, transient quorum and stream fanout off, om_rabbitmq_qos_prefetch_count 1)",
            opts("rabbit_quorum_queue", "true", "rabbit_qos_prefetch_count", "1")),
    KOLLA_2025_1("kolla-2025.1", "kolla-ansible 2025.1 and 2025.2 service templates (nova.conf.j2: use_queue_manager,"
            + " rabbit_quorum_queue, rabbit_transient_quorum_queue, rabbit_stream_fanout all true,"
            + " om_rabbitmq_qos_prefetch_count 1)",
            opts("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout",
                    "true", "use_queue_manager", "true", "rabbit_qos_prefetch_count", "1")),
    KOLLA_2026_1("kolla-2026.1", "kolla-ansible 2026.1 and master: as kolla-2025.1 with"
            + " om_rabbitmq_qos_prefetch_count 50",
            opts("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout",
                    "true", "use_queue_manager", "true", "rabbit_qos_prefetch_count", "50")),
    OSA_2024_1("osa-2024.1", "OpenStack-Ansible 2024.1 onward (oslo-messaging.yml and os_nova defaults: quorum,"
            + " transient quorum, stream fanout, prefetch 10; queue manager off for want of a lock_path)",
            opts("rabbit_quorum_queue", "true", "rabbit_transient_quorum_queue", "true", "rabbit_stream_fanout",
                    "true", "rabbit_qos_prefetch_count", "10")),
    HELM_2026("helm-2026", "openstack-helm since 2026-08 (RabbitMQ 4.3): amqp_durable_queues, transient quorum and"
            + " queue manager on; its rabbit_quorum_queues (plural) is no oslo option, so topic queues stay classic"
            + " durable",
            opts("amqp_durable_queues", "true", "rabbit_transient_quorum_queue", "true", "use_queue_manager", "true"));

    private final String id;
    private final String source;
    private final Map<String, String> options;

    Dialect(String id, String source, Map<String, String> options) {
        this.id = id;
        this.source = source;
        this.options = options;
    }

    private static Map<String, String> opts(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The name used on the command line, e.g. {@code kolla-2025.1}. */
    public String id() {
        return id;
    }

    /** Where these options come from. */
    public String source() {
        return source;
    }

    /** The options this dialect sets, under oslo's names (empty for {@link #ZED}). */
    public Map<String, String> options() {
        return options;
    }

    /** {@code base} with this dialect's options applied. */
    public TransportOptions applyTo(TransportOptions base) {
        return base.withQuery(options);
    }

    /** The dialect named {@code id} (case-insensitive), or null. */
    public static Dialect byId(String id) {
        String want = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (d.id.equals(want)) {
                return d;
            }
        }
        return null;
    }

    /** Every name accepted by {@code --dialect}, {@code auto} first. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>();
        out.add(DialectResolver.AUTO);
        for (Dialect d : values()) {
            out.add(d.id);
        }
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
