package io.osloscope.engine.interop;

import com.rabbitmq.client.Connection;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.RawCapture;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.StreamStart;
import io.osloscope.engine.sniff.capture.ReplyQueueProbe;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import io.osloscope.engine.wire.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sniffer on real oslo.messaging 16.1 (trixie chroot) in the kolla-2025.1 dialect on RabbitMQ 4.x: queue-manager
 * reply queues, quorum topic queues and a {@code compute_fanout} stream. What a user sees: replies to a client that
 * has already left are paired, its reply queue is no orphan, the stream fanout is listed with its consumer and
 * retention, and {@code --stream-from first} records a fanout cast before the sniffer started.
 */
@RequiresRabbit4
@ExtendWith(ModernOslo.class)
class ModernSniffRabbit4Test {

    private static String query(String processname) {
        Map<String, String> q = new LinkedHashMap<>(Dialect.KOLLA_2025_1.options());
        q.put("hostname", "vm");
        q.put("processname", processname);
        return q.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** Runs the real oslo client once (a call to py1 and a fanout cast) and waits until it has exited. */
    private static void client(Rabbit4Vhost vhost, String value) {
        try (PythonPeer client = PythonPeer.startModern(ModernOslo.suite(), "oslo_client.py", List.of("--url",
                vhost.transportUrl(query("nova-api")), "--exchange", "nova", "--topic", "compute"))) {
            client.send("[{\"op\": \"call\", \"method\": \"echo\", \"args\": {\"value\": \"" + value + "\"},"
                    + " \"prepare\": {\"server\": \"py1\", \"timeout\": 30}},"
                    + " {\"op\": \"cast\", \"method\": \"fan\", \"args\": {\"value\": \"" + value + "\"},"
                    + " \"prepare\": {\"fanout\": true}}]\n");
            client.closeInput();
            client.awaitLine("DONE"::equals, Duration.ofSeconds(60));
            assertTrue(client.records("RESULT").get(0).get("ok").asBoolean(), client.records("RESULT").toString());
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static List<SniffedMessage> fanouts(Sniffer s, String value) {
        return s.store().select(m -> m.kind() == MessageKind.FANOUT && m.raw().isPublish()
                && new String(m.raw().body(), java.nio.charset.StandardCharsets.UTF_8).contains(value), 100);
    }

    @Test
    void sniffingRealOsloOnRabbit4SeesPairedRepliesNoQueueManagerOrphansAndTheStreamFanout() throws Exception {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create();
             PythonPeer server = PythonPeer.startModern(ModernOslo.suite(), "oslo_server.py", List.of("--url",
                     vhost.transportUrl(query("nova-compute")), "--exchange", "nova", "--topic", "compute",
                     "--server", "py1"))) {
            server.awaitReady();
            client(vhost, "before-sniffer");
            server.awaitRecord("RECV", n -> "fan".equals(n.path("method").asText()), Duration.ofSeconds(30));

            RabbitSettings settings = Rabbit4TestSupport.settings();
            settings = new RabbitSettings(settings.hosts(), settings.username(), settings.password(), vhost.name(),
                    settings.heartbeatSeconds(), null);
            SnifferOptions options = SnifferOptions.of(settings, CaptureMode.FIREHOSE).withFirehoseConsent(true)
                    .withManagement(URI.create("http://" + Rabbit4TestSupport.host() + ":"
                            + Rabbit4TestSupport.managementPort() + "/"))
                    .withTopologyRefresh(Duration.ofMillis(500)).withStreamFrom(StreamStart.parse("first"));
            try (Sniffer sniffer = new Sniffer(options, new EventHub())) {
                sniffer.start();
                await(() -> !fanouts(sniffer, "before-sniffer").isEmpty(), "the fanout sent before the sniffer started");
                SniffedMessage old = fanouts(sniffer, "before-sniffer").get(0);
                assertEquals(RawCapture.STREAM, old.raw().direction());
                assertEquals("fan", old.method());
                assertEquals(List.of("compute_fanout"), sniffer.streamsRead().stream().toList());

                client(vhost, "while-sniffing"); // the client has left by the time the sniffer looks at its reply queue
                await(() -> sniffer.calls().counts().paired() >= 1 && !fanouts(sniffer, "while-sniffing").isEmpty(),
                        "the call paired and the live fanout recorded");
                Thread.sleep(1500); // the stream reader sees the live fanout too
                assertEquals(1, fanouts(sniffer, "while-sniffing").size(), "recorded once, live and from the stream");
                assertEquals(1, sniffer.store().select(m -> "compute_fanout".equals(m.raw().deliveredQueue())
                        && new String(m.raw().body(), java.nio.charset.StandardCharsets.UTF_8).contains("while-sniffing"),
                        10).size(), "the traced delivery to oslo's server, not the one to the sniffer's own reader");
                CallTracker.Counts c = sniffer.calls().counts();
                assertEquals(1, c.paired(), c.toString());
                assertEquals(0, c.repliesToVanishedQueues(), "no false reply_queue_gone");
                List<SniffedMessage> replies = sniffer.store().select(m -> m.kind() == MessageKind.REPLY
                        && m.raw().isPublish(), 10);
                assertEquals(List.of(Outcome.PAIRED), replies.stream().map(SniffedMessage::pairing).toList());
                String replyQueue = replies.get(0).raw().routingKey();
                assertTrue(replyQueue.startsWith("reply_vm:nova-api:"), replyQueue);

                // NOTE(stats): the management API's queue and consumer figures are sampled (every 5 s by default)
                await(() -> {
                    sniffer.refreshTopology();
                    QueueDetails f = sniffer.queueDetails().get("compute_fanout");
                    // the management API fills a quorum queue's fields in from its stats, which trail by seconds
                    QueueDetails q = sniffer.queueDetails().get("compute.py1");
                    return f != null && f.consumers().size() == 2 && f.retained() >= 2
                            && q != null && q.deliveryLimit() != null;
                }, "the management API's view of the stream: " + sniffer.queueDetails().get("compute_fanout"));
                TopologySnapshot t = sniffer.refreshTopology();
                assertEquals(0, t.queue(replyQueue).orElseThrow().consumers(), "its caller has left");
                List<HealthHint> hints = sniffer.health();
                String all = hints.stream().map(HealthHint::toString).collect(Collectors.joining("\n"));
                assertTrue(hints.stream().noneMatch(h -> h.kind() == Kind.ORPHAN_REPLY_QUEUE
                        || h.kind() == Kind.ORPHAN_FANOUT_QUEUE), all);
                assertTrue(hints.stream().anyMatch(h -> h.kind() == Kind.QUEUE_MANAGER_IDLE
                        && h.subject().equals("vm:nova-api") && h.message().contains(replyQueue)), all);
                HealthHint stream = hints.stream().filter(h -> h.kind() == Kind.STREAM_FANOUT).findFirst()
                        .orElseThrow(() -> new AssertionError(all));
                assertTrue(stream.message().contains("1 consumer(s)") && stream.message().contains("from last")
                        && stream.message().contains("x-max-age 1800s"), stream.message());

                QueueDetails fanout = sniffer.queueDetails().get("compute_fanout");
                assertTrue(fanout.isStream());
                assertEquals("1800s", fanout.maxAge());
                assertTrue(fanout.consumers().stream().anyMatch(QueueDetails.Consumer::isSniffer),
                        "the sniffer's own reader, with its own tag: " + fanout.consumers());
                assertEquals(1, fanout.applicationConsumers().size(), fanout.consumers().toString());
                QueueDetails topic = sniffer.queueDetails().get("compute.py1");
                assertTrue(topic.isQuorum());
                assertFalse(topic.members().isEmpty());
                assertTrue(topic.members().contains(topic.leader()), topic.toString());
                assertEquals(20, topic.deliveryLimit(), "RabbitMQ 4.x's default delivery limit");

                // the probe behind reply_queue_gone: an idle queue-manager reply queue is there, a missing one is gone
                Connection conn = RabbitBroker.openClientConnection(settings, "osloscope-test-probe", Map.of());
                try {
                    ReplyQueueProbe probe = new ReplyQueueProbe(() -> conn, 0);
                    assertFalse(probe.test(replyQueue));
                    assertTrue(probe.test("reply_vm:nova-api:999"));
                } finally {
                    conn.close();
                }
            }
            String consumers = vhost.get("/api/consumers/" + vhost.encoded());
            assertFalse(consumers.contains(QueueDetails.SNIFFER_TAG_PREFIX), "the stream reader is gone: " + consumers);
            server.awaitRecord("RECV", n -> "fan".equals(n.path("method").asText())
                    && n.toString().contains("while-sniffing"), Duration.ofSeconds(30));
        }
    }
}
