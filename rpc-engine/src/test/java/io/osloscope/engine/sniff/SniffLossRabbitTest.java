package io.osloscope.engine.sniff;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import io.osloscope.engine.wire.DecodedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.osloscope.engine.sniff.SnifferRabbitTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 8 on the host broker: nothing is lost silently. A capture that cannot keep up counts every message it
 * did not keep, by stage, so captured plus dropped equals what was published; tracing switched off behind the
 * sniffer's back is found, counted, switched back on and marked as a gap.
 */
@RequiresRabbit
class SniffLossRabbitTest {
    private PrivateVhost vhost;
    private Connection app;
    private Channel ch;

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
        ch.exchangeDeclare("nova", BuiltinExchangeType.TOPIC, false, false, null);
        ch.queueDeclare("compute.h1", false, false, false, null);
        ch.queueBind("compute.h1", "nova", "compute.h1");
    }

    @AfterEach
    void tearDown() {
        try {
            if (app != null) {
                app.close();
            }
        } catch (Exception ignored) {
            // the vhost's deletion removes everything
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void aCaptureThatCannotKeepUpCountsEveryMessageItDidNotKeep() throws Exception {
        int published = 3000;
        // NOTE: a tiny buffer and a slow listener make the sniffer fall behind on purpose
        SnifferOptions o = vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true).withCapacities(16, 10_000)
                .withCaptureQueueLength(50);
        try (Sniffer sniffer = new Sniffer(o, new EventHub())) {
            sniffer.addListener((SniffListener) (m, d) -> sleepQuietly());
            sniffer.start();
            byte[] body = CallTrackerTestBodies.cast("start_instance").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < published; i++) {
                ch.basicPublish("nova", "compute.h1", null, body);
            }
            ch.queuePurge("compute.h1");
            await(() -> account(sniffer) == published, "captured + dropped == published, now "
                    + sniffer.status().captureHealth());
            SnifferStatus st = sniffer.status();
            assertTrue(st.dropped() > 0, "the buffer dropped some: " + st.captureHealth());
            assertEquals(published, sniffer.pipeline().processed() + st.dropped() + st.brokerDropped(),
                    st.captureHealth());
            assertTrue(st.captureHealth().contains("dropped in our buffer"), st.captureHealth());
            Thread.sleep(500);
            assertEquals(published, account(sniffer), "nothing counted twice");
        }
    }

    @Test
    void tracingSwitchedOffBehindTheSniffersBackIsCountedSwitchedBackOnAndMarkedAsAGap() throws Exception {
        List<CaptureGap> gaps = new CopyOnWriteArrayList<>();
        SnifferOptions o = vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true)
                .withTopologyRefresh(Duration.ofMinutes(10));
        try (Sniffer sniffer = new Sniffer(o, new EventHub())) {
            sniffer.addListener(new SniffListener() {
                @Override
                public void onMessage(SniffedMessage message, DecodedMessage decoded) {
                }

                @Override
                public void onGap(CaptureGap gap) {
                    gaps.add(gap);
                }
            });
            sniffer.start();
            sniffer.checkTracingNow();
            vhost.mgmt.setTracing(vhost.name, false); // someone else: rabbitmqctl trace_off
            sniffer.checkTracingNow();
            assertEquals(1, sniffer.status().tracingSwitchedOff());
            assertTrue(vhost.mgmt.vhost(vhost.name).tracing(), "switched back on");
            await(() -> gaps.size() == 1, "a gap marks the hole");
            assertTrue(gaps.get(0).reason().contains("switched off by someone else"), gaps.get(0).reason());
            assertTrue(sniffer.status().captureHealth().contains("tracing switched off behind our back 1 time(s)"),
                    sniffer.status().captureHealth());
            ch.basicPublish("nova", "compute.h1", null, "{}".getBytes(StandardCharsets.UTF_8));
            await(() -> sniffer.store().size() == 1, "capture goes on");
        }
        assertTrue(!vhost.mgmt.vhost(vhost.name).tracing(), "tracing back off after the capture");
    }

    private static long account(Sniffer s) {
        SnifferStatus st = s.status();
        return s.pipeline().processed() + st.dropped() + st.brokerDropped();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
