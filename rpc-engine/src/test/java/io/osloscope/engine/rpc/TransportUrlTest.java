package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.error.MessagingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transport URL parsing as oslo's {@code TransportURL.parse} and kombu do (interop case 21). */
class TransportUrlTest {
    @Test
    void memoryUrlChoosesTheRabbitReleaseToFollow() {
        TransportUrl u = TransportUrl.parse("memory://cloud?rabbitmq=4.3&rabbit_qos_prefetch_count=10");
        assertEquals(RabbitVersion.V4_3, u.memoryVersion());
        assertEquals(java.util.Map.of("rabbit_qos_prefetch_count", "10"), u.query(), "not an oslo option");
        assertEquals("memory://cloud?rabbitmq=4.3&rabbit_qos_prefetch_count=10", u.toString());
        assertNull(TransportUrl.parse("memory://").memoryVersion());
        assertEquals(RabbitVersion.V3_10, TransportUrl.parse("memory://?rabbitmq=3.10.8").memoryVersion());
        MessagingException bad = assertThrows(MessagingException.class, () -> TransportUrl.parse("memory://?rabbitmq=5.1"));
        assertTrue(bad.getMessage().contains("use 3.10, 3.13, 4.0 or 4.3"), bad.getMessage());
        assertThrows(MessagingException.class, () -> TransportUrl.parse("rabbit://h/?rabbitmq=4.0"));
    }

    @Test
    void aNamedMemoryBrokerFollowsOneRelease() {
        String name = "url-test-" + System.nanoTime();
        var b = Brokers.memory(name, RabbitVersion.V3_10);
        assertEquals("memory://" + name + "?rabbitmq=3.10", b.describe());
        assertEquals(b, Brokers.memory(name, null));
        MessagingException clash = assertThrows(MessagingException.class, () -> Brokers.memory(name, RabbitVersion.V4_0));
        assertTrue(clash.getMessage().contains("already runs with RabbitMQ 3.10 rules"), clash.getMessage());
        b.close();
    }


    @Test
    void multipleHostsKeepTheirOwnCredentialsAndDefaultPort() {
        TransportUrl u = TransportUrl.parse("rabbit://a:pa@h1:5673,b:pb@h2/");
        assertEquals(List.of(new TransportUrl.Host("a", "pa", "h1", 5673), new TransportUrl.Host("b", "pb", "h2", 5672)),
                u.hosts());
    }

    @Test
    void credentialsArePercentDecodedAndSplitAtTheLastAt() {
        TransportUrl u = TransportUrl.parse("rabbit://us%40er:p@ss%3Aw%2Fd+x@rabbit.example:5672/");
        TransportUrl.Host h = u.hosts().get(0);
        assertEquals("us@er", h.username());
        assertEquals("p@ss:w/d+x", h.password());
        assertEquals("rabbit.example", h.hostname());
    }

    @Test
    void ipv6HostsAreBracketed() {
        TransportUrl u = TransportUrl.parse("rabbit://guest:guest@[fd00::1]:5671,[::1]/");
        assertEquals("fd00::1", u.hosts().get(0).hostname());
        assertEquals(5671, u.hosts().get(0).port());
        assertEquals("::1", u.hosts().get(1).hostname());
        assertEquals(5672, u.hosts().get(1).port());
    }

    @Test
    void vhostFormsFollowKombu() {
        assertNull(TransportUrl.parse("rabbit://h").virtualHost());
        assertEquals("", TransportUrl.parse("rabbit://h/").virtualHost());
        assertEquals("/", TransportUrl.parse("rabbit://h//").virtualHost());
        assertEquals("nova", TransportUrl.parse("rabbit://h/nova").virtualHost());
        assertEquals("/nova", TransportUrl.parse("rabbit://h/%2Fnova").virtualHost());
        assertEquals("/", TransportUrl.parse("rabbit://h/").toRabbitSettings(60, null).virtualHost());
        assertEquals("/nova", TransportUrl.parse("rabbit://h/%2Fnova").toRabbitSettings(60, null).virtualHost());
    }

    @Test
    void aBareRabbitUrlMeansGuestOnLocalhost() {
        RabbitSettings s = TransportUrl.parse("rabbit://").toRabbitSettings(60, null);
        assertEquals("guest", s.username());
        assertEquals("localhost", s.hosts().get(0).host());
        assertEquals(5672, s.hosts().get(0).port());
    }

    @Test
    void queryOptionsOverrideTheDefaults() {
        TransportUrl u = TransportUrl.parse("rabbit://h/?amqp_durable_queues=true&amqp_auto_delete=yes"
                + "&rabbit_qos_prefetch_count=5&rabbit_transient_queues_ttl=60&kombu_missing_consumer_retry_timeout=0.5");
        TransportOptions o = TransportOptions.defaults().withQuery(u.query());
        assertTrue(o.durableQueues());
        assertTrue(o.autoDelete());
        assertEquals(5, o.qosPrefetchCount());
        assertEquals(60, o.transientQueuesTtl());
        assertEquals(Duration.ofMillis(500), o.missingReplyQueueRetry());
        assertFalse(TransportOptions.defaults().durableQueues());
        assertEquals(1800, TransportOptions.defaults().transientQueuesTtl());
    }

