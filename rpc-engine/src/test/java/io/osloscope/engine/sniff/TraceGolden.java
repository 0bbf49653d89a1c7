package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The golden firehose trace (every publish and deliver of a real oslo 14.0.3 run) as raw captures. */
final class TraceGolden {
    private TraceGolden() {
    }

    static List<RawCapture> captures() {
        ObjectMapper m = new ObjectMapper();
        List<RawCapture> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TraceGolden.class.getClassLoader().getResourceAsStream("sniff/trace-all.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode o = m.readTree(line);
                String event = o.get("event").asText();
                List<String> routed = null;
                if (event.equals("publish")) {
                    routed = new ArrayList<>();
                    for (JsonNode q : o.get("routed_queues")) {
                        routed.add(q.asText());
                    }
                } else {
                    routed = List.of(o.get("trace_routing_key").asText().substring("deliver.".length()));
                }
                long micros = (long) (o.get("t").asDouble() * 1_000_000);
                out.add(new RawCapture(Instant.ofEpochSecond(0, micros * 1000), event, o.get("exchange").asText(),
                        o.get("routing_keys").get(0).asText(), routed, o.get("connection").asText(), "rabbit@test",
                        o.get("user").asText(), PropertiesJson.fromJson(o.get("properties")),
                        o.get("body").asText().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
