package io.osloscope.engine.bench;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.sniff.SnifferStatus;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end on the host RabbitMQ (issue 14 item 8): a firehose capture of a vhost of its own while publishers drive
 * the broker as hard as they can and a consumer takes every message (so each message is traced twice: publish and
 * deliver). When it settles, every traced message must be captured or counted as dropped, per stage:
 * {@code captured + dropped in our buffer + dropped at the broker == publishes + deliveries}. Deletes its vhost.
 *
 * <pre>
 * java -cp rpc-engine/target/test-classes:rpc-engine/target/classes:$(cat rpc-engine/target/bench.cp) \
 *   io.osloscope.engine.bench.SniffEndToEndBench [messages-per-publisher] [publishers] [capture-queue-length]
 * </pre>
 */
public final class SniffEndToEndBench {
    private SniffEndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        int perPublisher = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int queueLength = args.length > 2 ? Integer.parseInt(args[2]) : SnifferOptions.DEFAULT_CAPTURE_QUEUE_LENGTH;
        String vhost = "osloscope-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        URI mgmtUrl = URI.create("http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/");
        ManagementClient mgmt = new ManagementClient(mgmtUrl, RabbitTestSupport.user(), RabbitTestSupport.password(),
                Duration.ofSeconds(10), null);
        mgmt.createVhost(vhost, RabbitTestSupport.user());
        List<Connection> conns = new ArrayList<>();
        boolean complete = false;
        try {
            ConnectionFactory f = new ConnectionFactory();
            f.setHost(RabbitTestSupport.host());
            f.setPort(RabbitTestSupport.port());
            f.setUsername(RabbitTestSupport.user());
            f.setPassword(RabbitTestSupport.password());
            f.setVirtualHost(vhost);
            Connection setup = f.newConnection("e2e-setup");
            conns.add(setup);
            Channel ch = setup.createChannel();
            ch.exchangeDeclare("nova", BuiltinExchangeType.TOPIC, false, false, null);
            ch.queueDeclare("compute.h1", false, false, false, null);
            ch.queueBind("compute.h1", "nova", "compute.h1");
            AtomicLong delivered = new AtomicLong();
            Connection consumer = f.newConnection("e2e-consumer");
            conns.add(consumer);
            Channel cc = consumer.createChannel();
            cc.basicConsume("compute.h1", true, (tag, d) -> delivered.incrementAndGet(), tag -> { });

            RabbitSettings settings = new RabbitSettings(List.of(new RabbitSettings.HostPort(RabbitTestSupport.host(),
                    RabbitTestSupport.port())), RabbitTestSupport.user(), RabbitTestSupport.password(), vhost, 30, null);
            SnifferOptions o = SnifferOptions.of(settings, CaptureMode.FIREHOSE).withManagement(mgmtUrl)
                    .withFirehoseConsent(true).withCaptureQueueLength(queueLength);
            try (Sniffer sniffer = new Sniffer(o, new EventHub())) {
                sniffer.start();
                byte[] body = ("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"start_instance\\\", "
                        + "\\\"args\\\": {}, \\\"version\\\": \\\"6.0\\\", \\\"_unique_id\\\": \\\"u\\\"}\"}")
                        .getBytes(StandardCharsets.UTF_8);
                List<Thread> ts = new ArrayList<>();
                long start = System.nanoTime();
                for (int p = 0; p < publishers; p++) {
                    Connection pc = f.newConnection("e2e-publisher-" + p);
                    conns.add(pc);
                    Channel pch = pc.createChannel();
                    Thread t = new Thread(() -> {
                        try {
                            for (int i = 0; i < perPublisher; i++) {
                                pch.basicPublish("nova", "compute.h1", null, body);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    ts.add(t);
                    t.start();
                }
                for (Thread t : ts) {
                    t.join();
                }
                double publishSecs = (System.nanoTime() - start) / 1e9;
                long published = (long) perPublisher * publishers;
                long settledAt = System.nanoTime();
                long last = -1;
                long accounted = 0;
                int still = 0;
                // NOTE: settled when everything is accounted for, or nothing moved for 10 s (then it reports MISSING)
                while (System.nanoTime() - settledAt < Duration.ofMinutes(5).toNanos()) {
                    SnifferStatus st = sniffer.status();
                    accounted = sniffer.pipeline().processed() + st.dropped() + st.brokerDropped();
                    if (delivered.get() == published && accounted == published + delivered.get()) {
                        break;
                    }
                    still = accounted == last ? still + 1 : 0;
                    if (still >= 10) {
                        break;
                    }
                    last = accounted;
                    Thread.sleep(1000);
                }
                SnifferStatus st = sniffer.status();
                long traced = published + delivered.get();
                System.out.printf(Locale.ROOT, "published %,d in %.1f s (%,.0f msg/s by %d publishers), delivered %,d;"
                                + " traced %,d%n", published, publishSecs, published / publishSecs, publishers,
                        delivered.get(), traced);
                System.out.printf(Locale.ROOT, "captured %,d + dropped in our buffer %,d + dropped at the broker %,d ="
                                + " %,d (%s); capture queue x-max-length %,d%n", sniffer.pipeline().processed(),
                        st.dropped(), st.brokerDropped(), accounted, accounted == traced ? "every traced message"
                                : "MISSING " + (traced - accounted), queueLength);
                System.out.println("capture health: " + st.captureHealth());
                for (var q : mgmt.snapshot(vhost).topology().queues()) {
                    System.out.printf(Locale.ROOT, "  queue %s: ready %,d, unacked %,d, consumers %d%n", q.name(),
                            q.ready(), q.unacked(), q.consumers());
                }
                complete = accounted == traced;
            }
        } finally {
            for (Connection c : conns) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the vhost goes below
                }
            }
            mgmt.deleteVhost(vhost);
        }
        // NOTE: exit only after the vhost is gone
        System.exit(complete ? 0 : 1);
    }
}
