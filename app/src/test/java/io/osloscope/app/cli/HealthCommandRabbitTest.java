package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code osloscope health} on the host RabbitMQ, on a vhost of its own: a compute queue without consumer, a durable
 * queue nobody reads, a dead-letter queue growing and connections churning between the two samples are found, with
 * why and what to do, and the exit code says problem; an empty vhost is healthy (exit 0).
 */
@RequiresRabbit
class HealthCommandRabbitTest {
    private final String vhost = "osloscope-health-" + UUID.randomUUID().toString().substring(0, 8);
    private final ManagementClient mgmt = new ManagementClient(URI.create("http://" + RabbitTestSupport.host() + ":"
            + RabbitTestSupport.managementPort() + "/"), RabbitTestSupport.user(), RabbitTestSupport.password(),
            Duration.ofSeconds(10), null);
    private final List<Connection> open = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createVhost() {
        mgmt.createVhost(vhost, RabbitTestSupport.user());
    }

    @AfterEach
    void deleteVhost() {
        for (Connection c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // deleting the vhost closes it anyway
            }
        }
        mgmt.deleteVhost(vhost);
    }

    private Connection connect(String name) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RabbitTestSupport.host());
        f.setPort(RabbitTestSupport.port());
        f.setUsername(RabbitTestSupport.user());
        f.setPassword(RabbitTestSupport.password());
        f.setVirtualHost(vhost);
        Connection c = f.newConnection(name);
        open.add(c);
        return c;
    }

    private String url() {
        return "rabbit://" + RabbitTestSupport.user() + ":" + RabbitTestSupport.password() + "@" + RabbitTestSupport.host()
                + ":" + RabbitTestSupport.port() + "/" + vhost;
    }

    private int health(String... more) {
        List<String> args = new ArrayList<>(List.of("health", "--transport", url(), "--management", "http://"
                + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/", "--json"));
        args.addAll(List.of(more));
        return CliMain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void findsADownComputeAQueueNobodyReadsDeadLettersAndChurnAndExitsSeven() throws Exception {
        Channel ch = connect("setup").createChannel();
        ch.exchangeDeclare("nova", BuiltinExchangeType.TOPIC, false, false, null);
        ch.queueDeclare("compute.cmp-down", false, false, false, null);
        ch.queueBind("compute.cmp-down", "nova", "compute.cmp-down");
        ch.queueDeclare("notifications.info", true, false, false, null);
        ch.basicPublish("", "notifications.info", null, "{}".getBytes(StandardCharsets.UTF_8));
        ch.exchangeDeclare("dlx", BuiltinExchangeType.FANOUT, false, false, null);
        ch.queueDeclare("dead", false, false, false, null);
        ch.queueBind("dead", "dlx", "");
        ch.queueDeclare("work", false, false, false, Map.of("x-dead-letter-exchange", "dlx", "x-message-ttl", 300));
        List<Connection> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(connect("churn-a-" + i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (mgmt.connections(vhost).size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(200); // NOTE: the management API lists a new connection after a moment
        }
        CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(1500);
                for (int i = 0; i < 5; i++) {
                    ch.basicPublish("", "work", null, ("job " + i).getBytes(StandardCharsets.UTF_8));
                }
                for (Connection c : first) {
                    c.close();
                }
                for (int i = 0; i < 3; i++) {
                    connect("churn-b-" + i);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // NOTE: the management API refreshes queue counts every 5 s, and on a busy broker a refresh comes late: the
        // two samples are 12 s apart, so the second sees the dead-lettered messages (8 s missed them once in CI).
        int code = health("--samples", "2", "--interval", "12");
        meanwhile.join();
        assertEquals(HealthCommand.PROBLEM, code, out + " / " + err);
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertFalse(report.path("healthy").asBoolean(true));
        assertEquals(7, report.path("exit_code").asInt());
        assertEquals(vhost, report.path("vhost").asText());
        JsonNode down = find(report, "no_consumer", "compute.cmp-down");
        assertEquals("problem", down.path("severity").asText());
        assertTrue(down.path("message").asText().contains("cmp-down looks down"), down.toString());
        assertFalse(down.path("why").asText().isBlank());
        assertFalse(down.path("action").asText().isBlank());
        assertEquals("warning", find(report, "no_consumer_persistent", "notifications.info").path("severity").asText());
        assertTrue(find(report, "dead_letter_growth", "dead").path("message").asText().contains("grew from 0 to 5"),
                report.toString());
        assertTrue(find(report, "connection_churn", "connections").path("message").asText()
                .startsWith("3 connection(s) opened and 3 closed"), report.toString());
    }

    @Test
    void anEmptyVhostIsHealthy() {
        assertEquals(0, health("--samples", "1"), out + " / " + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"healthy\":true"), out.toString());
    }

    @Test
    void aWrongPasswordIsOneLineAndExitFour() {
        int code = CliMain.run(new String[]{"health", "--transport", "rabbit://" + RabbitTestSupport.user()
                        + ":not-the-password@" + RabbitTestSupport.host() + ":" + RabbitTestSupport.port() + "/" + vhost,
                        "--management", "http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort()
                        + "/", "--samples", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(CliCommand.CONNECTION, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.strip().lines().count(), e);
        assertFalse(e.contains("not-the-password"), e);
    }

    private static JsonNode find(JsonNode report, String kind, String subject) {
        for (JsonNode h : report.path("hints")) {
            if (h.path("kind").asText().equals(kind) && h.path("subject").asText().equals(subject)) {
                return h;
            }
        }
        throw new AssertionError("no " + kind + " on " + subject + " in " + report);
    }
}
