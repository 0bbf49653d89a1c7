package io.osloscope.app.topology.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an oslo queue name says about its consumers: {@code T} (shared topic queue),
 * {@code T.S} (server S of topic T), {@code T_fanout_<hex>} (one server's fanout copy),
 * {@code reply_<hex>} (one caller's reply queue), or anything else.
 */
public record QueueRole(Kind kind, String topic, String server) {
    public enum Kind { TOPIC, SERVER, FANOUT, REPLY, OTHER }

    private static final Pattern FANOUT = Pattern.compile("(.+)_fanout_([0-9a-f]{8,})");
    private static final Pattern REPLY = Pattern.compile("reply_[0-9a-f]{8,}");

    public static QueueRole of(String queue) {
        if (queue == null || queue.isEmpty() || queue.startsWith("amq.")) {
            return new QueueRole(Kind.OTHER, null, null);
        }
        if (REPLY.matcher(queue).matches()) {
            return new QueueRole(Kind.REPLY, null, null);
        }
        Matcher m = FANOUT.matcher(queue);
        if (m.matches()) {
            return new QueueRole(Kind.FANOUT, m.group(1), null);
        }
        int dot = queue.indexOf('.');
        if (dot > 0 && dot < queue.length() - 1) {
            // the engine's reading of <topic>.<server>: cinder-volume.cmp1@lvm.cmp1 is cinder-volume on cmp1@lvm
            String[] topicServer = io.osloscope.engine.wire.Destination.topicAndServer(queue);
            String topic = topicServer[0];
            if (topic.equals("notifications") || topic.equals("versioned_notifications")) {
                return new QueueRole(Kind.OTHER, null, null);
            }
            return topicServer[1] == null ? new QueueRole(Kind.TOPIC, topic, null)
                    : new QueueRole(Kind.SERVER, topic, topicServer[1]);
        }
        return new QueueRole(Kind.TOPIC, queue, null);
    }

    /** Key of the family of look-alike queues this one belongs to, or null for a lone queue. */
    public String familyKey() {
        return switch (kind) {
            case SERVER -> "server:" + topic;
            case FANOUT -> "fanout:" + topic;
            case REPLY -> "reply";
            default -> null;
        };
    }

    /** Label of the whole family when collapsed, e.g. {@code compute.<host>}. */
    public String familyLabel() {
        return switch (kind) {
            case SERVER -> topic + ".<host>";
            case FANOUT -> topic + "_fanout_<id>";
            case REPLY -> "reply_<id>";
            default -> null;
        };
    }

    /** A queue name shortened for display: long hex ids become their first six digits. */
    public static String shortName(String queue) {
        Matcher m = Pattern.compile("([0-9a-f]{6})[0-9a-f]{10,}$").matcher(queue);
        return m.find() ? queue.substring(0, m.start()) + m.group(1) + "…" : queue;
    }
}
