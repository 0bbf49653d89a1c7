package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.OsloTopology;
import io.osloscope.engine.rpc.TransportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectResolverTest {
    @TempDir
    Path dir;

    private static DialectResolver.Request req(String transport, List<Path> files, String dialect, String exchange) {
        return new DialectResolver.Request(transport, files, dialect, exchange, "nova", Map.of(), List.of("compute"));
    }

    @Test
    void kolla2025SetsWhatItsTemplatesRender() {
        DialectResolver.Resolved r = new DialectResolver().resolve(req("memory://", List.of(), "kolla-2025.1", null));
        TransportOptions o = r.options();
        assertTrue(o.quorumQueues() && o.transientQuorumQueue() && o.streamFanout() && o.useQueueManager());
        assertEquals(1, o.qosPrefetchCount());
        assertEquals("nova", o.controlExchange());
        assertEquals(Dialect.KOLLA_2025_1, r.dialect());
        assertTrue(r.reason().contains("kolla-2025.1"), r.reason());
    }

    @Test
    void laterConfigFilesOverrideEarlierOnesAndTheUrlOverridesFiles() throws Exception {
        Path a = Files.writeString(dir.resolve("nova.conf"), """
                [DEFAULT]
                transport_url = rabbit://nova:secret@ctl:5672/
                control_exchange = nova
                rpc_response_timeout = 30
                [oslo_messaging_rabbit]
                rabbit_quorum_queue = true
                rabbit_transient_quorum_queue = true
                rabbit_stream_fanout = true
                rabbit_qos_prefetch_count = 1
                heartbeat_in_pthread = false
                """);
        Path b = Files.writeString(dir.resolve("override.conf"), """
                [oslo_messaging_rabbit]
                # a later file wins, as with oslo.config's --config-file
                rabbit_qos_prefetch_count = 50
                rabbit_transient_queues_ttl = 0
                """);
        DialectResolver.Resolved r = new DialectResolver().resolve(req(
                "memory://?rabbit_qos_prefetch_count=7", List.of(a, b), null, null));
        assertEquals(7, r.options().qosPrefetchCount(), "the URL query beats the files");
        assertEquals(0, r.options().transientQueuesTtl());
        assertTrue(r.options().streamFanout());
        assertEquals(Duration.ofSeconds(30), r.options().rpcResponseTimeout());
        DialectResolver.Resolved fromFile = new DialectResolver(u -> {
            throw new AssertionError("no auto probing when config files describe the deployment");
        }).resolve(req(null, List.of(a, b), null, "neutron"));
        assertEquals("ctl", fromFile.url().hosts().get(0).hostname());
        assertEquals("neutron", fromFile.options().controlExchange(), "--exchange beats control_exchange");
        assertEquals(50, fromFile.options().qosPrefetchCount());
        assertFalse(fromFile.reason().contains("secret"), fromFile.reason());
    }

    @Test
    void streamFanoutWithoutTransientQuorumIsRefusedWithOslosReason() {
        MessagingException e = assertThrows(MessagingException.class, () -> new DialectResolver().resolve(req(
                "memory://?rabbit_stream_fanout=true&rabbit_qos_prefetch_count=1", List.of(), null, null)));
        assertTrue(e.getMessage().contains("rabbit_stream_fanout need rabbit_transient_quorum_queue"), e.getMessage());
        MessagingException zero = assertThrows(MessagingException.class, () -> new DialectResolver().resolve(req(
                "memory://?rabbit_qos_prefetch_count=0", List.of(), "kolla-2025.1", null)));
        assertTrue(zero.getMessage().contains("rabbit_qos_prefetch_count to be set to a value greater than 0"),
                zero.getMessage());
    }

    @Test
    void unknownDialectsAndOptionsNameWhatIsSupported() {
        MessagingException d = assertThrows(MessagingException.class,
                () -> new DialectResolver().resolve(req("memory://", List.of(), "kolla-1999", null)));
        assertTrue(d.getMessage().contains("kolla-2025.1") && d.getMessage().contains("auto"), d.getMessage());
        MessagingException o = assertThrows(MessagingException.class,
                () -> new DialectResolver().resolve(req("memory://?rabbit_stream_fanouts=true", List.of(), null, null)));
        assertTrue(o.getMessage().contains("rabbit_stream_fanout,"), o.getMessage());
    }

    @Test
    void autoFindsZedShapesAndFallsBackByBrokerVersionOnAnEmptyVhost() {
        InMemoryBroker broker = new InMemoryBroker();
        // the resolver closes the broker it probed; this one outlives each probe
        java.util.function.Function<io.osloscope.engine.rpc.TransportUrl, io.osloscope.engine.broker.Broker> kept =
                u -> new io.osloscope.engine.broker.ForwardingBroker(broker) {
                    @Override
                    public void close() {
                    }
                };
        DialectResolver onMemory = new DialectResolver(kept);
        DialectResolver.Resolved empty = onMemory.resolve(req("rabbit://h/", List.of(), "auto", null));
        assertEquals(Dialect.ZED, empty.dialect(), "a broker that does not say its version is treated as 3.x");
        assertEquals(Dialect.KOLLA_2025_1, DialectResolver.fallback("4.0.5"));
        assertEquals(Dialect.ZED, DialectResolver.fallback("3.10.8"));
        try (var c = broker.connect(io.osloscope.engine.broker.ConnectionOptions.named("setup"))) {
            c.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
            c.declareQueue(QueueSpec.named("compute"));
        }
        DialectResolver.Resolved zed = new DialectResolver(kept).resolve(req("rabbit://h/", List.of(), null,
                null));
        assertEquals(Dialect.ZED, zed.dialect());
        assertTrue(zed.reason().contains("exchange nova non-durable"), zed.reason());
    }

    @Test
    void aRefusedDeclareSaysWhatDiffersAndWhichDialectMatches() {
        String text = "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'compute' in vhost '/':"
                + " received 'classic' but current is 'quorum'";
        var e = DeclareMismatch.explain(new AmqpException(406, text), OsloTopology.Role.TOPIC_QUEUE, "compute",
                OsloTopology.topicQueue(TransportOptions.defaults().withDurableQueues(true), "compute"));
        assertTrue(e.getMessage().contains("x-queue-type = quorum"), e.getMessage());
        assertEquals("kolla-2024.1", e.matchingDialect());
        DeclareMismatch.Difference typed = DeclareMismatch.parse("PRECONDITION_FAILED - inequivalent arg 'x-expires'"
                + " for queue 'reply_x' in vhost '/': received none but current is the value '1800000' of type 'signedint'");
        assertEquals("1800000", typed.current());
        assertEquals("none", typed.received());
        assertNull(DeclareMismatch.parse("NOT_FOUND - no queue 'x' in vhost '/'"));
    }

    @Test
    void oslosQueueArgumentsPerDialect() {
        TransportOptions kolla = Dialect.KOLLA_2025_1.applyTo(TransportOptions.defaults());
        assertEquals(Map.of("x-queue-type", "stream", "x-max-age", "1800s"),
                OsloTopology.fanoutQueue(kolla, "compute_fanout").arguments());
        assertEquals(Map.of("x-queue-type", "quorum", "x-expires", 1_800_000),
                OsloTopology.replyQueue(kolla, "reply_a").arguments());
        assertEquals(Map.of("x-queue-type", "quorum"),
                OsloTopology.replyQueue(kolla.withTransientQueuesTtl(0), "reply_a").arguments(), "ttl 0: no x-expires");
        assertTrue(OsloTopology.fanoutExchange(kolla, "compute").durable());
        assertFalse(OsloTopology.fanoutExchange(TransportOptions.defaults(), "compute").durable());
        TransportOptions limits = kolla.with("rabbit_quorum_delivery_limit", "5")
                .with("rabbit_quorum_max_memory_length", "10");
        assertEquals(Map.of("x-queue-type", "quorum", "x-delivery-limit", 5, "x-max-in-memory-length", 10),
                OsloTopology.topicQueue(limits, "compute").arguments());
    }
}