    @Test
    void unknownQueryKeysAreRejectedNamingTheKey() {
        TransportUrl u = TransportUrl.parse("rabbit://h/?rabbit_durable=true");
        MessagingException e = assertThrows(MessagingException.class, () -> TransportOptions.defaults().withQuery(u.query()));
        assertTrue(e.getMessage().contains("rabbit_durable"), e.getMessage());
        assertTrue(e.getMessage().contains("amqp_durable_queues"), e.getMessage());
    }

    @Test
    void badOptionValuesAreRejected() {
        TransportUrl u = TransportUrl.parse("rabbit://h/?amqp_durable_queues=maybe");
        assertThrows(MessagingException.class, () -> TransportOptions.defaults().withQuery(u.query()));
    }

    @Test
    void passwordsNeverShowInToString() {
        TransportUrl u = TransportUrl.parse("rabbit://nova:s3cret@h1:5672,nova:s3cret@h2:5672/nova");
        assertFalse(u.toString().contains("s3cret"), u.toString());
        assertEquals("rabbit://nova:***@h1:5672,nova:***@h2:5672/nova", u.toString());
        assertFalse(u.toRabbitSettings(60, null).toString().contains("s3cret"));
    }

    @Test
    void memoryUrlsNameTheirBroker() {
        assertTrue(TransportUrl.parse("memory://").isMemory());
        assertNull(TransportUrl.parse("memory://").memoryName());
        assertEquals("lab", TransportUrl.parse("memory://lab").memoryName());
    }

    @Test
    void otherSchemesAndBadPortsFailWithAReasonButNoPassword() {
        MessagingException e = assertThrows(MessagingException.class, () -> TransportUrl.parse("kafka://u:secret@h/"));
        assertTrue(e.getMessage().contains("kafka"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        MessagingException p = assertThrows(MessagingException.class, () -> TransportUrl.parse("rabbit://u:secret@h:99999/"));
        assertFalse(p.getMessage().contains("secret"), p.getMessage());
        assertThrows(MessagingException.class, () -> TransportUrl.parse("no-scheme"));
    }

    // The sniffer's URLs (formerly sniff/BrokerAddress): one parser for every rabbit:// the program reads.

    @Test
    void anOsloTransportUrlGivesHostsCredentialsAndVhost() {
        TransportUrl u = TransportUrl.parse("rabbit://nova:p%40ss@r1:5673,r2/nova");
        RabbitSettings s = u.toRabbitSettings(60, null);
        assertEquals(List.of(new RabbitSettings.HostPort("r1", 5673), new RabbitSettings.HostPort("r2", 5672)), s.hosts());
        assertEquals("nova", s.username());
        assertEquals("p@ss", s.password());
        assertEquals("nova", s.virtualHost());
        assertFalse(u.tls());
    }

    @Test
    void vhostFormsFollowOsloInRabbitSettings() {
        assertEquals("/", TransportUrl.parse("rabbit://h/").toRabbitSettings(60, null).virtualHost());
        assertEquals("/", TransportUrl.parse("rabbit://h//").toRabbitSettings(60, null).virtualHost());
        assertEquals("/nova", TransportUrl.parse("rabbit://h/%2Fnova").toRabbitSettings(60, null).virtualHost());
        assertEquals("guest", TransportUrl.parse("rabbit://h").toRabbitSettings(60, null).username());
    }

    @Test
    void tlsIsAskedForBySchemeOrQuery() {
        TransportUrl u = TransportUrl.parse("rabbits://u:p@h/");
        assertTrue(u.tls());
        assertEquals(5671, u.toRabbitSettings(60, null).hosts().get(0).port());
        assertTrue(TransportUrl.parse("rabbit://u:p@h:5671/?ssl=1").tls());
        assertEquals(5671, TransportUrl.parse("rabbit://u:p@h/?ssl=true").hosts().get(0).port());
        assertFalse(TransportUrl.parse("rabbit://u:p@h/?ssl=0").tls());
        assertEquals("rabbits://u:***@h:5671/", u.toString());
    }

    @Test
    void badUrlsAreRefusedWithoutShowingThePassword() {
        MessagingException e = assertThrows(MessagingException.class,
                () -> TransportUrl.parse("rabbit://u:secret@h:99999/"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(MessagingException.class, () -> TransportUrl.parse("kafka://h"));
        assertThrows(MessagingException.class, () -> TransportUrl.parse(""));
        assertThrows(MessagingException.class, () -> TransportUrl.parse(null));
        MessagingException m = assertThrows(MessagingException.class,
                () -> TransportUrl.parse("memory://").toRabbitSettings(60, null));
        assertTrue(m.getMessage().contains("rabbit://"), m.getMessage());
    }
}
