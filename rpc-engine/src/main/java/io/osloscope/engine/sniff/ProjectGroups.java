package io.osloscope.engine.sniff;

import io.osloscope.engine.wire.Destination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Captured publishes grouped by OpenStack project and service ({@code neutron / neutron-l3-agent}), each group with
 * its topics, the methods or event types seen there and the servers addressed: what is on the broker, per project,
 * at a glance. Built from {@link SniffedMessage#destination()} (see {@link Destination}); replies count under their
 * call's group, firehose deliveries not at all (they repeat a publish).
 */
public final class ProjectGroups {
    /** One project/service group. Sorted maps, so listings are stable. */
    public record Group(String project, String service, long messages, Map<String, Long> topics,
                        Map<String, Long> methods, Map<String, Long> servers, Map<String, Long> kinds) {
        /** {@code neutron / neutron-l3-agent: 2 messages; topics l3_agent (2); routers_updated ×1, ...}. */
        public String line() {
            StringBuilder b = new StringBuilder();
            b.append(project == null ? "(unknown project)" : project).append(" / ").append(service).append(": ")
                    .append(messages).append(messages == 1 ? " message" : " messages");
            b.append("; topics ").append(counted(topics));
            if (!methods.isEmpty()) {
                b.append("; ").append(counted(methods));
            }
            if (!servers.isEmpty()) {
                b.append("; servers ").append(String.join(", ", servers.keySet()));
            }
            return b.toString();
        }

        private static String counted(Map<String, Long> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + " ×" + v));
            return String.join(", ", parts);
        }
    }

    private final List<Group> groups;

    private ProjectGroups(List<Group> groups) {
        this.groups = groups;
    }

    /** Groups the publishes among {@code messages}. */
    public static ProjectGroups of(Collection<SniffedMessage> messages) {
        Map<String, Builder> byKey = new TreeMap<>();
        for (SniffedMessage m : messages) {
            Destination d = m.destination();
            if (d == null || !m.raw().isPublish()) {
                continue;
            }
            String service = d.service() == null ? d.topic() : d.service();
            String key = (d.project() == null ? "\uffff" : d.project()) + "\u0000" + service;
            Builder g = byKey.computeIfAbsent(key, k -> new Builder(d.project(), service));
            g.messages++;
            g.topics.merge(d.fanout() ? d.topic() + "_fanout" : d.topic(), 1L, Long::sum);
            String method = m.kind().isReply() ? null : m.displayMethod();
            if (method != null) {
                g.methods.merge(method, 1L, Long::sum);
            }
            if (d.server() != null) {
                g.servers.merge(d.server(), 1L, Long::sum);
            }
            g.kinds.merge(m.kind().wireName(), 1L, Long::sum);
        }
        List<Group> out = new ArrayList<>();
        byKey.values().forEach(b -> out.add(new Group(b.project, b.service, b.messages,
                java.util.Collections.unmodifiableMap(b.topics), java.util.Collections.unmodifiableMap(b.methods),
                java.util.Collections.unmodifiableMap(b.servers), java.util.Collections.unmodifiableMap(b.kinds))));
        return new ProjectGroups(List.copyOf(out));
    }

    /** Groups by project, then service; unknown projects last. */
    public List<Group> groups() {
        return groups;
    }

    /** The group of {@code project} and {@code service}, or null. */
    public Group group(String project, String service) {
        for (Group g : groups) {
            if (java.util.Objects.equals(g.project(), project) && g.service().equals(service)) {
                return g;
            }
        }
        return null;
    }

    /** One line per group, as {@code sniff} prints them. */
    public List<String> lines() {
        return groups.stream().map(Group::line).toList();
    }

    private static final class Builder {
        final String project;
        final String service;
        long messages;
        final Map<String, Long> topics = new TreeMap<>();
        final Map<String, Long> methods = new TreeMap<>();
        final Map<String, Long> servers = new TreeMap<>();
        final Map<String, Long> kinds = new TreeMap<>();

        Builder(String project, String service) {
            this.project = project;
            this.service = service;
        }
    }
}
