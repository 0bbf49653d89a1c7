package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ConsumerHandle;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.BrokerEvents.Settlement;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.BrokerEvents.TopologyChanged;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.NodeEvents.ListenerFailed;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the RabbitMQ adapter observes itself: its topology, publishes, deliveries, settlements and returns. */
@RequiresRabbit
class RabbitBrokerEventsTest {
    private final String prefix = "osloscope-test-rabbit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final EventHub hub = new EventHub();
    private EventSubscription sub;
    private RabbitBroker broker;
    private BrokerConnection conn;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    @BeforeEach
    void open() {
        sub = hub.subscribe(EventFilter.ALL, 10_000);
        broker = new RabbitBroker(RabbitTestSupport.settings(), hub);
        conn = broker.connect(ConnectionOptions.named(prefix + "conn").withPublisherConfirms(true));
    }

    @AfterEach
    void cleanUp() {
        queues.forEach(q -> conn.deleteQueue(q, false, false));
        exchanges.forEach(x -> conn.deleteExchange(x, false));
        broker.close();
        sub.close();
    }

    private List<EngineEvent> drain() {
        List<EngineEvent> out = new ArrayList<>();
        sub.drainTo(out, 10_000);
        return out;
    }

    private static <T> List<T> only(List<EngineEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aPublishDeliveryAndAckAreEachObservedOnce() throws Exception {
        String x = prefix + "x";
        String q = prefix + "q";
        exchanges.add(x);
        queues.add(q);
        conn.declareExchange(ExchangeSpec.of(x, ExchangeType.TOPIC).withDurable(false));
        conn.declareQueue(new QueueSpec(q, false, false, false, Map.of("x-expires", 60_000)));
        conn.bind(q, x, "compute.*", Map.of());
        BlockingQueue<Delivery> got = new ArrayBlockingQueue<>(1);
        ConsumerHandle consumer = conn.consume(q, ConsumeOptions.manualAck(10), got::add);

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("k", "v");
        MessageProperties props = MessageProperties.EMPTY.withContentType("application/json")
                .withContentEncoding("utf-8").withHeaders(headers).withDeliveryMode(2).withCorrelationId("c-1");
        byte[] body = "{\"oslo.version\": \"2.0\"}".getBytes(StandardCharsets.UTF_8);
        conn.publish(x, "compute.host1", false, props, body);
        Delivery d = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(d);
        assertEquals("v", d.properties().headers().get("k"), "header strings come back as String");
        assertEquals("c-1", d.properties().correlationId());
        assertNull(d.properties().replyTo(), "absent stays absent");
        assertFalse(d.redelivered());
        d.ack();
        d.ack(); // ignored: a second settlement never reaches the broker
        consumer.cancel();

        List<EngineEvent> events = drain();
        List<String> topology = only(events, TopologyChanged.class).stream()
                .map(t -> t.change() + " " + t.name() + (t.other() == null ? "" : " " + t.other())
                        + (t.key() == null ? "" : " " + t.key())).toList();
        assertEquals(List.of(
                TopologyChange.EXCHANGE_DECLARED + " " + x,
                TopologyChange.QUEUE_DECLARED + " " + q,
                TopologyChange.BOUND + " " + q + " " + x + " compute.*",
                TopologyChange.CONSUMER_ADDED + " " + consumer.consumerTag() + " " + q,
                TopologyChange.CONSUMER_CANCELLED + " " + consumer.consumerTag() + " " + q), topology);
        assertEquals("x-expires=60000", only(events, TopologyChanged.class).get(1).detail());

        MessagePublished published = only(events, MessagePublished.class).get(0);
        assertTrue(published.messageRef() > 0);
        assertEquals(prefix + "conn", published.connection());
        assertEquals("compute.host1", published.routingKey());
        assertArrayEquals(body, published.message().body());

        MessageDelivered delivered = only(events, MessageDelivered.class).get(0);
        assertEquals(q, delivered.queue());
        assertEquals(x, delivered.exchange());
        assertEquals(consumer.consumerTag(), delivered.consumerTag());

        List<MessageSettled> settled = only(events, MessageSettled.class);
        assertEquals(1, settled.size());
        assertEquals(Settlement.ACK, settled.get(0).settlement());
        assertEquals(delivered.deliveryTag(), settled.get(0).deliveryTag());
    }

    @Test
    void anUnroutableMandatoryMessageComesBackToTheReturnListenerAndAsAnEvent() throws Exception {
        String x = prefix + "lonely";
        exchanges.add(x);
        conn.declareExchange(ExchangeSpec.of(x, ExchangeType.DIRECT));
        BlockingQueue<ReturnedMessage> returned = new ArrayBlockingQueue<>(1);
        conn.addReturnListener(returned::add);

        conn.publish(x, "nobody", true, MessageProperties.EMPTY.withMessageId("m-1"), "lost".getBytes());
        ReturnedMessage m = returned.poll(5, TimeUnit.SECONDS);
        assertNotNull(m, "no basic.return");
        assertEquals(312, m.replyCode());
        assertEquals("NO_ROUTE", m.replyText());
        assertEquals("m-1", m.properties().messageId());

        List<EngineEvent> events = drain();
        MessageReturned event = only(events, MessageReturned.class).get(0);
        MessagePublished publish = only(events, MessagePublished.class).get(0);
        assertEquals(x, event.exchange());
        assertEquals("nobody", event.routingKey());
        assertEquals(publish.messageRef(), event.messageRef(), "the return is tied to its publish");
        assertTrue(publish.seq() < event.seq(), "the publish sorts before its return");

        conn.publish(x, "nobody", false, MessageProperties.EMPTY, "dropped".getBytes());
        assertNull(returned.poll(300, TimeUnit.MILLISECONDS), "a non-mandatory message is dropped silently");
    }

    @Test
    void aRejectedDeliveryComesBackRedeliveredAndBothSettlementsAreObserved() throws Exception {
        String q = prefix + "again";
        queues.add(q);
        conn.declareQueue(QueueSpec.named(q));
        BlockingQueue<Delivery> got = new ArrayBlockingQueue<>(2);
        conn.consume(q, ConsumeOptions.manualAck(1), got::add);
        conn.publish("", q, false, MessageProperties.EMPTY, "retry me".getBytes());
        Delivery first = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        first.reject(true);
        Delivery second = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(second);
        assertTrue(second.redelivered());
        second.nack(false);
        List<MessageSettled> settled = only(drain(), MessageSettled.class);
        assertEquals(List.of(Settlement.REJECT, Settlement.NACK), settled.stream().map(MessageSettled::settlement).toList());
        assertEquals(List.of(true, false), settled.stream().map(MessageSettled::requeue).toList());
    }

    @Test
    void aHandlerThatThrowsIsReportedAndItsConsumerKeepsReceiving() throws Exception {
        String q = prefix + "faulty";
        queues.add(q);
        conn.declareQueue(QueueSpec.named(q));
        BlockingQueue<String> got = new ArrayBlockingQueue<>(2);
        conn.consume(q, ConsumeOptions.autoAcking(), d -> {
            String s = new String(d.body(), StandardCharsets.UTF_8);
            got.add(s);
            if (s.equals("boom")) {
                throw new IllegalStateException("handler exploded");
            }
        });
        conn.publish("", q, false, MessageProperties.EMPTY, "boom".getBytes());
        conn.publish("", q, false, MessageProperties.EMPTY, "fine".getBytes());
        assertEquals("boom", got.poll(5, TimeUnit.SECONDS));
        assertEquals("fine", got.poll(5, TimeUnit.SECONDS));
        ListenerFailed failed = only(drain(), ListenerFailed.class).get(0);
        assertEquals("handler exploded", failed.message());
        assertTrue(failed.where().contains(q), failed.where());
    }

    @Test
    void aSlowConsumerDoesNotHoldUpAnotherConsumerOnTheSameConnection() throws Exception {
        String slow = prefix + "slow";
        String fast = prefix + "fast";
        queues.add(slow);
        queues.add(fast);
        conn.declareQueue(QueueSpec.named(slow));
        conn.declareQueue(QueueSpec.named(fast));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<String> fastGot = new ArrayBlockingQueue<>(1);
        conn.consume(slow, ConsumeOptions.autoAcking(), d -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        conn.consume(fast, ConsumeOptions.autoAcking(), d -> fastGot.add("got it"));
        conn.publish("", slow, false, MessageProperties.EMPTY, "stuck".getBytes());
        conn.publish("", fast, false, MessageProperties.EMPTY, "quick".getBytes());
        try {
            assertEquals("got it", fastGot.poll(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void deletingAQueueCancelsItsConsumerAsSeenByTheHandler() throws Exception {
        String q = prefix + "gone";
        conn.declareQueue(QueueSpec.named(q));
        BlockingQueue<Boolean> cancelledByBroker = new ArrayBlockingQueue<>(1);
        conn.consume(q, ConsumeOptions.autoAcking(), new io.osloscope.engine.broker.DeliveryHandler() {
            @Override
            public void handle(Delivery delivery) {
            }

            @Override
            public void cancelled(String consumerTag, boolean byBroker) {
                cancelledByBroker.add(byBroker);
            }
        });
        conn.deleteQueue(q, false, false);
        assertEquals(Boolean.TRUE, cancelledByBroker.poll(5, TimeUnit.SECONDS));
    }
}
