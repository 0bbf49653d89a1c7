package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code publishAsync} on RabbitMQ: the future follows the broker's publisher confirm (ack, nack,
 * or the channel closing first) and the blocking {@code publish} still waits for it.
 */
@RequiresRabbit
class RabbitPublishAsyncTest {
    private final String prefix = "osloscope-test-async-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private RabbitBroker broker;
    private BrokerConnection confirmed;

    @BeforeEach
    void open() {
        broker = new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
        confirmed = broker.connect(ConnectionOptions.named(prefix + "confirms").withPublisherConfirms(true));
    }

    @AfterEach
    void cleanUp() {
        RabbitTestSupport.deleteAll(queues, exchanges);
        broker.close();
    }

    private String queue(String suffix, Map<String, Object> args) {
        String name = prefix + suffix;
        queues.add(name);
        confirmed.declareQueue(new QueueSpec(name, false, false, false, args));
        return name;
    }

    /** A queue that refuses every message: RabbitMQ nacks each publish to it. */
    private String refusingQueue() {
        return queue("full", Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void manyAsyncPublishesAllCompleteOnTheirConfirmsAndArriveInOrder() throws Exception {
        String q = queue("many", Map.of());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(confirmed.publishAsync("", q, false, MessageProperties.EMPTY, text("m" + i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertEquals(1000, confirmed.declareQueuePassive(q).messageCount());
    }

    @Test
    void aNackFailsTheFutureAndTheBlockingPublish() {
        String q = refusingQueue();
        CompletableFuture<Void> f = confirmed.publishAsync("", q, false, MessageProperties.EMPTY, text("refused"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(MessagingException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("nack"), e.getCause().getMessage());
        MessagingException blocking = assertThrows(MessagingException.class,
                () -> confirmed.publish("", q, false, MessageProperties.EMPTY, text("refused too")));
        assertTrue(blocking.getMessage().contains("nack"), blocking.getMessage());
    }

    @Test
    void anExchangeDeletedByAnotherClientFailsTheFutureWith404() throws Exception {
        String x = prefix + "doomed";
        exchanges.add(x);
        confirmed.declareExchange(ExchangeSpec.of(x, ExchangeType.FANOUT));
        confirmed.publishAsync(x, "", false, MessageProperties.EMPTY, text("first")).get(10, TimeUnit.SECONDS);
        try (RabbitBroker other = new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
             BrokerConnection otherConn = other.connect(ConnectionOptions.named(prefix + "other"))) {
            otherConn.deleteExchange(x, false);
        }
        // NOTE: the exchange is still believed to exist, so the frame goes out and the broker closes the channel.
        CompletableFuture<Void> f = confirmed.publishAsync(x, "", false, MessageProperties.EMPTY, text("second"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        AmqpException amqp = assertInstanceOf(AmqpException.class, e.getCause());
        assertEquals(404, amqp.replyCode());
        String q = queue("after", Map.of());
        confirmed.publishAsync("", q, false, MessageProperties.EMPTY, text("still usable")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutConfirmsTheFutureIsCompleteWhenPublishAsyncReturns() {
        try (BrokerConnection plain = broker.connect(ConnectionOptions.named(prefix + "plain"))) {
            String q = queue("plain", Map.of());
            assertTrue(plain.publishAsync("", q, false, MessageProperties.EMPTY, text("x")).isDone());
        }
    }

    @Test
    void closingTheConnectionSettlesEveryOutstandingFuture() throws Exception {
        String q = queue("closing", Map.of());
        BrokerConnection c = broker.connect(ConnectionOptions.named(prefix + "closing").withPublisherConfirms(true));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(c.publishAsync("", q, false, MessageProperties.EMPTY, text("m" + i)));
        }
        c.close();
        for (CompletableFuture<Void> f : futures) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertInstanceOf(MessagingException.class, e.getCause());
            }
        }
    }
}
