package io.osloscope.engine.sniff.record;

import io.osloscope.engine.sniff.PropertiesJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.SniffListener;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.Secrets;
import io.osloscope.engine.observe.pairing.Pairing;
import io.osloscope.engine.observe.pairing.TrackedCall;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes a capture as JSON Lines ({@link RecordingFormat}). Used as a {@link SniffListener}, it writes on
 * the sniffer's processing thread. With {@code redact}, bodies are rewritten with secrets masked (and
 * re-serialized as compact JSON), or withheld when they cannot be parsed; the decoded view always masks
 * secrets unless the decoder was told to reveal them and {@code redact} is off.
 *
 * <p>{@link #flush()} after each line is optional; {@link #close()} flushes and closes the stream.
 */
public final class RecordingWriter implements SniffListener, Closeable {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Writer out;
    private final ObjectMapper mapper;
    private final boolean redact;
    private final Redactor redactor;
    private final boolean flushEachLine;
    private Instant first;
    private long lines;
    private IOException failure;

    public RecordingWriter(OutputStream out, ObjectMapper mapper, boolean redact, boolean flushEachLine) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.mapper = mapper;
        this.redact = redact;
        this.redactor = new Redactor(mapper);
        this.flushEachLine = flushEachLine;
    }

    /** Writes the header line; call once before the first message. */
    public void writeHeader(Instant started, String mode, String broker) {
        ObjectNode o = F.objectNode();
        o.put("record", "header");
        o.put("format", RecordingFormat.FORMAT);
        o.put("started", started.toString());
        o.put("mode", mode);
        o.put("broker", broker);
        o.put("redacted", redact);
        write(o);
    }

    @Override
    public void onMessage(SniffedMessage m, DecodedMessage d) {
        write(messageLine(m, d));
    }

    /** The line for one message (also what {@code sniff} prints). */
    public ObjectNode messageLine(SniffedMessage m, DecodedMessage d) {
        RawCapture r = m.raw();
        if (first == null) {
            first = r.at();
        }
        ObjectNode o = F.objectNode();
        o.put("record", "message");
        o.put("ts", r.at().toString());
        o.put("t_ms", java.time.Duration.between(first, r.at()).toMillis());
        o.put("kind", m.kind().wireName());
        o.put("direction", r.direction());
        o.put("exchange", r.exchange());
        o.put("routing_key", r.routingKey());
        if (r.routedQueues() != null) {
            ArrayNode q = o.putArray("routed_queues");
            r.routedQueues().forEach(q::add);
        }
        putIf(o, "connection", r.connection());
        putIf(o, "node", r.node());
        putIf(o, "user", r.user());
        putSender(o, m.from());
        o.put("method", m.method());
        if (m.destination() != null) {
            putIf(o, "project", m.destination().project());
            putIf(o, "service", m.destination().service());
            putIf(o, "topic", m.destination().topic());
            putIf(o, "server", m.destination().server());
        }
        if (m.objectCall() != null) {
            putIf(o, "object_class", m.objectCall().objectClass());
            putIf(o, "object_method", m.objectCall().objectMethod());
            putIf(o, "object_uuid", m.objectCall().objectUuid());
            if (!m.objectCall().changedFields().isEmpty()) {
                ArrayNode changed = o.putArray("changed_fields");
                m.objectCall().changedFields().forEach(changed::add);
            }
        }
        if (d.eventType() != null || d.publisherId() != null) {
            putIf(o, "event_type", d.eventType());
            putIf(o, "publisher_id", d.publisherId());
            putIf(o, "priority", d.priority());
            putIf(o, "payload_summary", io.osloscope.engine.wire.NotificationInfo.summarize(d.payload()));
        }
        o.put("msg_id", m.msgId());
        o.put("version", d.version());
        putIf(o, "namespace", d.namespace());
        putIf(o, "reply_q", d.replyQ());
        putIf(o, "request_id", m.requestId());
        if (d.timeoutMillis() != null) {
            o.put("timeout_ms", d.timeoutMillis());
        }
        if (m.kind().isReply()) {
            o.put("pairing", m.pairing().name().toLowerCase());
            if (m.latencyMicros() >= 0) {
                o.put("latency_ms", m.latencyMicros() / 1000.0);
            }
            putIf(o, "host", m.host());
            if (d.failure() != null) {
                ObjectNode f = o.putObject(OsloKeys.FAILURE);
                f.put(OsloKeys.FAILURE_CLASS, d.failure().className());
                f.put(OsloKeys.FAILURE_MODULE, d.failure().module());
                f.put(OsloKeys.FAILURE_MESSAGE, d.failure().message());
            }
        } else if (m.pairing() == Pairing.Outcome.DUPLICATE) {
            o.put("pairing", "duplicate");
        }
        if (m.routing() != null) {
            ObjectNode c = o.putObject("routing_check");
            c.put("outcome", m.routing().outcome().wireName());
            ArrayNode b = c.putArray("bindings_say");
            m.routing().expected().queues().forEach(b::add);
            putIf(c, "difference", m.routing().difference());
        }
        putIf(o, "problem", m.problem());
        o.put("size", m.size());
        if (m.truncated()) {
            o.put("truncated", true);
        }
        MessageProperties props = redact ? redactor.redactProperties(r.properties()) : r.properties();
        o.set("properties", PropertiesJson.toJson(props));
        byte[] body = redact ? redactor.redactBody(r.body()) : r.body();
        if (body == null) {
            o.putNull("body_b64");
            o.put("body_withheld", "redaction could not parse the body, so it was left out");
        } else {
            o.put("body_b64", Base64.getEncoder().encodeToString(body));
        }
        o.set("decoded", decodedView(d));
        return o;
    }

    /**
     * The last line of a live capture: what was lost and where, so a recording says it is incomplete: messages the
     * broker dropped from the full capture queue, captures our own buffer dropped, and times firehose tracing was
     * switched off behind the sniffer's back (how many messages those cost is not known).
     */
    public void writeLosses(long brokerDropped, long bufferDropped, long tracingSwitchedOff) {
        ObjectNode o = mapper.createObjectNode();
        o.put("record", "losses");
        o.put("broker_dropped", brokerDropped);
        o.put("buffer_dropped", bufferDropped);
        o.put("tracing_switched_off", tracingSwitchedOff);
        write(o);
    }

    @Override
    public void onTimeout(TrackedCall c) {
        ObjectNode o = F.objectNode();
        o.put("record", "timeout");
        o.put("ts", c.sentAt().plus(c.timeout()).toString());
        o.put("msg_id", c.msgId());
        o.put("method", c.method());
        putIf(o, "host", c.host());
        o.put("routing_key", c.host() == null ? c.topic() : c.topic() + "." + c.host());
        o.put("waited_ms", c.timeout().toMillis());
        putIf(o, "request_id", c.requestId());
        if (c.blame() != null) {
            o.put("blame", c.blame().wireName());
            putIf(o, "blame_detail", c.blameDetail());
        }
        ObjectNode stages = o.putObject("stages");
        var known = c.stages();
        if (known.queuedMillis() != null) {
            stages.put("queued_ms", known.queuedMillis());
        }
        if (known.inCalleeMillis() != null) {
            stages.put("in_callee_ms", known.inCalleeMillis());
        }
        if (known.wayBackMillis() != null) {
            stages.put("way_back_ms", known.wayBackMillis());
        }
        write(o);
    }

    /** A {@code sender} record: the sender of the connection's earlier, unnamed messages (the reader applies it). */
    @Override
    public void onSenderNamed(Instant at, String connection, io.osloscope.engine.wire.Sender from) {
        ObjectNode o = F.objectNode();
        o.put("record", "sender");
        o.put("ts", at.toString());
        o.put("connection", connection);
        putSender(o, from);
        write(o);
    }

    private static void putSender(ObjectNode o, io.osloscope.engine.wire.Sender from) {
        if (from != null) {
            putIf(o, "from_service", from.service());
            putIf(o, "from_host", from.host());
            if (from.pid() != null) {
                o.put("from_pid", from.pid());
            }
            putIf(o, "from_unknown", from.unknownWhy());
        }
    }

    @Override
    public void onGap(CaptureGap gap) {
        ObjectNode o = F.objectNode();
        o.put("record", "gap");
        o.put("ts", gap.at().toString());
        if (gap.resumedAt() != null) {
            o.put("resumed", gap.resumedAt().toString());
        }
        o.put("reason", gap.reason());
        write(o);
    }

    private JsonNode decodedView(DecodedMessage d) {
        ObjectNode o = F.objectNode();
        putIf(o, "envelope", d.envelopeVersion());
        putIf(o, "unique_id", d.uniqueId());
        putIf(o, "call_monitor_timeout", d.callMonitorTimeout());
        setIf(o, OsloKeys.ARGS, d.args());
        setIf(o, OsloKeys.RESULT, d.result());
        if (d.ending() != null) {
            o.put(OsloKeys.ENDING, d.ending());
        }
        if (d.failure() != null) {
            ObjectNode f = o.putObject(OsloKeys.FAILURE);
            f.put(OsloKeys.FAILURE_CLASS, d.failure().className());
            f.put(OsloKeys.FAILURE_MODULE, d.failure().module());
            f.put(OsloKeys.FAILURE_MESSAGE, d.failure().message());
            ArrayNode tb = f.putArray(OsloKeys.FAILURE_TB);
            d.failure().tb().forEach(tb::add);
        }
        putIf(o, OsloKeys.EVENT_TYPE, d.eventType());
        putIf(o, OsloKeys.PUBLISHER_ID, d.publisherId());
        putIf(o, OsloKeys.PRIORITY, d.priority());
        setIf(o, OsloKeys.PAYLOAD, d.payload());
        setIf(o, "context", d.context());
        if (d.rawText() != null && d.kind() == io.osloscope.engine.wire.MessageKind.OTHER) {
            o.put("raw", redact ? "(withheld by redaction)" : d.rawText());
        }
        if (redact) {
            Secrets.maskInPlace(o);
        }
        return o;
    }

    private void write(ObjectNode o) {
        if (failure != null) {
            return;
        }
        try {
            out.write(mapper.writeValueAsString(o));
            out.write('\n');
            lines++;
            if (flushEachLine) {
                out.flush();
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    /** The first write error, or null; after an error nothing more is written. */
    public IOException failure() {
        return failure;
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIf(ObjectNode o, String k, String v) {
        if (v != null) {
            o.put(k, v);
        }
    }

    private static void setIf(ObjectNode o, String k, JsonNode v) {
        if (v != null) {
            o.set(k, v);
        }
    }
}
