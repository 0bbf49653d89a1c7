package io.osloscope.engine.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RequiresRabbit
class SnifferRabbitTest {
    private PrivateVhost vhost;
    private Connection app;
    private Channel ch;
    private final List<String> appReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        vhost = new PrivateVhost();
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RabbitTestSupport.host());
        f.setPort(RabbitTestSupport.port());
        f.setUsername(RabbitTestSupport.user());
        f.setPassword(RabbitTestSupport.password());
        f.setVirtualHost(vhost.name);
        app = f.newConnection("test-app:1:" + java.util.UUID.randomUUID());
        ch = app.createChannel();
        // oslo's topology for topic 'compute', server 'h1', control exchange 'nova', with a consuming "server"
        ch.exchangeDeclare("nova", BuiltinExchangeType.TOPIC, false, false, null);
        ch.exchangeDeclare("compute_fanout", BuiltinExchangeType.FANOUT, false, true, null);
        for (String q : List.of("compute", "compute.h1")) {
            ch.queueDeclare(q, false, false, false, null);
            ch.queueBind(q, "nova", q);
        }
        ch.queueDeclare("compute_fanout_0123456789abcdef0123456789abcdef", false, false, false,
                Map.of("x-expires", 1800000));
        ch.queueBind("compute_fanout_0123456789abcdef0123456789abcdef", "compute_fanout", "compute");
        ch.queueDeclare("reply_aaaa", false, false, false, Map.of("x-expires", 1800000));
        for (String q : List.of("compute", "compute.h1", "compute_fanout_0123456789abcdef0123456789abcdef", "reply_aaaa")) {
            ch.basicConsume(q, true, (tag, d) -> appReceived.add(q + ":" + new String(d.getBody(), StandardCharsets.UTF_8)),
                    tag -> { });
        }
    }

    @AfterEach
    void tearDown() {
        try {
            if (app != null) {
                app.close();
            }
        } catch (Exception ignored) {
            // vhost deletion below removes everything anyway
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    private void publish(String exchange, String rk, String expiration, String body) throws Exception {
        AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("utf-8").deliveryMode(2).priority(0).headers(Map.of()).expiration(expiration).build();
        ch.basicPublish(exchange, rk, p, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tapModeCopiesCastsCallsAndFanoutsWhileTheAppStillReceivesEveryMessage() throws Exception {
        EventHub hub = new EventHub();
        try (Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.TAP), hub)) {
            sniffer.start();
            assertTrue(sniffer.status().tappedExchanges().containsAll(List.of("nova", "compute_fanout")),
                    sniffer.status().toString());
            assertTrue(sniffer.status().blindSpot().contains("never sees replies"));
            publish("nova", "compute.h1", null, CallTrackerTestBodies.cast("stop_instance"));
            publish("nova", "compute", "60000", CallTrackerTest.call("id1", "reply_aaaa"));
            publish("compute_fanout", "", null, CallTrackerTestBodies.cast("update_cache"));
            publish("", "reply_aaaa", null, CallTrackerTest.reply("id1"));
            await(() -> sniffer.store().size() >= 3, "three tapped messages");
            await(() -> appReceived.size() == 4, "the app got all four");
            List<MessageKind> kinds = sniffer.store().snapshot().stream().map(SniffedMessage::kind).toList();
            assertEquals(List.of(MessageKind.CAST, MessageKind.CALL, MessageKind.FANOUT), kinds);
            Thread.sleep(300);
            assertEquals(3, sniffer.store().size(), "tap mode cannot see the reply on the default exchange");
            String ownQueue = sniffer.status().captureQueue();
            sniffer.stop();
            TopologySnapshot after = vhost.mgmt.snapshot(vhost.name);
            assertTrue(after.queue(ownQueue).isEmpty(), "the capture queue is gone after stop");
            assertEquals(0, after.queues().stream().filter(q -> q.name().startsWith("amq.gen")).count());
        }
    }

    @Test
    void firehoseNeedsConsentPairsCallsWithRepliesAndSwitchesTracingBackOff() throws Exception {
        EventHub hub = new EventHub();
        SnifferException refused = assertThrows(SnifferException.class,
                () -> new Sniffer(vhost.options(CaptureMode.FIREHOSE), hub).start());
        assertTrue(refused.getMessage().contains("consent"), refused.getMessage());
        assertFalse(vhost.mgmt.vhost(vhost.name).tracing(), "no consent, no tracing");

        try (Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true), hub)) {
            sniffer.start();
            assertTrue(vhost.mgmt.vhost(vhost.name).tracing());
            assertTrue(sniffer.status().tracingSwitchedOn());
            publish("nova", "compute.h1", "60000", CallTrackerTest.call("c1", "reply_aaaa"));
            Thread.sleep(20);
            publish("", "reply_aaaa", null, CallTrackerTest.reply("c1"));
            publish("nova", "compute", "60000", CallTrackerTest.call("c2", "reply_gone"));
            publish("", "reply_gone", null, CallTrackerTest.reply("c2"));
            await(() -> sniffer.calls().counts().paired() == 1 && sniffer.calls().counts().repliesToVanishedQueues() == 1,
                    "one call paired, one reply dropped");
            List<SniffedMessage> replies = sniffer.store().select(m -> m.kind() == MessageKind.REPLY && m.raw().isPublish(), 10);
            assertEquals(Outcome.PAIRED, replies.get(0).pairing());
            assertTrue(replies.get(0).latencyMicros() > 0);
            assertEquals("h1", replies.get(0).host());
            assertEquals(Outcome.REPLY_QUEUE_GONE, replies.get(1).pairing(), replies.toString());
            assertTrue(sniffer.store().snapshot().stream().anyMatch(m -> m.raw().direction().equals("deliver")
                    && "compute.h1".equals(m.raw().deliveredQueue())), "deliveries are traced too");
            assertTrue(sniffer.health().stream().anyMatch(h -> h.kind() == io.osloscope.engine.sniff.health.HealthHint.Kind.UNROUTABLE));
            await(() -> appReceived.size() == 3, "the app still gets its messages");
        }
        assertFalse(vhost.mgmt.vhost(vhost.name).tracing(), "tracing is back off after stop");
    }

    @Test
    void aLostConnectionReconnectsAndMarksTheGap() throws Exception {
        EventHub hub = new EventHub();
        EventSubscription gaps = hub.subscribe(e -> e instanceof CaptureGap, 10);
        try (Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.TAP), hub)) {
            sniffer.start();
            publish("nova", "compute", null, CallTrackerTestBodies.cast("before"));
            await(() -> sniffer.store().size() == 1, "first cast");
            String name = sniffer.brokerConnectionName();
            String[] brokerName = new String[1];
            await(() -> {
                brokerName[0] = vhost.mgmt.connections(vhost.name).stream()
                        .filter(c -> name.equals(c.connectionName())).map(TopologySnapshot.Connection::name)
                        .findFirst().orElse(null);
                return brokerName[0] != null;
            }, "the management API lists the sniffer's connection");
            vhost.mgmt.closeConnection(brokerName[0], "test forces a reconnect");
            await(() -> !gaps.isEmpty(), "a gap is marked once capture resumes");
            List<EngineEvent> got = new ArrayList<>();
            gaps.drainTo(got, 10);
            CaptureGap gap = (CaptureGap) got.get(0);
            assertTrue(!gap.resumedAt().isBefore(gap.at()));
            assertEquals(1, sniffer.status().gaps());
            publish("nova", "compute", null, CallTrackerTestBodies.cast("after"));
            await(() -> sniffer.store().size() == 2, "capture resumed");
            assertEquals("after", sniffer.store().snapshot().get(1).method());
        }
    }

    @Test
    void tapPicksUpAnExchangeDeclaredAfterCaptureStarted() throws Exception {
        try (Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.TAP), new EventHub())) {
            sniffer.start();
            assertFalse(sniffer.status().tappedExchanges().contains("neutron"));
            ch.exchangeDeclare("neutron", BuiltinExchangeType.TOPIC, false, false, null);
            await(() -> sniffer.status().tappedExchanges().contains("neutron"), "the refresh binds the new exchange");
            publish("neutron", "q-agent-notifier", null, CallTrackerTestBodies.cast("port_update"));
            await(() -> sniffer.store().size() == 1, "a cast on the new exchange");
            assertEquals("port_update", sniffer.store().snapshot().get(0).method());
        }
    }

    @Test
    void connectionErrorsAreOneClearLine() {
        var bad = new io.osloscope.engine.broker.rabbit.RabbitSettings(vhost.settings().hosts(), "guest", "pw-x9q7",
                vhost.name, 30, null);
        SnifferException e = assertThrows(SnifferException.class, () -> new Sniffer(
                SnifferOptions.of(bad, CaptureMode.TAP).withManagement(PrivateVhost.managementUrl())
                        .withTapExchanges(List.of("nova")), new EventHub()).start());
        assertTrue(e.getMessage().contains("authentication failed for user 'guest' at " + vhost.settings().hosts().get(0)
                + " (ACCESS_REFUSED: wrong user name or password)"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-x9q7"), "never the password");

        var refused = new io.osloscope.engine.broker.rabbit.RabbitSettings(
                List.of(new io.osloscope.engine.broker.rabbit.RabbitSettings.HostPort("127.0.0.1", 1)), "guest",
                "guest", "/", 30, null);
        SnifferException r = assertThrows(SnifferException.class, () -> new Sniffer(
                SnifferOptions.of(refused, CaptureMode.TAP).withManagement(PrivateVhost.managementUrl())
                        .withTapExchanges(List.of("nova")), new EventHub()).start());
        assertEquals("connection refused by 127.0.0.1:1", r.getMessage());
    }

    @Test
    void publishingThroughTheSnifferIsRefusedUntilArmed() throws Exception {
        try (Sniffer sniffer = new Sniffer(vhost.options(CaptureMode.TAP), new EventHub())) {
            sniffer.start();
            PublishRequest req = new PublishRequest("nova", "compute", false, OsloDecoderTest.json(),
                    CallTrackerTestBodies.cast("armed_cast").getBytes(StandardCharsets.UTF_8));
            assertThrows(PublishGuard.PublishRefusedException.class, () -> sniffer.publish(req));
            Thread.sleep(300);
            assertEquals(0, appReceived.size(), "nothing reached the broker");
            assertTrue(req.describe().contains("routing key: 'compute'"));
            sniffer.guard().arm(sniffer.connectionId());
            sniffer.publish(req);
            await(() -> appReceived.size() == 1, "armed publish arrives");
        }
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
