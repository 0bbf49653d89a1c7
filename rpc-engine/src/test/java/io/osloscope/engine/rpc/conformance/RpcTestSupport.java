package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixture of the RPC suites: one broker per test, a server transport and a client transport (two
 * "processes"), a control exchange and topic unique per test, and cleanup of every queue and
 * exchange the RPC layer declared. Subclasses choose the broker.
 */
public abstract class RpcTestSupport {
    protected Broker broker;
    protected Transport serverTransport;
    protected Transport clientTransport;
    protected String exchange;
    protected String topic;
    protected TransportOptions options;
    private EventSubscription events;
    private final List<EngineEvent> seen = new CopyOnWriteArrayList<>();
    private final List<RpcServer> servers = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();
    private final List<String> extraQueues = new ArrayList<>();

    protected abstract Broker newBroker();

    @BeforeEach
    void openTransports() {
        broker = newBroker();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        exchange = "osloscope-test-" + id;
        topic = "rpctest-" + id;
        options = TransportOptions.defaults().withControlExchange(exchange)
                .withMissingReplyQueueRetry(Duration.ofMillis(1500)).withProgramName("osloscope-test");
        events = broker.events().subscribe(null, 100_000);
        serverTransport = transport(options);
        clientTransport = transport(options);
    }

    protected Transport transport(TransportOptions o) {
        Transport t = Transport.of(broker, o);
        transports.add(t);
        return t;
    }

    protected RpcServer server(String server, List<?> endpoints) {
        return server(server, endpoints, RpcServer.Options.defaults());
    }

    protected RpcServer server(String server, List<?> endpoints, RpcServer.Options o) {
        RpcServer s = RpcServer.create(serverTransport, new Target(null, topic, server, false, null, null), endpoints, o);
        servers.add(s);
        s.start();
        return s;
    }

    protected void trackQueue(String q) {
        extraQueues.add(q);
    }

    @AfterEach
    void cleanUp() {
        try {
            for (RpcServer s : servers) {
                s.stop();
                s.await(Duration.ofSeconds(5));
            }
            List<String> replyQueues = new ArrayList<>();
            for (Transport t : transports) {
                if (t.replyQueue() != null) {
                    replyQueues.add(t.replyQueue());
                }
                t.close();
            }
            try (BrokerConnection c = broker.connect(ConnectionOptions.named("rpc-test-cleanup"))) {
                List<String> queues = new ArrayList<>(replyQueues);
                queues.add(topic);
                queues.addAll(extraQueues);
                for (RpcServer s : servers) {
                    queues.add(topic + "." + s.target().server());
                }
                for (String q : queues) {
                    quietly(() -> c.deleteQueue(q, false, false));
                }
                quietly(() -> c.deleteExchange(topic + "_fanout", false));
                quietly(() -> c.deleteExchange(exchange, false));
            }
        } finally {
            events.close();
            broker.close();
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // NOTE(cleanup): already gone is fine.
        }
    }

    /** Every event seen so far of that type, in arrival order. */
    protected <T extends EngineEvent> List<T> events(Class<T> type) {
        List<EngineEvent> batch = new ArrayList<>();
        events.drainTo(batch, Integer.MAX_VALUE);
        seen.addAll(batch);
        List<T> out = new ArrayList<>();
        for (EngineEvent e : seen) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    protected static void eventually(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(20);
        }
        if (!condition.getAsBoolean()) {
            fail("not within " + deadline.toMillis() + " ms: " + what);
        }
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
