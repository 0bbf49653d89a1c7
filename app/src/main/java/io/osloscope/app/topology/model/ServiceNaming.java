package io.osloscope.app.topology.model;

import java.util.Collection;

/** Maps oslo names to services: topics to binaries, connection names to programs and hosts. */
public final class ServiceNaming {
    private ServiceNaming() {
    }

    /** The binary serving {@code topic}: a known binary named after it, the engine's table, or the topic itself. */
    public static String binaryForTopic(String topic, Collection<String> knownBinaries) {
        for (String b : knownBinaries) {
            if (b.equals(topic) || b.endsWith("-" + topic)) {
                return b;
            }
        }
        return io.osloscope.engine.wire.Destination.serviceOf(topic);
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
