package io.osloscope.engine.wire;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where an oslo message went, in OpenStack's terms: the project ({@code nova}, {@code neutron}, {@code cinder}), the
 * service that serves the topic ({@code neutron-l3-agent}, {@code cinder-volume}), the topic and the server. The one
 * place that reads exchanges and routing keys that way; the pairing table, the sender directory, recordings and the
 * per-project tally all ask it.
 *
 * <p>oslo's routing key is {@code <topic>} or {@code <topic>.<server>}, and fanouts go to {@code <topic>_fanout}. Most
 * topics hold no dot, so the key splits at its first dot ({@code compute.cmp1.example.org}: server
 * {@code cmp1.example.org}). Two do: cinder's volume RPC API (3.6 and later) sends to topic
 * {@code cinder-volume.<host>@<backend>} and server {@code <host>}, so the key reads
 * {@code cinder-volume.cmp1@lvm.cmp1} (older clients and the volume service's own server use topic
 * {@code cinder-volume} and server {@code cmp1@lvm}); both are listed here as topic {@code cinder-volume}, server
 * {@code cmp1@lvm}, the backend a user knows. Neutron's versioned-object push topics carry the object's version
 * ({@code neutron-vo-Port-1.10}), which stays in the topic.
 *
 * <p>Notifications ({@code <topic>.<priority>}, e.g. {@code versioned_notifications.info}) have topic
 * {@code versioned_notifications}, no server, and the publisher's service; their project comes from the exchange
 * when it names one, else from the publisher ({@code volume.cmp1} on cinder's {@code openstack} exchange).
 *
 * @param project  {@code nova}, {@code neutron}, {@code cinder}, ... or null when nothing says
 * @param service  the binary that consumes the topic (for a notification: its publisher's service), or the topic
 * @param topic    the oslo topic as listed ({@code cinder-volume}, {@code q-agent-notifier-port-update})
 * @param server   the addressed server ({@code cmp1}, {@code cmp1@lvm}); null for a fanout, a bare topic or a
 *                 notification
 * @param fanout   true for a {@code <topic>_fanout} cast
 */
public record Destination(String project, String service, String topic, String server, boolean fanout) {
    private static final String CINDER_VOLUME = "cinder-volume";
    private static final String NEUTRON_VO = "neutron-vo-";
    private static final String AGENT_NOTIFIER = "q-agent-notifier-";
    private static final java.util.regex.Pattern VO_TOPIC =
            java.util.regex.Pattern.compile("(neutron-vo-[A-Za-z0-9_]+-\\d+\\.\\d+)(?:\\.(.+))?");
    private static final Set<String> PRIORITIES = Set.of("audit", "debug", "info", "warn", "warning", "error",
            "critical", "sample");

    /** Known topics: project and the binary consuming them. */
    private static final Map<String, String[]> TOPICS = Map.ofEntries(
            topic("compute", "nova", "nova-compute"), topic("compute-alt", "nova", "nova-compute"),
            topic("conductor", "nova", "nova-conductor"), topic("scheduler", "nova", "nova-scheduler"),
            topic("consoleauth", "nova", "nova-consoleauth"), topic("cert", "nova", "nova-cert"),
            topic("q-plugin", "neutron", "neutron-server"), topic("q-reports-plugin", "neutron", "neutron-server"),
            topic("q-l3-plugin", "neutron", "neutron-server"), topic("q-dhcp-notifer", "neutron", "neutron-server"),
            topic("q-metering-plugin", "neutron", "neutron-server"),
            topic("q-server-resource-versions", "neutron", "neutron-server"),
            topic("l3_agent", "neutron", "neutron-l3-agent"), topic("dhcp_agent", "neutron", "neutron-dhcp-agent"),
            topic("metering_agent", "neutron", "neutron-metering-agent"),
            topic(CINDER_VOLUME, "cinder", "cinder-volume"), topic("cinder-scheduler", "cinder", "cinder-scheduler"),
            topic("cinder-backup", "cinder", "cinder-backup"));

    /** Notification publishers ({@code <service>.<host>} or {@code <binary>:<host>}) whose project they name. */
    private static final Map<String, String> PUBLISHERS = Map.of("compute", "nova", "network", "neutron",
            "volume", "cinder", "snapshot", "cinder", "backup", "cinder", "consistencygroup", "cinder",
            "group", "cinder", "scheduler", "nova");

    private static Map.Entry<String, String[]> topic(String topic, String project, String binary) {
        return Map.entry(topic, new String[]{project, binary});
    }

    /** The listed topic and server of a routing key sent to a topic exchange; index 1 null when none. */
    public static String[] topicAndServer(String routingKey) {
        if (routingKey == null || routingKey.isEmpty()) {
            return new String[]{routingKey, null};
        }
        if (routingKey.startsWith(CINDER_VOLUME + ".")) {
            String rest = routingKey.substring(CINDER_VOLUME.length() + 1);
            int at = rest.indexOf('@');
            if (at > 0) {
                String host = rest.substring(0, at);
                if (rest.endsWith("." + host) && rest.length() > 2 * host.length() + 2) {
                    // topic cinder-volume.<host>@<backend>, server <host>
                    return new String[]{CINDER_VOLUME, rest.substring(0, rest.length() - host.length() - 1)};
                }
            }
            return new String[]{CINDER_VOLUME, rest};
        }
        if (routingKey.startsWith(NEUTRON_VO)) {
            // neutron-vo-<Type>-<major>.<minor>: the version's dot is part of the topic
            java.util.regex.Matcher m = VO_TOPIC.matcher(routingKey);
            if (m.matches()) {
                return new String[]{m.group(1), m.group(2)};
            }
        }
        int dot = routingKey.indexOf('.');
        return dot <= 0 ? new String[]{routingKey, null}
                : new String[]{routingKey.substring(0, dot), routingKey.substring(dot + 1)};
    }

    /**
     * Where a request or notification went. {@code notification} (null for RPC) supplies the publisher; replies
     * (sent to the default exchange) have no destination of their own: null.
     */
    public static Destination of(String exchange, String routingKey, MessageKind kind, NotificationInfo notification) {
        if (exchange == null || exchange.isEmpty()) {
            return null;
        }
        if (exchange.endsWith(OsloKeys.FANOUT_SUFFIX)) {
            String topic = exchange.substring(0, exchange.length() - OsloKeys.FANOUT_SUFFIX.length());
            return new Destination(projectOf(null, topic), serviceOf(topic), topic, null, true);
        }
        if (kind == MessageKind.NOTIFICATION || notification != null) {
            return notification(exchange, routingKey, notification);
        }
        String[] ts = topicAndServer(routingKey);
        return new Destination(projectOf(exchange, ts[0]), serviceOf(ts[0]), ts[0], ts[1], false);
    }

    /** A call's destination from what the pairing table keeps of it (exchange, topic, server). */
    public static Destination ofCall(String exchange, String topic, String server) {
        if (topic == null) {
            return null;
        }
        boolean fanout = exchange != null && exchange.endsWith(OsloKeys.FANOUT_SUFFIX);
        return new Destination(projectOf(fanout ? null : exchange, topic), serviceOf(topic), topic, server, fanout);
    }

    private static Destination notification(String exchange, String routingKey, NotificationInfo n) {
        String topic = routingKey;
        int dot = routingKey == null ? -1 : routingKey.lastIndexOf('.');
        if (dot > 0 && PRIORITIES.contains(routingKey.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            topic = routingKey.substring(0, dot);
        }
        Sender publisher = n == null ? null : n.publisher();
        String service = publisher == null ? null : publisher.service();
        String project = ownExchange(exchange) ? exchange : null;
        if (project == null && service != null) {
            project = PUBLISHERS.get(service);
            if (project == null && service.indexOf('-') > 0) {
                project = service.substring(0, service.indexOf('-'));
            }
        }
        return new Destination(project, service, topic, null, false);
    }

    /** The binary that consumes {@code topic}; the topic itself when unknown. */
    public static String serviceOf(String topic) {
        if (topic == null) {
            return null;
        }
        String[] known = TOPICS.get(topic);
        if (known != null) {
            return known[1];
        }
        if (topic.startsWith(AGENT_NOTIFIER)) {
            return "neutron-l2-agent";
        }
        if (topic.startsWith(NEUTRON_VO)) {
            return "neutron-agents";
        }
        return topic;
    }

    /** The project a topic belongs to; the exchange's own name when it is a project's, else null. */
    public static String projectOf(String exchange, String topic) {
        String[] known = topic == null ? null : TOPICS.get(topic);
        if (known != null) {
            return known[0];
        }
        if (topic != null && (topic.startsWith(AGENT_NOTIFIER) || topic.startsWith(NEUTRON_VO))) {
            return "neutron";
        }
        if (topic != null && topic.startsWith("cinder-")) {
            return "cinder";
        }
        return ownExchange(exchange) ? exchange : null;
    }

    /** True for a control exchange named after its project ({@code nova}, {@code neutron}); not oslo's default. */
    private static boolean ownExchange(String exchange) {
        return exchange != null && !exchange.isEmpty() && !"openstack".equals(exchange)
                && !exchange.startsWith("amq.") && !exchange.endsWith(OsloKeys.FANOUT_SUFFIX);
    }

    /** {@code cinder / cinder-volume} for a grouping heading; {@code (unknown project)} when none. */
    public String group() {
        return (project == null ? "(unknown project)" : project) + " / " + (service == null ? topic : service);
    }
}
