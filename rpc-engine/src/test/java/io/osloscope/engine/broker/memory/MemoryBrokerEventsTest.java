package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.ConnectionChanged;
import io.osloscope.engine.observe.BrokerEvents.DiscardReason;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.MessageEnqueued;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.BrokerEvents.TopologyChanged;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the in-memory broker tells the observation stream: every step of a message, with reasons. */
class MemoryBrokerEventsTest {
    private final EventHub hub = new EventHub();
    private InMemoryBroker broker;
    private EventSubscription sub;
    private BrokerConnection conn;
    private final List<EngineEvent> seen = new ArrayList<>();

    @BeforeEach
    void open() {
        broker = new InMemoryBroker(hub);
        sub = hub.subscribe(EventFilter.ALL, 10_000);
        conn = broker.connect(ConnectionOptions.named("events-test"));
    }

    @AfterEach
    void close() {
        broker.close();
        sub.close();
    }

    private <T extends EngineEvent> T await(Class<T> type, Predicate<T> which) {
        long end = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < end) {
            for (EngineEvent e : seen) {
                if (type.isInstance(e) && which.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            if (sub.drainTo(seen, 1000) == 0) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        fail("no " + type.getSimpleName() + " among " + seen);
        return null;
    }

    @Test
    void aMessageLeavesATrailFromPublishToAck() {
        conn.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
        conn.declareQueue(QueueSpec.named("compute.host1"));
        conn.declareQueue(QueueSpec.named("scheduler"));
        conn.bind("compute.host1", "nova", "compute.*", Map.of());
        conn.bind("scheduler", "nova", "scheduler", Map.of());
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        conn.consume("compute.host1", ConsumeOptions.manualAck(1), got::add);
        conn.publish("nova", "compute.host1", false, MessageProperties.EMPTY, "hi".getBytes(StandardCharsets.UTF_8));

        MessagePublished pub = await(MessagePublished.class, e -> true);
        assertEquals("events-test", pub.connection());
        assertEquals("hi", new String(pub.message().body(), StandardCharsets.UTF_8));
        MessageRouted routed = await(MessageRouted.class, e -> e.messageRef() == pub.messageRef());
        assertEquals(List.of("compute.host1"), routed.queues());
        assertEquals("topic", routed.exchangeType());
        assertEquals(List.of(
                new BindingMatch("nova", "compute.host1", "compute.*", true,
                        "topic pattern 'compute.*' matches 'compute.host1': '*' took 'host1'"),
                new BindingMatch("nova", "scheduler", "scheduler", false,
                        "topic pattern 'scheduler' does not match 'compute.host1'")), routed.bindings());
        MessageEnqueued enq = await(MessageEnqueued.class, e -> e.messageRef() == pub.messageRef());
        assertEquals(1, enq.depth());
        MessageDelivered del = await(MessageDelivered.class, e -> e.messageRef() == pub.messageRef());
        assertFalse(del.redelivered());
        assertEquals("events-test", del.connection());
        assertTrue(pub.seq() < routed.seq() && routed.seq() < enq.seq() && enq.seq() < del.seq());
        try {
            got.poll(5, TimeUnit.SECONDS).ack();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        MessageSettled settled = await(MessageSettled.class, e -> e.messageRef() == pub.messageRef());
        assertEquals(Settlement.ACK, settled.settlement());
        assertTrue(settled.seq() > del.seq());
    }

    @Test
    void anUnroutableMandatoryMessageIsReportedAsRoutedNowhereAndReturned() {
        conn.declareExchange(ExchangeSpec.of("x", ExchangeType.DIRECT));
        conn.declareQueue(QueueSpec.named("q"));
        conn.bind("q", "x", "b", Map.of());
        conn.publish("x", "a", true, MessageProperties.EMPTY, new byte[0]);
        MessageRouted routed = await(MessageRouted.class, e -> true);
        assertTrue(routed.unroutable());
        assertEquals("key 'a' ≠ binding 'b'", routed.bindings().get(0).reason());
        MessageReturned ret = await(MessageReturned.class, e -> e.messageRef() == routed.messageRef());
        assertEquals(312, ret.replyCode());
    }

    @Test
    void queueDepthIsReportedWithEachEnqueue() {
        conn.declareQueue(QueueSpec.named("q"));
        for (int i = 0; i < 3; i++) {
            conn.publish("", "q", false, MessageProperties.EMPTY, new byte[0]);
        }
        await(MessageEnqueued.class, e -> e.depth() == 3);
        MessageRouted routed = await(MessageRouted.class, e -> true);
        assertEquals("default exchange: routing key names queue 'q'", routed.bindings().get(0).reason());
    }

    @Test
    void expiredAndOverflowingMessagesAreReportedAsDiscarded() {
        conn.declareQueue(QueueSpec.named("ttl").withArguments(Map.of("x-message-ttl", 50)));
        conn.declareQueue(QueueSpec.named("max").withArguments(Map.of("x-max-length", 1)));
        conn.publish("", "ttl", false, MessageProperties.EMPTY, new byte[0]);
        conn.publish("", "max", false, MessageProperties.EMPTY, new byte[0]);
        conn.publish("", "max", false, MessageProperties.EMPTY, new byte[0]);
        assertNotNull(await(MessageDiscarded.class, e -> e.queue().equals("ttl") && e.reason() == DiscardReason.EXPIRED));
        assertNotNull(await(MessageDiscarded.class, e -> e.queue().equals("max") && e.reason() == DiscardReason.MAX_LENGTH));
    }

    @Test
    void requeuedDeliveriesAreFlaggedInTheirEvents() {
        conn.declareQueue(QueueSpec.named("q"));
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        conn.consume("q", ConsumeOptions.manualAck(1), got::add);
        conn.publish("", "q", false, MessageProperties.EMPTY, new byte[0]);
        try {
            got.poll(5, TimeUnit.SECONDS).nack(true);
            got.poll(5, TimeUnit.SECONDS).ack();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        await(MessageSettled.class, e -> e.settlement() == Settlement.NACK && e.requeue());
        await(MessageDelivered.class, MessageDelivered::redelivered);
    }

    @Test
    void topologyConnectionAndHandlerFailuresAreReported() {
        conn.declareQueue(QueueSpec.named("q"));
        conn.consume("q", ConsumeOptions.autoAcking(), d -> {
            throw new IllegalStateException("boom");
        });
        conn.publish("", "q", false, MessageProperties.EMPTY, new byte[0]);
        ListenerFailed failed = await(ListenerFailed.class, e -> true);
        assertEquals("boom", failed.message());
        await(TopologyChanged.class, e -> e.change() == TopologyChange.QUEUE_DECLARED && e.name().equals("q"));
        await(TopologyChanged.class, e -> e.change() == TopologyChange.CONSUMER_ADDED && "q".equals(e.other()));
        conn.close();
        await(ConnectionChanged.class, e -> e.state().equals("closed") && e.connection().equals("events-test"));
    }

    @Test
    void withoutSubscribersNothingIsBuilt() {
        sub.close();
        long before = hub.publishedCount();
        conn.declareQueue(QueueSpec.named("q"));
        conn.publish("", "q", false, MessageProperties.EMPTY, new byte[0]);
        assertEquals(before, hub.publishedCount());
    }
}
