package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.wire.OsloEnvelope;
import io.osloscope.engine.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** messagingv2 notifications as oslo 14.0.3 sends them (interop case 19). */
class NotifierTest {
    private final InMemoryBroker broker = new InMemoryBroker();
    private final Transport transport = Transport.of(broker, TransportOptions.defaults().withControlExchange("nova"));

    private Delivery next(String queue) throws InterruptedException {
        LinkedBlockingQueue<Delivery> got = new LinkedBlockingQueue<>();
        BrokerConnection c = broker.connect(ConnectionOptions.named("listener"));
        c.consume(queue, ConsumeOptions.autoAcking(), got::add);
        Delivery d = got.poll(5, TimeUnit.SECONDS);
        c.close();
        return d;
    }

    @Test
    void anInfoNotificationGoesToTheControlExchangeAndWaitsInItsQueue() throws Exception {
        Notifier n = new Notifier(transport, "compute.host1");
        n.info(Map.of("request_id", "req-1", "auth_token", "SECRET", "user_id", "u1"), "compute.instance.create.end",
                Map.of("instance_id", "i-1"));
        Delivery d = next("notifications.info");
        assertNotNull(d, "the publisher declares and binds notifications.info");
        assertEquals("nova", d.exchange());
        assertEquals("notifications.info", d.routingKey());
        assertEquals(WireCodec.properties(null), d.properties());
        ObjectNode m = OsloEnvelope.unwrap(d.properties().contentType(), d.body()).message();
        List<String> keys = new ArrayList<>();
        m.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("message_id", "publisher_id", "event_type", "priority", "payload", "timestamp", "_unique_id"),
                keys.subList(0, 7));
        assertTrue(m.get("message_id").textValue().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("INFO", m.get("priority").textValue());
        assertEquals("compute.host1", m.get("publisher_id").textValue());
        assertEquals("i-1", m.get("payload").get("instance_id").textValue());
        assertTrue(m.get("timestamp").textValue().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"));
        assertEquals("req-1", m.get("_context_request_id").textValue());
        assertEquals("u1", m.get("_context_user_id").textValue());
        assertNull(m.get("_context_auth_token"), "14.0.3 drops keys outside its whitelist");
        assertFalse(new String(d.body()).contains("SECRET"));
    }

    @Test
    void theV1DriverSendsTheBareDictAndPrioritiesMapToRoutingKeys() throws Exception {
        Notifier n = new Notifier(transport, "svc", List.of("monitor"), false);
        n.warn(Map.of(), "thing.happened", List.of(1, 2));
        Delivery d = next("monitor.warn");
        JsonNode bare = WireCodec.parse(d.body());
        assertFalse(bare.has("oslo.version"));
        assertEquals("WARN", bare.get("priority").textValue());
        assertEquals("thing.happened", bare.get("event_type").textValue());
    }
}
