package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.sniff.record.PropertiesJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The firehose captures and management API answers recorded from real oslo 16.1.0 on RabbitMQ 4.0.5 and oslo 18.3.0
 * on RabbitMQ 4.3.6 (kolla-2025.1 dialect; {@code golden/<capture>/README.md}), as the sniffer's inputs.
 */
final class ModernGolden {
    static final String OSLO16 = "oslo-16.1.0-rabbitmq-4.0.5";
    static final String OSLO18 = "oslo-18.3.0-rabbitmq-4.3.6";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModernGolden() {
    }

    /** Every traced publish and delivery, in capture order, as the firehose consumer builds them. */
    static List<RawCapture> firehose(String capture) {
        List<RawCapture> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(capture + "/firehose.jsonl"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode o = JSON.readTree(line);
                String rk = o.get("trace_routing_key").asText();
                JsonNode h = o.get("trace_headers");
                boolean publish = rk.startsWith("publish.");
                List<String> routed = new ArrayList<>();
                if (publish) {
                    h.get("routed_queues").forEach(q -> routed.add(q.asText()));
                } else {
                    routed.add(rk.substring("deliver.".length()));
                }
                long micros = (long) (o.get("ts").asDouble() * 1_000_000);
                out.add(new RawCapture(Instant.ofEpochSecond(0, micros * 1000),
                        publish ? RawCapture.PUBLISH : RawCapture.DELIVER, h.get("exchange_name").asText(),
                        h.get("routing_keys").get(0).asText(), routed, h.get("connection").asText(),
                        h.get("node").asText(), h.get("user").asText(), PropertiesJson.fromJson(h.get("properties")),
                        Base64.getDecoder().decode(o.get("body_b64").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One of the management API answers in {@code topology/} (e.g. {@code queues_detailed}, {@code consumers}). */
    static JsonNode topology(String capture, String answer) {
        try (InputStream in = open(capture + "/topology/" + answer + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = ModernGolden.class.getClassLoader().getResourceAsStream("golden/" + path);
        if (in == null) {
            throw new IllegalStateException("missing test resource golden/" + path);
        }
        return in;
    }
}
