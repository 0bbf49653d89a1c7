package io.osloscope.engine.sniff.mgmt;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the management API tells about a quorum queue or a stream beyond {@link TopologySnapshot.Queue}, kept
 * beside the snapshot in a map by queue name (so the snapshot type itself stays as it is). Field names are those
 * of RabbitMQ 4.0.5's {@code /api/queues} and {@code /api/consumers} (measured; 3.10 reports {@code leader},
 * {@code members} and {@code online} too, {@code delivery_limit} only when one is set).
 *
 * @param type              {@code classic}, {@code quorum} or {@code stream}
 * @param leader            the node leading a quorum queue or stream, null for classic
 * @param members           the nodes holding a replica
 * @param online            the members that are up
 * @param deliveryLimit     quorum {@code delivery_limit} (4.x default 20), null when the broker reports none
 * @param redeliveries      {@code message_stats.redeliver}: deliveries that were redeliveries
 * @param returnedReady     quorum {@code messages_ready_returned}: ready messages that were returned (nacked, requeued)
 * @param maxAge            stream retention {@code x-max-age} (argument or policy), null when unlimited
 * @param maxLengthBytes    stream retention {@code x-max-length-bytes} (argument or policy), null when unlimited
 * @param retained          messages the stream keeps ({@code messages}; for a stream not a backlog)
 * @param segments          stream segment files, null when not reported
 * @param reportedConsumers {@code consumers} as the queue reports it
 * @param consumers         the consumers {@code /api/consumers} lists for the queue
 * @param idleSince         when the queue was last used ({@code idle_since}; classic queues only), null when unknown
 */
