package io.osloscope.engine.sniff.record;

import io.osloscope.engine.sniff.PropertiesJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.SniffPipeline;
import io.osloscope.engine.wire.Sender;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads a recording ({@link RecordingFormat}) back, and replays it through a {@link SniffPipeline} so it
 * shows in the same views as a live capture: messages are decoded and paired again (timeouts recomputed
 * in recording time) and gaps are re-emitted. Lines that are not valid JSON are counted and skipped.
 */
public final class RecordingReader {
    private final ObjectMapper mapper;

    /** One line of a recording. */
    public sealed interface Entry permits Header, Message, Gap, Timeout, Losses, SenderNamed {
    }

    public record Header(String format, Instant started, String mode, String broker, boolean redacted) implements Entry {
    }

    /**
     * A recorded message; {@code line} is the full JSON line for callers that want the decoded view; {@code from}
     * the sender the recording names ({@code from_*}), null in recordings made before senders were named.
     */
    public record Message(RawCapture capture, JsonNode line, Sender from) implements Entry {
        public Message(RawCapture capture, JsonNode line) {
            this(capture, line, null);
        }
    }

    /**
     * The sender of a connection whose messages were recorded unnamed (the management API listed it late);
     * {@link #read} has already put it on those messages.
     */
    public record SenderNamed(Instant at, String connection, Sender from) implements Entry {
    }

    public record Gap(Instant at, Instant resumedAt, String reason) implements Entry {
    }

    /** A recorded timeout; {@code blame} as {@link io.osloscope.engine.observe.pairing.Blame#wireName()}, null in older recordings. */
    public record Timeout(Instant at, String msgId, String method, long waitedMillis, String blame) implements Entry {
    }

    /** What {@link #read} found. */
    /** What the capture lost, by stage (written when it ends). */
    public record Losses(long brokerDropped, long bufferDropped, long tracingSwitchedOff) implements Entry {
    }

    public record Contents(Header header, List<Entry> entries, int badLines) {
    }

    /** Summary of a {@link #replay}. */
    public record ReplayResult(Header header, long messages, long gaps, int badLines) {
    }

    public RecordingReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Contents read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Header header = null;
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Entry e = parse(line);
                if (e == null) {
                    bad++;
                } else {
                    if (e instanceof Header h && header == null) {
                        header = h;
                    }
                    entries.add(e);
                }
            }
        }
        return new Contents(header, nameLate(entries), bad);
    }

    /**
     * Puts each {@code sender} record's sender on the messages of its connection that were recorded without a named
     * service (all of them: the record follows the messages it names).
     */
    static List<Entry> nameLate(List<Entry> entries) {
        java.util.Map<String, Sender> named = new java.util.HashMap<>();
        for (Entry e : entries) {
            if (e instanceof SenderNamed n && n.connection() != null && n.from() != null) {
                named.put(n.connection(), n.from());
            }
        }
        if (named.isEmpty()) {
            return entries;
        }
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e instanceof Message m && m.capture().isPublish() && m.capture().connection() != null
                    && (m.from() == null || m.from().service() == null)
                    && named.containsKey(m.capture().connection())) {
                out.add(new Message(m.capture(), m.line(), named.get(m.capture().connection())));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Feeds every message and gap of the file into {@code pipeline} on this thread, in file order. */
    public ReplayResult replay(Path file, SniffPipeline pipeline) throws IOException {
        Contents c = read(file);
        long messages = 0;
        long gaps = 0;
        Instant last = null;
        for (Entry e : c.entries()) {
            if (e instanceof Message m) {
                pipeline.process(m.capture(), m.from());
                last = m.capture().at();
                messages++;
            } else if (e instanceof Gap g) {
                pipeline.emitGap(g.at(), g.resumedAt(), g.reason());
                gaps++;
            }
        }
        if (last != null) {
            pipeline.expire(last);
        }
        return new ReplayResult(c.header(), messages, gaps, c.badLines());
    }

    /** Parses one line; null when it is not a recording line. */
    public Entry parse(String line) {
        try {
            JsonNode o = mapper.readTree(line);
            if (o == null || !o.isObject()) {
                return null;
            }
            String type = o.path("record").asText("message");
            switch (type) {
                case "header":
                    return new Header(o.path("format").asText(null), instant(o.get("started")),
                            o.path("mode").asText(null), o.path("broker").asText(null), o.path("redacted").asBoolean());
                case "gap":
                    return new Gap(instant(o.get("ts")), instant(o.get("resumed")), o.path("reason").asText(""));
                case "timeout":
                    return new Timeout(instant(o.get("ts")), o.path("msg_id").asText(null),
                            o.path("method").asText(null), o.path("waited_ms").asLong(), o.path("blame").asText(null));
                case "message":
                    return new Message(capture(o), o, sender(o));
                case "sender":
                    return new SenderNamed(instant(o.get("ts")), text(o, "connection"), sender(o));
                case "losses":
                    return new Losses(o.path("broker_dropped").asLong(), o.path("buffer_dropped").asLong(),
                            o.path("tracing_switched_off").asLong());
                default:
                    return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private RawCapture capture(JsonNode o) {
        List<String> routed = null;
        JsonNode rq = o.get("routed_queues");
        if (rq != null && rq.isArray()) {
            routed = new ArrayList<>();
            for (JsonNode q : rq) {
                routed.add(q.asText());
            }
        }
        JsonNode b64 = o.get("body_b64");
        byte[] body = b64 == null || b64.isNull() ? new byte[0] : Base64.getDecoder().decode(b64.asText());
        Instant at = instant(o.get("ts"));
        return new RawCapture(at == null ? Instant.EPOCH : at, o.path("direction").asText(RawCapture.PUBLISH),
                o.path("exchange").asText(""), o.path("routing_key").asText(""), routed, text(o, "connection"),
                text(o, "node"), text(o, "user"), PropertiesJson.fromJson(o.get("properties")), body);
    }

    /** The {@code from_*} fields as a sender; null when the line has none (older recordings, deliveries). */
    private static Sender sender(JsonNode o) {
        String service = text(o, "from_service");
        String host = text(o, "from_host");
        String why = text(o, "from_unknown");
        JsonNode pid = o.get("from_pid");
        Integer p = pid != null && pid.canConvertToInt() ? pid.intValue() : null;
        if (service == null && host == null && why == null && p == null) {
            return null;
        }
        return new Sender(service, host, p, why);
    }

    private static String text(JsonNode o, String k) {
        JsonNode n = o.get(k);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
