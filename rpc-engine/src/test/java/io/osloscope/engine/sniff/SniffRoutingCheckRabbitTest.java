package io.osloscope.engine.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.engine.observe.CaptureEvents.RoutingChecked;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.osloscope.engine.sniff.SnifferRabbitTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 6 on the real host broker: a firehose capture's routing is explained from the management API's bindings and
 * compared with the queues the broker reported; a binding added after the bindings were read and an alternate
 * exchange are flagged as differences, the ordinary case agrees.
 */
@RequiresRabbit
class SniffRoutingCheckRabbitTest {
    private PrivateVhost vhost;
    private Connection app;
    private Channel ch;

    @BeforeEach
    void setUp() throws Exception {
        vhost = new PrivateVhost();
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RabbitTestSupport.host());
        f.setPort(RabbitTestSupport.port());
        f.setUsername(RabbitTestSupport.user());
        f.setPassword(RabbitTestSupport.password());
        f.setVirtualHost(vhost.name);
        app = f.newConnection("test-app:1:" + java.util.UUID.randomUUID());
        ch = app.createChannel();
        ch.exchangeDeclare("nova", BuiltinExchangeType.TOPIC, false, false, null);
        ch.queueDeclare("compute.h1", false, false, false, null);
        ch.queueBind("compute.h1", "nova", "compute.h1");
        ch.queueDeclare("audit", false, false, false, null);
        ch.exchangeDeclare("leftovers", BuiltinExchangeType.FANOUT, false, false, null);
        ch.queueDeclare("leftovers-q", false, false, false, null);
        ch.queueBind("leftovers-q", "leftovers", "");
        ch.exchangeDeclare("nova-ae", BuiltinExchangeType.TOPIC, false, false, Map.of("alternate-exchange", "leftovers"));
    }

    @AfterEach
    void tearDown() {
        try {
            if (app != null) {
                app.close();
            }
        } catch (Exception ignored) {
            // the vhost's deletion removes everything
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    private void publish(String exchange, String rk) throws Exception {
        AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().contentType("application/json")
                .headers(Map.of()).build();
        ch.basicPublish(exchange, rk, p, CallTrackerTestBodies.cast("start_instance").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void agreesOnTheBindingsItReadAndFlagsABindingAddedSinceAndAnAlternateExchange() throws Exception {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 10_000);
        // NOTE: a long refresh keeps the bindings snapshot taken at start, so the binding added below is newer.
        SnifferOptions o = vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true)
                .withTopologyRefresh(Duration.ofMinutes(10));
        try (Sniffer sniffer = new Sniffer(o, hub)) {
            sniffer.start();
            publish("nova", "compute.h1");
            await(() -> sniffer.store().size() >= 1, "the first publish");
            SniffedMessage agreed = publishes(sniffer).get(0);
            assertNotNull(agreed.routing(), "a firehose publish is checked");
            assertEquals(RoutingCheck.Outcome.AGREES, agreed.routing().outcome());
            assertNull(agreed.routing().difference());
            assertEquals(List.of("compute.h1"), agreed.routing().expected().queues());
            assertTrue(agreed.routing().expected().bindings().stream().anyMatch(b -> b.matched()
                    && b.reason().contains("compute.h1")), agreed.routing().expected().bindings().toString());

            ch.queueBind("audit", "nova", "compute.#");
            publish("nova", "compute.h1");
            publish("nova-ae", "nobody.listens");
            await(() -> publishes(sniffer).size() >= 3, "three publishes");
            RoutingCheck late = publishes(sniffer).get(1).routing();
            assertEquals(RoutingCheck.Outcome.DIFFERS, late.outcome(), String.valueOf(late.difference()));
            assertEquals(List.of("compute.h1"), late.expected().queues());
            assertTrue(late.reported().containsAll(List.of("compute.h1", "audit")), late.reported().toString());
            assertTrue(late.difference().contains("only the broker: audit"), late.difference());

            RoutingCheck ae = publishes(sniffer).get(2).routing();
            assertEquals(RoutingCheck.Outcome.DIFFERS, ae.outcome(), String.valueOf(ae.difference()));
            assertEquals(List.of(), ae.expected().queues(), "no binding of nova-ae matches");
            assertEquals(List.of("leftovers-q"), ae.reported(), "the alternate exchange routed it");
            assertEquals(2, sniffer.pipeline().routingDifferences());

            List<RoutingChecked> events = new ArrayList<>();
            List<EngineEvent> drained = new ArrayList<>();
            sub.drainTo(drained, 10_000);
            for (EngineEvent e : drained) {
                if (e instanceof RoutingChecked c) {
                    events.add(c);
                }
            }
            assertEquals(List.of("agrees", "differs", "differs"), events.stream().map(RoutingChecked::outcome).toList());
            assertEquals(-publishes(sniffer).get(1).seq(), events.get(1).expected().messageRef());
        }
    }

    private static List<SniffedMessage> publishes(Sniffer s) {
        return s.store().select(m -> m.raw().isPublish(), 100);
    }
}