public record QueueDetails(String name, String type, String leader, List<String> members, List<String> online,
                           Integer deliveryLimit, long redeliveries, Long returnedReady, String maxAge,
                           Long maxLengthBytes, long retained, Integer segments, int reportedConsumers,
                           List<Consumer> consumers, Instant idleSince) {

    /**
     * A consumer of the queue. {@code startOffset} is the {@code x-stream-offset} it asked for ("last", "first", an
     * offset or a timestamp as text), null for non-stream consumers; {@code offsetLag} is how far it is behind the
     * end of the stream, null when the management API does not report it (RabbitMQ 4.0.5 reports no offsets for
     * AMQP 0-9-1 stream consumers, nor the stream's committed offset).
     */
    public record Consumer(String tag, String connection, int prefetch, boolean active, String startOffset,
                           Long offsetLag) {
        /** This program's own stream readers (never someone else's consumer). */
        public boolean isSniffer() {
            return tag != null && tag.startsWith(SNIFFER_TAG_PREFIX);
        }
    }

    /** Consumer tags the sniffer's own stream readers use. */
    public static final String SNIFFER_TAG_PREFIX = "osloscope-sniffer";

    public QueueDetails {
        members = members == null ? List.of() : List.copyOf(members);
        online = online == null ? List.of() : List.copyOf(online);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    public boolean isStream() {
        return "stream".equals(type);
    }

    public boolean isQuorum() {
        return "quorum".equals(type);
    }

    /** The consumers that are not this program's stream readers. */
    public List<Consumer> applicationConsumers() {
        return consumers.stream().filter(c -> !c.isSniffer()).toList();
    }

    /**
     * True when the queue reports consumers but the broker lists none: RabbitMQ 4.0.5 keeps reporting
     * {@code consumers: N} on a stream after its consumers left, with {@code consumer_details} empty.
     */
    public boolean staleConsumerCount() {
        return reportedConsumers > 0 && consumers.isEmpty();
    }

    /**
     * One line for a tooltip or an inspector: for a quorum queue its leader, members online, delivery limit and
     * redeliveries; for a stream its retention, consumers (stale counts said so) and retained messages; null for a
     * classic queue, which has nothing beyond what the topology shows.
     */
    public String summary() {
        if (isQuorum()) {
            return "quorum · leader " + (leader == null ? "?" : leader) + " · " + online.size() + "/" + members.size()
                    + " members online · delivery limit " + (deliveryLimit == null ? "none" : deliveryLimit)
                    + " · " + redeliveries + " redeliveries"
                    + (returnedReady != null && returnedReady > 0 ? " · " + returnedReady + " returned, waiting" : "");
        }
        if (isStream()) {
            List<Consumer> app = applicationConsumers();
            return "stream · retention max-age " + (maxAge == null ? "none" : maxAge) + ", max-length-bytes "
                    + (maxLengthBytes == null ? "none" : maxLengthBytes) + " · " + app.size() + " consumer(s)"
                    + (app.isEmpty() ? "" : " from " + String.join(", ", app.stream()
                    .map(c -> String.valueOf(c.startOffset())).distinct().toList()))
                    + (staleConsumerCount() ? " (broker reports " + reportedConsumers + ": stale)" : "")
                    + " · " + retained + " retained · leader " + (leader == null ? "?" : leader);
        }
        return null;
    }

    /** The same details with {@code idleSince} set (the sniffer's estimate when the broker reports none). */
    public QueueDetails withIdleSince(Instant at) {
        return new QueueDetails(name, type, leader, members, online, deliveryLimit, redeliveries, returnedReady, maxAge,
                maxLengthBytes, retained, segments, reportedConsumers, consumers, at);
    }

    /**
     * Reads {@code /api/queues} (or {@code /api/queues/detailed}) and {@code /api/consumers} answers of one vhost
     * into details by queue name. Tolerant: absent fields stay null or 0.
     */
    public static Map<String, QueueDetails> parse(JsonNode queues, JsonNode consumers) {
        Map<String, List<Consumer>> byQueue = new HashMap<>();
        if (consumers != null && consumers.isArray()) {
            for (JsonNode c : consumers) {
                JsonNode offset = c.path("arguments").get("x-stream-offset");
                byQueue.computeIfAbsent(c.path("queue").path("name").asText(), k -> new ArrayList<>()).add(new Consumer(
                        c.path("consumer_tag").asText(null), c.path("channel_details").path("connection_name").asText(null),
                        c.path("prefetch_count").asInt(), c.path("active").asBoolean(true),
                        offset == null || offset.isNull() ? null : offset.asText(),
                        c.has("offset_lag") && c.get("offset_lag").canConvertToLong() ? c.get("offset_lag").asLong() : null));
            }
        }
        Map<String, QueueDetails> out = new LinkedHashMap<>();
        if (queues == null || !queues.isArray()) {
            return out;
        }
        for (JsonNode q : queues) {
            String name = q.path("name").asText();
            JsonNode args = q.path("arguments");
            JsonNode policy = q.path("effective_policy_definition");
            out.put(name, new QueueDetails(name, q.path("type").asText("classic"), q.path("leader").asText(null),
                    strings(q.get("members")), strings(q.get("online")),
                    q.hasNonNull("delivery_limit") && q.get("delivery_limit").canConvertToInt()
                            ? q.get("delivery_limit").asInt() : null,
                    q.path("message_stats").path("redeliver").asLong(0),
                    q.hasNonNull("messages_ready_returned") ? q.get("messages_ready_returned").asLong() : null,
                    text(args.get("x-max-age"), policy.get("max-age")),
                    number(args.get("x-max-length-bytes"), policy.get("max-length-bytes")),
                    q.path("messages").asLong(0), q.hasNonNull("segments") ? q.get("segments").asInt() : null,
                    q.path("consumers").asInt(0), byQueue.getOrDefault(name, List.of()), instant(q.get("idle_since"))));
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null && a.isArray()) {
            a.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static String text(JsonNode arg, JsonNode policy) {
        JsonNode v = arg != null && !arg.isNull() ? arg : policy;
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode arg, JsonNode policy) {
        JsonNode v = arg != null && !arg.isNull() ? arg : policy;
        return v != null && v.canConvertToLong() ? v.asLong() : null;
    }

    /** {@code idle_since}: "2026-12-07T16:32:34.123+00:00" (4.x) or "2026-12-07 16:32:34" (3.x, UTC). */
    static Instant instant(JsonNode v) {
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText().trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
