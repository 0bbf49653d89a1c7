package io.osloscope.app.topology.model;

import java.util.Collection;
import java.util.Map;

/** Maps oslo names to services: topics to binaries, connection names to programs and hosts. */
public final class ServiceNaming {
    /** oslo topics to the binaries serving them: nova's, neutron's (exchange neutron) and cinder's (openstack). */
    private static final Map<String, String> NOVA = Map.ofEntries(
            Map.entry("compute", "nova-compute"), Map.entry("compute-alt", "nova-compute"),
            Map.entry("conductor", "nova-conductor"), Map.entry("scheduler", "nova-scheduler"),
            Map.entry("consoleauth", "nova-consoleauth"), Map.entry("cert", "nova-cert"),
            Map.entry("q-plugin", "neutron-server"), Map.entry("q-reports-plugin", "neutron-server"),
            Map.entry("l3_agent", "neutron-l3-agent"), Map.entry("dhcp_agent", "neutron-dhcp-agent"),
            Map.entry("cinder-volume", "cinder-volume"), Map.entry("cinder-scheduler", "cinder-scheduler"),
            Map.entry("cinder-backup", "cinder-backup"));

    private ServiceNaming() {
    }

    /** The binary serving {@code topic}: a known binary named after it, nova's table, or the topic itself. */
    public static String binaryForTopic(String topic, Collection<String> knownBinaries) {
        for (String b : knownBinaries) {
            if (b.equals(topic) || b.endsWith("-" + topic)) {
                return b;
            }
        }
        return NOVA.getOrDefault(topic, topic);
    }

    /** {@code nova-conductor} from oslo's {@code nova-conductor:4711:9a1b...}; null for a blank name. */
    public static String programOf(String connection) {
        if (connection == null || connection.isBlank()) {
            return null;
        }
        int colon = connection.indexOf(':');
        String p = colon < 0 ? connection : connection.substring(0, colon);
        return p.isBlank() ? null : p;
    }

    /** The host when a connection name carries one in place of the pid ({@code nova-compute:host1:...}), else null. */
    public static String hostOf(String connection) {
        if (connection == null) {
            return null;
        }
        String[] parts = connection.split(":", 3);
        if (parts.length < 2 || parts[1].isBlank() || parts[1].chars().allMatch(Character::isDigit)) {
            return null;
        }
        return parts[1];
    }
}
