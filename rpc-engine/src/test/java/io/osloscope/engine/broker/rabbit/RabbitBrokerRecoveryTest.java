package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.DeliveryHandler;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.ConnectionChanged;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lost connection: an error by default, a reconnect with automatic recovery on (as the sniffer uses it). */
@RequiresRabbit
class RabbitBrokerRecoveryTest {
    private final String prefix = "osloscope-test-rabbit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final EventHub hub = new EventHub();

    private RabbitSettings through(TcpProxy proxy) {
        return new RabbitSettings(List.of(new RabbitSettings.HostPort("127.0.0.1", proxy.port())),
                RabbitTestSupport.user(), RabbitTestSupport.password(), "/", 10, null);
    }

    private static List<String> states(EventSubscription sub, String awaited) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !seen.contains(awaited)) {
            List<EngineEvent> batch = new ArrayList<>();
            sub.drainTo(batch, 1000);
            batch.stream().filter(ConnectionChanged.class::isInstance).map(e -> ((ConnectionChanged) e).state())
                    .forEach(seen::add);
            Thread.sleep(50);
        }
        return seen;
    }

    @Test
    void withoutRecoveryALostConnectionIsReportedAndItsConsumersAreCancelledByTheBroker() throws Exception {
        try (TcpProxy proxy = new TcpProxy(RabbitTestSupport.host(), RabbitTestSupport.port());
             EventSubscription sub = hub.subscribe(EventFilter.ofTypes(Set.of(ConnectionChanged.class)), 100);
             RabbitBroker broker = new RabbitBroker(through(proxy), hub)) {
            BrokerConnection c = broker.connect(ConnectionOptions.named(prefix + "fragile"));
            String q = c.declareQueue(QueueSpec.serverNamedExclusive()).name();
            BlockingQueue<Boolean> cancelled = new ArrayBlockingQueue<>(1);
            c.consume(q, ConsumeOptions.autoAcking(), new DeliveryHandler() {
                @Override
                public void handle(Delivery delivery) {
                }

                @Override
                public void cancelled(String consumerTag, boolean byBroker) {
                    cancelled.add(byBroker);
                }
            });
            proxy.cutAll();
            assertEquals(Boolean.TRUE, cancelled.poll(10, TimeUnit.SECONDS));
            assertTrue(states(sub, "lost").contains("lost"));
            assertFalse(c.isOpen());
            TransportConnectionException e = assertThrows(TransportConnectionException.class,
                    () -> c.declareQueuePassive(q));
            assertTrue(e.getMessage().startsWith("connection to 127.0.0.1:" + proxy.port()), e.getMessage());
        }
    }

    @Test
    void withAutomaticRecoveryTheConnectionAndItsConsumerComeBackAfterALoss() throws Exception {
        String q = prefix + "survivor";
        try (TcpProxy proxy = new TcpProxy(RabbitTestSupport.host(), RabbitTestSupport.port());
             EventSubscription sub = hub.subscribe(EventFilter.ofTypes(Set.of(ConnectionChanged.class)), 100);
             RabbitBroker broker = new RabbitBroker(through(proxy).withAutomaticRecovery(true), hub)) {
            BrokerConnection c = broker.connect(ConnectionOptions.named(prefix + "sturdy"));
            try {
                c.declareQueue(QueueSpec.named(q).withAutoDelete(false));
                BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
                List<Boolean> cancellations = new java.util.concurrent.CopyOnWriteArrayList<>();
                c.consume(q, ConsumeOptions.autoAcking(), new DeliveryHandler() {
                    @Override
                    public void handle(Delivery d) {
                        got.add(new String(d.body()));
                    }

                    @Override
                    public void cancelled(String consumerTag, boolean byBroker) {
                        cancellations.add(byBroker);
                    }
                });
                c.publish("", q, false, MessageProperties.EMPTY, "before".getBytes());
                assertEquals("before", got.poll(5, TimeUnit.SECONDS));

                proxy.cutAll();
                List<String> seen = states(sub, "recovered");
                assertTrue(seen.contains("lost") && seen.contains("recovered"), seen.toString());

                c.publish("", q, false, MessageProperties.EMPTY, "after".getBytes());
                String after = got.poll(10, TimeUnit.SECONDS);
                assertNotNull(after, "the consumer did not come back");
                assertEquals("after", after);
                assertEquals(List.of(), cancellations, "a recovered consumer was never cancelled");
            } finally {
                c.deleteQueue(q, false, false);
            }
        }
    }
}
