package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fire path's broker: RpcClient casts through it, refused with the exact message until armed, topology never changed. */
class GuardedBrokerTest {
    private static final String ID = "rabbit://guest:***@10.0.0.1:5672/";
    private InMemoryBroker memory;
    private BrokerConnection admin;
    private PublishGuard guard;
    private GuardedBroker guarded;

    @BeforeEach
    void setUp() {
        memory = new InMemoryBroker(new EventHub());
        admin = memory.connect(ConnectionOptions.named("admin"));
        admin.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
        admin.declareQueue(QueueSpec.named("compute.cmp1"));
        admin.bind("compute.cmp1", "nova", "compute.cmp1", Map.of());
        guard = new PublishGuard();
        guarded = new GuardedBroker(memory, guard, ID);
    }

    @AfterEach
    void tearDown() {
        guarded.close();
    }

    private void cast(String exchange, String method) {
        try (Transport t = Transport.of(guarded, TransportOptions.defaults())) {
            new RpcClient(t, Target.topic("compute")).prepare().exchange(exchange).server("cmp1")
                    .cast(Map.of("request_id", "req-1"), method, Map.of("n", 1));
        }
    }

    @Test
    void anUnarmedCastIsRefusedCarryingTheExactMessageAndNothingReachesTheBroker() {
        PublishGuard.PublishRefusedException e = assertThrows(PublishGuard.PublishRefusedException.class,
                () -> cast("nova", "start_instance"));
        PublishRequest r = e.request();
        assertNotNull(r, "the refusal carries what would have been published");
        assertEquals("nova", r.exchange());
        assertEquals("compute.cmp1", r.routingKey());
        assertEquals("application/json", r.properties().contentType());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("oslo.message") && body.contains("start_instance") && body.contains("req-1"), body);
        assertEquals(0, admin.declareQueuePassive("compute.cmp1").messageCount());
    }

    @Test
    void anArmedCastGoesThroughTheRpcClientAndIsCheckedAgainOnEveryPublish() {
        guard.arm(ID);
        cast("nova", "start_instance");
        assertEquals(1, admin.declareQueuePassive("compute.cmp1").messageCount());

        guard.disarm(ID);
        assertThrows(PublishGuard.PublishRefusedException.class, () -> cast("nova", "stop_instance"));
        assertEquals(1, admin.declareQueuePassive("compute.cmp1").messageCount());
    }

    @Test
    void theFirePathNeverDeclaresTopology() {
        guard.arm(ID);
        AmqpException missing = assertThrows(AmqpException.class, () -> cast("glance", "start_instance"));
        assertEquals(AmqpException.NOT_FOUND, missing.replyCode());
        assertTrue(missing.getMessage().contains("does not declare topology"), missing.getMessage());
        assertEquals(404, assertThrows(AmqpException.class, () -> admin.declareExchangePassive("glance")).replyCode(),
                "the missing exchange was not created");
        try (BrokerConnection c = guarded.connect(ConnectionOptions.named("x"))) {
            assertThrows(SnifferException.class, () -> c.declareQueue(QueueSpec.named("reply_x")));
            assertThrows(SnifferException.class, () -> c.bind("compute.cmp1", "nova", "#", Map.of()));
            assertThrows(SnifferException.class, () -> c.purgeQueue("compute.cmp1"));
            assertThrows(SnifferException.class, () -> c.consume("compute.cmp1", null, d -> { }));
        }
    }

    @Test
    void aConfirmedRequestIsPublishedExactlyOnceArmed() {
        PublishRequest r = assertThrows(PublishGuard.PublishRefusedException.class,
                () -> cast("nova", "start_instance")).request();
        assertThrows(PublishGuard.PublishRefusedException.class, () -> guarded.publish(r));
        guard.arm(ID);
        guarded.publish(r);
        assertEquals(1, admin.declareQueuePassive("compute.cmp1").messageCount());
    }
}
