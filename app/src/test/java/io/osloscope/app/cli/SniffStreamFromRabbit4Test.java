package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sniff --stream-from first} on RabbitMQ 4.x prints a fanout cast that went into a {@code <topic>_fanout}
 * stream (oslo's rabbit_stream_fanout shape) before the sniffer started, and leaves the stream as it was.
 */
@RequiresRabbit4
class SniffStreamFromRabbit4Test {

    @Test
    void streamFromFirstPrintsAFanoutSentBeforeTheSnifferStarted() throws Exception {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            RabbitSettings base = Rabbit4TestSupport.settings();
            RabbitSettings s = new RabbitSettings(base.hosts(), base.username(), base.password(), vhost.name(), 60, null);
            Connection c = RabbitBroker.openClientConnection(s, "osloscope-test-oslo-shape", Map.of());
            try {
                Channel ch = c.createChannel();
                ch.exchangeDeclare("compute_fanout", "fanout", true, true, null);
                ch.queueDeclare("compute_fanout", true, false, false, Map.of("x-queue-type", "stream", "x-max-age", "1800s"));
                ch.queueBind("compute_fanout", "compute_fanout", "");
                String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"fan\\\", \\\"args\\\": "
                        + "{\\\"x\\\": 1}, \\\"version\\\": \\\"6.0\\\", \\\"_unique_id\\\": "
                        + "\\\"4f0c8a3e0c5a4a4f9e1b2c3d4e5f6a7b\\\"}\"}";
                ch.basicPublish("compute_fanout", "", new AMQP.BasicProperties.Builder().contentType("application/json")
                        .contentEncoding("utf-8").deliveryMode(2).priority(0).headers(Map.of()).build(),
                        body.getBytes(StandardCharsets.UTF_8));
                ch.close();
            } finally {
                c.close();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = CliMain.run(new String[]{"sniff", "--transport", vhost.transportUrl(null), "--management",
                            "http://" + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.managementPort() + "/",
                            "--stream-from", "first", "--count", "1", "--duration", "30"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            List<JsonNode> records = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                // message records only: the recording also ends with its losses record
                if (!line.isBlank() && line.contains("\"record\":\"message\"")) {
                    records.add(new ObjectMapper().readTree(line));
                }
            }
            assertEquals(1, records.size(), out.toString(StandardCharsets.UTF_8));
            JsonNode r = records.get(0);
            assertEquals("fanout", r.path("kind").asText(), r.toString());
            assertEquals("stream", r.path("direction").asText(), r.toString());
            assertEquals("fan", r.path("method").asText(), r.toString());
            assertTrue(vhost.get("/api/queues/" + vhost.encoded() + "/compute_fanout").contains("\"type\":\"stream\""));
        }
    }
}
