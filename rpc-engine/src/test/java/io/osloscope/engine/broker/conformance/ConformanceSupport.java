package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.error.AmqpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixture shared by the conformance suites: a fresh broker object and connection per test, names
 * unique per run, and cleanup of every queue and exchange a test declared (through a fresh
 * connection, so tests may close theirs). Subclasses say which broker with {@link #newBroker()}.
 */
public abstract class ConformanceSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    protected Broker broker;
    protected BrokerConnection conn;
    private final List<String> queuesToDelete = new ArrayList<>();
    private final List<String> exchangesToDelete = new ArrayList<>();
    private final List<BrokerConnection> connections = new ArrayList<>();

    /** The broker under test; called once per test. */
    protected abstract Broker newBroker();

    /**
     * The RabbitMQ release of the broker under test, for assertions on behaviour that differs between releases: a
     * real broker's as it reports it, the in-memory broker's as it was built to follow (the release of the broker
     * its Rabbit twin runs against).
     */
    protected abstract RabbitVersion version();

    @BeforeEach
    void openBroker() {
        broker = newBroker();
        conn = connect("conformance-main");
    }

    @AfterEach
    void cleanUp() {
        try (BrokerConnection c = broker.connect(ConnectionOptions.named("conformance-cleanup"))) {
            for (String q : queuesToDelete) {
                try {
                    c.deleteQueue(q, false, false);
                } catch (RuntimeException ignored) {
                    // already gone, or someone else's exclusive queue that goes with its connection
                }
            }
            for (String x : exchangesToDelete) {
                try {
                    c.deleteExchange(x, false);
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        } finally {
            for (BrokerConnection c : connections) {
                c.close();
            }
            broker.close();
        }
    }

    protected BrokerConnection connect(String purpose) {
        BrokerConnection c = broker.connect(ConnectionOptions.named(purpose + "-" + RUN));
        connections.add(c);
        return c;
    }

    /** A name unique to this run and test, e.g. {@code conformance-q-1a2b3c4d-17}. */
    protected static String unique(String base) {
        return "conformance-" + base + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** Declares a plain queue with a unique name and registers it for cleanup. */
    protected String queue(String base) {
        return queue(QueueSpec.named(unique(base)));
    }

    protected String queue(QueueSpec spec) {
        String name = conn.declareQueue(spec).name();
        queuesToDelete.add(name);
        return name;
    }

    /** Registers a queue declared some other way for cleanup. */
    protected String track(String queue) {
        queuesToDelete.add(queue);
        return queue;
    }

    protected String exchange(String base, ExchangeType type) {
        return exchange(ExchangeSpec.of(unique(base), type));
    }

    protected String exchange(ExchangeSpec spec) {
        exchangesToDelete.add(spec.name());
        conn.declareExchange(spec);
        return spec.name();
    }

    protected String trackExchange(String exchange) {
        exchangesToDelete.add(exchange);
        return exchange;
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    protected void publish(String exchange, String key, String body) {
        conn.publish(exchange, key, false, MessageProperties.EMPTY, utf8(body));
    }

    protected void publishAll(String exchange, String key, String... bodies) {
        for (String b : bodies) {
            publish(exchange, key, b);
        }
    }

    protected int ready(String queue) {
        return conn.declareQueuePassive(queue).messageCount();
    }

    /** Polls until the condition holds or the deadline passes. */
    protected static void eventually(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + deadline.toMillis() + " ms: " + what);
            }
            sleep(10);
        }
    }

    /** Waits until the queue reports {@code expected} ready messages (publishing on RabbitMQ is asynchronous). */
    protected void awaitReady(String queue, int expected) {
        eventually(Duration.ofSeconds(5), queue + " holds " + expected + " ready", () -> ready(queue) == expected);
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts the AMQP reply code and exact RabbitMQ reply text. */
    protected static AmqpException assertAmqpError(int code, String text, Executable op) {
        AmqpException e = assertThrows(AmqpException.class, op);
        assertEquals(code, e.replyCode(), () -> "reply code of: " + e.getMessage());
        if (text != null) {
            assertEquals(text, e.replyText());
        }
        return e;
    }

    protected static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
