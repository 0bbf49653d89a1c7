package io.osloscope.engine.rpc.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.error.DeliveryFailureException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real broker's nack does to calls and casts now that they do not wait for every confirm:
 * the topic queue here refuses every message ({@code x-overflow=reject-publish}, length 0), so
 * RabbitMQ nacks each request.
 */
@RequiresRabbit
class RabbitRpcConfirmTest extends RpcTestSupport {
    @Override
    protected Broker newBroker() {
        return new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
    }

    private RpcClient refusedClient() {
        try (BrokerConnection c = broker.connect(ConnectionOptions.named("rpc-test-setup"))) {
            c.declareExchange(ExchangeSpec.of(exchange, ExchangeType.TOPIC));
            c.declareQueue(new QueueSpec(topic, false, false, false,
                    Map.of("x-max-length", 0, "x-overflow", "reject-publish")));
            c.bind(topic, exchange, topic, Map.of());
        }
        return new RpcClient(clientTransport, Target.topic(topic),
                RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void aCallTheBrokerNacksFailsAtOnceInsteadOfTimingOut() {
        RpcClient c = refusedClient();
        long t0 = System.nanoTime();
        DeliveryFailureException e = assertThrows(DeliveryFailureException.class, () -> c.call(Map.of(), "whoami", Map.of()));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 10, "must not wait for the 30 s timeout");
        assertTrue(e.getMessage().contains("nack"), e.getMessage());
        String msgId = events(RpcEvents.RpcCallStarted.class).get(0).msgId();
        // The nack fails the caller first; the event is published by the confirm's thread right after.
        eventually(Duration.ofSeconds(5), "RpcFailed for the nacked call",
                () -> events(RpcEvents.RpcFailed.class).stream().anyMatch(f -> msgId.equals(f.msgId())));
    }

    @Test
    void castAsyncFailsOnANackAndTheBlockingCastStillThrows() {
        RpcClient c = refusedClient();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.castAsync(Map.of(), "record", Map.of("note", "x")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(DeliveryFailureException.class, e.getCause());
        assertThrows(MessagingException.class, () -> c.cast(Map.of(), "record", Map.of("note", "y")));
        eventually(Duration.ofSeconds(5), "both failures reported",
                () -> events(RpcEvents.RpcFailed.class).size() >= 2);
    }

    @Test
    void anAtLeastOnceCastAsyncThatNoQueueReceivesFailsWithMessageUndeliverable() {
        RpcClient c = new RpcClient(clientTransport, Target.topic(topic + "-unbound"),
                RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(10)));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.prepare().atLeastOnce(true).castAsync(Map.of(), "record", Map.of("note", "x"))
                        .get(10, TimeUnit.SECONDS));
        DeliveryFailureException d = assertInstanceOf(DeliveryFailureException.class, e.getCause());
        assertTrue(d.getMessage().startsWith("MessageUndeliverable"), d.getMessage());
    }
}
