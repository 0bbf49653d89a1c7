package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RabbitMQ closes a channel on every channel error; the adapter hides that, so a connection
 * stays usable after 404, 405 and 406 and publish reports a missing exchange synchronously.
 */
@RequiresRabbit
class RabbitBrokerChannelTest {
    private final String prefix = "osloscope-test-rabbit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private RabbitBroker broker;
    private BrokerConnection conn;

    @BeforeEach
    void open() {
        broker = new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
        conn = broker.connect(ConnectionOptions.named(prefix + "main"));
    }

    @AfterEach
    void cleanUp() {
        RabbitTestSupport.deleteAll(queues, exchanges);
        broker.close();
    }

    private String exchange(ExchangeSpec spec) {
        exchanges.add(spec.name());
        conn.declareExchange(spec);
        return spec.name();
    }

    private String queue(String suffix) {
        String name = prefix + suffix;
        queues.add(name);
        conn.declareQueue(QueueSpec.named(name));
        return name;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Proves the connection still works end to end: declare, bind, publish, consume. */
    private void assertStillUsable(BrokerConnection c) throws InterruptedException {
        String x = exchange(ExchangeSpec.of(prefix + "check-x", ExchangeType.DIRECT));
        String q = queue("check-q");
        c.bind(q, x, "k", Map.of());
        BlockingQueue<Delivery> got = new ArrayBlockingQueue<>(1);
        c.consume(q, ConsumeOptions.autoAcking(), got::add);
        c.publish(x, "k", false, MessageProperties.EMPTY, text("still alive"));
        Delivery d = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(d, "no delivery after the channel error");
        assertEquals("still alive", new String(d.body(), StandardCharsets.UTF_8));
    }

    @Test
    void redeclaringWithAnotherDurabilityFailsWith406NamingItAndTheConnectionStaysUsable() throws Exception {
        String x = exchange(ExchangeSpec.of(prefix + "x", ExchangeType.TOPIC));
        AmqpException e = assertThrows(AmqpException.class,
                () -> conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC).withDurable(true)));
        assertEquals(406, e.replyCode());
        assertTrue(e.replyText().contains("inequivalent arg 'durable'"), e.replyText());
        assertStillUsable(conn);
    }

    @Test
    void aPassiveDeclareOfAMissingQueueFailsWith404AndTheConnectionStaysUsable() throws Exception {
        AmqpException e = assertThrows(AmqpException.class, () -> conn.declareQueuePassive(prefix + "missing"));
        assertEquals(404, e.replyCode());
        assertTrue(e.replyText().contains("no queue '" + prefix + "missing'"), e.replyText());
        assertStillUsable(conn);
    }

    @Test
    void publishingToAMissingExchangeFailsWith404FromPublishWithoutConfirms() throws Exception {
        AmqpException e = assertThrows(AmqpException.class,
                () -> conn.publish(prefix + "nowhere", "k", false, MessageProperties.EMPTY, text("x")));
        assertEquals(404, e.replyCode());
        assertTrue(e.replyText().contains("no exchange '" + prefix + "nowhere'"), e.replyText());
        assertStillUsable(conn);
    }

    @Test
    void publishingToAMissingExchangeFailsWith404FromPublishWithConfirms() throws Exception {
        try (BrokerConnection confirmed = broker.connect(
                ConnectionOptions.named(prefix + "confirms").withPublisherConfirms(true))) {
            AmqpException e = assertThrows(AmqpException.class,
                    () -> confirmed.publish(prefix + "nowhere", "k", false, MessageProperties.EMPTY, text("x")));
            assertEquals(404, e.replyCode());
            assertStillUsable(confirmed);
        }
    }

    @Test
    void anExchangeDeletedByAnotherClientAfterUseIsReportedOnTheNextConfirmedPublish() {
        String x = exchange(ExchangeSpec.of(prefix + "doomed", ExchangeType.FANOUT));
        try (BrokerConnection confirmed = broker.connect(
                ConnectionOptions.named(prefix + "confirms").withPublisherConfirms(true));
             RabbitBroker other = new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
             BrokerConnection otherConn = other.connect(ConnectionOptions.named(prefix + "other"))) {
            confirmed.publish(x, "", false, MessageProperties.EMPTY, text("first"));
            otherConn.deleteExchange(x, false);
            AmqpException e = assertThrows(AmqpException.class,
                    () -> confirmed.publish(x, "", false, MessageProperties.EMPTY, text("second")));
            assertEquals(404, e.replyCode());
        }
    }

    @Test
    void anExchangeDeletedByAnotherClientIsReportedOnALaterUnconfirmedPublish() throws Exception {
        String x = exchange(ExchangeSpec.of(prefix + "doomed", ExchangeType.FANOUT));
        try (RabbitBroker other = new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
             BrokerConnection otherConn = other.connect(ConnectionOptions.named(prefix + "other"))) {
            conn.publish(x, "", false, MessageProperties.EMPTY, text("first"));
            otherConn.deleteExchange(x, false);
            // NOTE: without confirms the broker's 404 arrives asynchronously; it surfaces on a later publish.
            AmqpException seen = null;
            for (int i = 0; i < 200 && seen == null; i++) {
                try {
                    conn.publish(x, "", false, MessageProperties.EMPTY, text("again"));
                    Thread.sleep(10);
                } catch (AmqpException e) {
                    seen = e;
                }
            }
            assertNotNull(seen, "the missing exchange was never reported");
            assertEquals(404, seen.replyCode());
        }
    }

    @Test
    void anotherConnectionsExclusiveQueueFailsWith405() throws Exception {
        String q = prefix + "mine";
        conn.declareQueue(QueueSpec.named(q).withExclusive(true));
        try (BrokerConnection other = broker.connect(ConnectionOptions.named(prefix + "intruder"))) {
            AmqpException e = assertThrows(AmqpException.class,
                    () -> other.consume(q, ConsumeOptions.autoAcking(), d -> { }));
            assertEquals(405, e.replyCode());
            assertTrue(e.replyText().contains("exclusive"), e.replyText());
            assertStillUsable(other);
        }
    }

    @Test
    void bindingToAMissingExchangeFailsWith404() {
        String q = queue("q");
        AmqpException e = assertThrows(AmqpException.class, () -> conn.bind(q, prefix + "absent", "k", Map.of()));
        assertEquals(404, e.replyCode());
    }

    @Test
    void concurrentConfirmedPublishersAllGetTheirConfirms() throws Exception {
        String q = queue("many");
        int threads = 4;
        int each = 500;
        try (BrokerConnection confirmed = broker.connect(
                ConnectionOptions.named(prefix + "confirms").withPublisherConfirms(true))) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            confirmed.publish("", q, false, MessageProperties.EMPTY, text("m" + i));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join(60_000);
            }
            assertEquals(List.of(), failures);
            // every publish returned after its confirm, so every message is in the queue now
            assertEquals(threads * each, conn.declareQueuePassive(q).messageCount());
        }
    }

    /**
     * Many threads sharing one connection (as simulated computes do) declare side by side; the refusals among them
     * (406) reach only their own callers, every other declare and bind is done, and the connection stays usable.
     */
    @Test
    void concurrentDeclaresOnOneConnectionKeepTheirOwnRefusals() throws Exception {
        String x = exchange(ExchangeSpec.of(prefix + "shared-x", ExchangeType.TOPIC));
        int n = 40;
        for (int i = 0; i < n; i++) {
            queues.add(prefix + "c" + i);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                results.add(pool.submit(() -> {
                    if (k % 5 == 0) {
                        try {
                            conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC).withDurable(true));
                            return -1;
                        } catch (AmqpException e) {
                            return e.replyCode();
                        }
                    }
                    String q = prefix + "c" + k;
                    conn.declareQueue(QueueSpec.named(q));
                    conn.bind(q, x, "k" + k, Map.of());
                    return conn.declareQueuePassive(q).consumerCount() == 0 ? 200 : -2;
                }));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(i % 5 == 0 ? 406 : 200, results.get(i).get(30, TimeUnit.SECONDS), "command " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertStillUsable(conn);
    }
}
