package io.osloscope.app.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.RpcEvents.CallPaired;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Test helper: events built from captured oslo 14.0.3 messages (test resources under wire/). */
public final class Wire {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AtomicLong seq = new AtomicLong();
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");

    public static final MessageProperties OSLO = MessageProperties.EMPTY.withContentType("application/json")
            .withContentEncoding("utf-8").withDeliveryMode(2).withPriority(0).withHeaders(Map.of());

    public static byte[] body(String golden) {
        try (InputStream in = Wire.class.getResourceAsStream("/io/osloscope/app/wire/" + golden + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden " + golden);
            }
            JsonNode n = MAPPER.readTree(in);
            return n.get("body").asText().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An oslo 2.0 body around an inner message given as JSON text. */
    public static byte[] envelope(String innerJson) {
        try {
            return MAPPER.writeValueAsBytes(Map.of("oslo.version", "2.0", "oslo.message", innerJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Instant later(long ms) {
        now = now.plusMillis(ms);
        return now;
    }

    public MessagePublished published(long ref, String from, String exchange, String key, byte[] body) {
        return new MessagePublished(seq.incrementAndGet(), later(1), ref, from, exchange, key, false,
                new MessageSnapshot(OSLO, body, exchange, from));
    }

    public MessageRouted routed(long ref, String exchange, String key, List<BindingMatch> bindings, List<String> queues) {
        return new MessageRouted(seq.incrementAndGet(), later(0), ref, exchange, "topic", key, bindings, queues);
    }

    public MessageDelivered delivered(long ref, String queue, String consumerConnection, String exchange, String key) {
        return new MessageDelivered(seq.incrementAndGet(), later(1), ref, queue, "1", consumerConnection, 1, false,
                exchange, key, null);
    }

    /** The engine's pairing of a call and its reply, as the hub publishes it after the reply. */
    public CallPaired paired(MessagePublished call, MessagePublished reply, Duration latency) {
        var c = call.message().summary();
        return new CallPaired(seq.incrementAndGet(), reply.at(), c.msgId(), call.seq(), reply.seq(), c.method(),
                c.requestId(), latency, "PAIRED", reply.message().summary().failureName());
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }
}
