package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDeadLettered;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.MessageRequeued;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the in-memory broker can show: upstream RabbitMQ 4.3's 541 (no strict 4.3 broker runs here), the
 * release in {@code describe()}, queue types in the topology picture, and the events of quorum redeliveries,
 * delivery-limit drops and dead-letters.
 */
class MemoryQuorumTest {
    private static final Map<String, Object> QUORUM = Map.of("x-queue-type", "quorum");
    private final EventHub hub = new EventHub();
    private InMemoryBroker broker;

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private BrokerConnection open(RabbitVersion v) {
        broker = new InMemoryBroker(hub, Limits.DEFAULT, "q", v);
        return broker.connect(ConnectionOptions.named("quorum-test"));
    }

    @Test
    void rabbit43RefusesATransientNonExclusiveQueueWith541AndClosesTheConnection() {
        BrokerConnection c = open(RabbitVersion.V4_3);
        c.declareQueue(QueueSpec.named("reply_1").withDurable(true).withArguments(QUORUM));
        c.declareQueue(QueueSpec.serverNamedExclusive());
        AmqpException e = assertThrows(AmqpException.class, () -> c.declareQueue(QueueSpec.named("reply_2")));
        assertEquals(541, e.replyCode());
        assertEquals(AmqpErrors.replyText("INTERNAL_ERROR - " + AmqpErrors.TRANSIENT_NONEXCL_DENIED), e.replyText());
        assertTrue(e.replyText().startsWith("INTERNAL_ERROR - Feature `transient_nonexcl_queues` is deprecated.\n"
                + "By default, this feature is not permitted anymore.\n"), e.replyText());
        assertEquals(255, e.replyText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "RabbitMQ cuts reply texts to 255 bytes");
        assertTrue(e.replyText().endsWith("..."));
        assertFalse(c.isOpen(), "541 is a connection error");
        TransportConnectionException closed = assertThrows(TransportConnectionException.class,
                () -> c.declareQueuePassive("reply_1"));
        assertTrue(closed.getMessage().contains("closed by the broker: 541 INTERNAL_ERROR"), closed.getMessage());
        BrokerConnection other = broker.connect(ConnectionOptions.named("next"));
        assertEquals(0, other.declareQueuePassive("reply_1").messageCount(), "other connections and durable queues stay");
    }

    @Test
    void rabbit40AcceptsTransientQueuesAnd43RefusesThemEvenWhenQuorum() {
        open(RabbitVersion.V4_0).declareQueue(QueueSpec.named("t"));
        broker.close();
        BrokerConnection c = open(RabbitVersion.V4_3);
        assertEquals(541, assertThrows(AmqpException.class,
                () -> c.declareQueue(QueueSpec.named("t").withArguments(QUORUM))).replyCode());
    }

    @Test
    void describeNamesTheReleaseAndTopologyNamesQueueTypes() {
        BrokerConnection c = open(RabbitVersion.V4_0);
        assertEquals("memory://q?rabbitmq=4.0", broker.describe());
        assertEquals(RabbitVersion.V4_0, broker.version());
        c.declareQueue(QueueSpec.named("compute").withDurable(true).withArguments(QUORUM));
        c.declareQueue(QueueSpec.named("reply_x"));
        var views = broker.topology().queues();
        assertEquals(QueueType.QUORUM, views.get(0).type());
        assertEquals(QueueType.CLASSIC, views.get(1).type());
        assertEquals(Map.of("x-queue-type", "classic"), views.get(1).arguments(), "4.x writes the type in");
        broker.close();
        BrokerConnection old = open(RabbitVersion.V3_10);
        old.declareQueue(QueueSpec.named("reply_x"));
        assertEquals(Map.of(), broker.topology().queues().get(0).arguments(), "3.10 does not");
        assertEquals("memory://q?rabbitmq=3.10", broker.describe());
    }

    @Test
    void quorumRequeuesDeliveryLimitDropsAndDeadLettersAreEvents() throws InterruptedException {
        BrokerConnection c = open(RabbitVersion.V4_0);
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000);
        c.declareExchange(ExchangeSpec.of("dlx", ExchangeType.FANOUT));
        c.declareQueue(QueueSpec.named("dlq"));
        c.bind("dlq", "dlx", "", Map.of());
        c.declareQueue(QueueSpec.named("limited").withDurable(true)
                .withArguments(Map.of("x-queue-type", "quorum", "x-delivery-limit", 1)));
        c.declareQueue(QueueSpec.named("dead").withDurable(true)
                .withArguments(Map.of("x-queue-type", "quorum", "x-delivery-limit", 0, "x-dead-letter-exchange", "dlx")));
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        c.consume("limited", ConsumeOptions.manualAck(1), got::add);
        c.consume("dead", ConsumeOptions.manualAck(1), got::add);
        c.publish("", "limited", false, MessageProperties.EMPTY, new byte[]{1});
        c.publish("", "dead", false, MessageProperties.EMPTY, new byte[]{2});
        for (int i = 0; i < 3; i++) {
            got.poll(5, TimeUnit.SECONDS).nack(true);
        }
        List<EngineEvent> seen = new ArrayList<>();
        long end = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < end && seen.stream().noneMatch(e -> e instanceof MessageDeadLettered)) {
            sub.drainTo(seen, 1000);
            Thread.sleep(5);
        }
        sub.drainTo(seen, 1000);
        MessageRequeued requeued = (MessageRequeued) seen.stream().filter(e -> e instanceof MessageRequeued).findFirst()
                .orElseThrow();
        assertEquals("limited", requeued.queue());
        assertEquals(1, requeued.deliveryCount());
        assertEquals(1, requeued.deliveryLimit());
        assertTrue(seen.stream().anyMatch(e -> e instanceof MessageDiscarded d && d.queue().equals("limited")
                && d.reason() == DiscardReason.DELIVERY_LIMIT), () -> "no delivery-limit drop among " + seen);
        MessageDeadLettered dead = (MessageDeadLettered) seen.stream().filter(e -> e instanceof MessageDeadLettered)
                .findFirst().orElseThrow();
        assertEquals("dead", dead.queue());
        assertEquals("delivery_limit", dead.reason());
        assertEquals("dlx", dead.exchange());
        assertEquals("dead", dead.routingKey());
        assertTrue(dead.newRef() > 0);
        sub.close();
        assertEquals(1, c.declareQueuePassive("dlq").messageCount());
    }

    @Test
    void quorumExpiryDeadLettersThroughTheDefaultExchange() {
        BrokerConnection c = open(RabbitVersion.V4_0);
        c.declareQueue(QueueSpec.named("dlq"));
        c.declareQueue(QueueSpec.named("q").withDurable(true)
                .withArguments(Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", "dlq", "x-message-ttl", 0)));
        c.publish("", "q", false, MessageProperties.EMPTY, new byte[]{1});
        long end = System.currentTimeMillis() + 5000;
        while (c.declareQueuePassive("dlq").messageCount() == 0 && System.currentTimeMillis() < end) {
            Thread.onSpinWait();
        }
        assertEquals(1, c.declareQueuePassive("dlq").messageCount(), "dead-lettered through the default exchange");
        assertEquals(0, c.declareQueuePassive("q").messageCount());
    }
}
