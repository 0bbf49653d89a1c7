package io.osloscope.engine.rpc;

import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportTest {

    @Test
    void memoryUrlsShareOneBrokerPerNameAcrossTransports() {
        String name = "t-" + UUID.randomUUID();
        try (Transport a = Transport.open("memory://" + name); Transport b = Transport.open("memory://" + name, "nova");
             Transport other = Transport.open("memory://" + name + "-other"); Transport dflt = Transport.open("memory://")) {
            assertSame(a.broker(), b.broker());
            assertNotSame(a.broker(), other.broker());
            assertSame(Brokers.memory(null), dflt.broker());
            assertEquals("openstack", a.controlExchange());
            assertEquals("nova", b.controlExchange());
            assertSame(a.broker().events(), a.events());
        }
    }

    @Test
    void aServiceAndItsClientInTwoTransportsOfOneMemoryUrlTalk() {
        String url = "memory://t-" + UUID.randomUUID() + "?rabbit_qos_prefetch_count=5";
        try (Transport server = Transport.open(url, "nova"); Transport client = Transport.open(url, "nova")) {
            assertEquals(5, server.options().qosPrefetchCount());
            RpcServer s = RpcServer.create(server, Target.topic("compute").withServer("host1"), List.of(new Object() {
                public String hello(RpcContext ctxt, String name) {
                    return "hello " + name;
                }
            }));
            s.start();
            try {
                RpcClient c = new RpcClient(client, Target.topic("compute"), RpcClient.Options.defaults()
                        .withTimeout(Duration.ofSeconds(5)));
                assertEquals("hello nova", c.call(Map.of(), "hello", Map.of("name", "nova"), String.class));
            } finally {
                s.stop();
            }
        }
    }

    @Test
    void anUnreachableRabbitFailsWithAOneLineReasonAndNoPassword() {
        TransportConnectionException e = assertThrows(TransportConnectionException.class,
                () -> Transport.open("rabbit://guest:sup3rsecret@127.0.0.1:1/"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains("sup3rsecret"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void badUrlsAndOptionsFailBeforeConnecting() {
        assertThrows(MessagingException.class, () -> Transport.open("amqp://h/"));
        assertThrows(MessagingException.class, () -> Transport.open("memory://?no_such_option=1"));
    }

    @Test
    void connectionsAreNamedLikeOslos() {
        OsloDriver d = new OsloDriver(new InMemoryBroker(), TransportOptions.defaults().withProgramName("nova-compute"),
                null, (q, u) -> { });
        String name = d.newConnectionName();
        assertTrue(name.matches("nova-compute:" + ProcessHandle.current().pid()
                + ":[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), name);
    }

    @Test
    void aClosedTransportRefusesNewCalls() {
        Transport t = Transport.open("memory://t-" + UUID.randomUUID());
        t.close();
        RpcClient c = new RpcClient(t, Target.topic("x"));
        assertThrows(MessagingException.class, () -> c.call(Map.of(), "m", Map.of()));
        assertThrows(MessagingException.class, () -> c.cast(Map.of(), "m", Map.of()));
    }
}
