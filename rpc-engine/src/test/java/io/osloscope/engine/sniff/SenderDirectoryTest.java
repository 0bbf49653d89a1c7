package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.SenderDirectory;
import io.osloscope.engine.wire.Sender;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Naming the process behind each connection from real management API answers. */
class SenderDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode answer(String path) throws IOException {
        try (InputStream in = SenderDirectoryTest.class.getClassLoader().getResourceAsStream("golden/" + path)) {
            return JSON.readTree(in);
        }
    }

    private static Map<String, Sender> resolve(String capture) throws IOException {
        return SenderDirectory.resolve(ManagementClient.parseConnections(answer(capture + "/topology/connections.json")),
                ManagementClient.parseConsumedQueues(answer(capture + "/topology/consumers.json")));
    }

    @Test
    void aSendConnectionIsNamedByTheServerQueueItsProcessConsumes() throws IOException {
        // oslo 16.1 on RabbitMQ 4.0.5: the cmp1 server (pid 18037) replies from a connection that consumes nothing
        Map<String, Sender> s = resolve("oslo-16.1.0-rabbitmq-4.0.5");
        assertEquals(new Sender("oslo_server.py", "cmp1", 18037), s.get("127.0.0.1:59312 -> 127.0.0.1:5673"));
        assertEquals(new Sender("oslo_server.py", "cmp1", 18037), s.get("127.0.0.1:39620 -> 127.0.0.1:5673"));
        assertEquals(new Sender("oslo_server.py", "cmp2", 18078), s.get("127.0.0.1:39634 -> 127.0.0.1:5673"));
        Sender sniffer = s.get("127.0.0.1:39616 -> 127.0.0.1:5673");
        assertEquals("127.0.0.1", sniffer.host());
        assertEquals("not an oslo connection: golden-firehose", sniffer.unknownWhy());
    }

    @Test
    void realNovaStartedWithoutItsConsoleScriptIsNamedByWhatEachProcessServes() throws IOException {
        // Debian's nova Zed run as 'python3 -c ...': oslo names its connections "-c:<pid>:<uuid>"
        Map<String, Sender> s = resolve("nova-zed-real");
        assertEquals(new Sender("nova-conductor", "rn-controller", 22217), s.get("127.0.0.1:42248 -> 127.0.0.1:5672"));
        assertEquals(new Sender("nova-conductor", "rn-controller", 22218), s.get("127.0.0.1:42200 -> 127.0.0.1:5672"));
        assertEquals(new Sender("nova-scheduler", "rn-controller", 22224), s.get("127.0.0.1:42208 -> 127.0.0.1:5672"));
        // the compute's reply-queue connection and its send connection: same process as compute.rn-compute1's
        assertEquals(new Sender("nova-compute", "rn-compute1", 22050), s.get("127.0.0.1:42230 -> 127.0.0.1:5672"));
        assertEquals(new Sender("nova-compute", "rn-compute1", 22050), s.get("127.0.0.1:42238 -> 127.0.0.1:5672"));
        assertEquals("nova-compute@rn-compute1", s.get("127.0.0.1:42238 -> 127.0.0.1:5672").label());
    }

    @Test
    void aProgramNameInTheConnectionNameWinsAndAProcessServingNothingKeepsItsPeerAddress() {
        var conns = List.of(
                new ManagementSnapshot.Connection("10.0.0.5:40000 -> 10.0.0.1:5672", "nova", "10.0.0.5", 40000,
                        "nova-api:812:0cd90ebb-9e8a-41d6-b97f-4a437bf99ccc", null, null, null, "running", 1),
                new ManagementSnapshot.Connection("10.0.0.7:40001 -> 10.0.0.1:5672", "nova", "10.0.0.7", 40001,
                        "nova-compute:99:3e906850-9a61-4cdb-9ad2-0afae74e6ec3", null, null, null, "running", 1),
                new ManagementSnapshot.Connection("10.0.0.7:40002 -> 10.0.0.1:5672", "nova", "10.0.0.7", 40002,
                        "nova-compute:99:955b8fe4-c154-482a-9b32-6308d6d7c144", null, null, null, "running", 1));
        Map<String, Sender> s = SenderDirectory.resolve(conns, Map.of(
                "10.0.0.7:40001 -> 10.0.0.1:5672", List.of("compute", "compute.cmp7.example.org",
                        "compute_fanout_3e906850aa")));
        assertEquals(new Sender("nova-api", "10.0.0.5", 812), s.get("10.0.0.5:40000 -> 10.0.0.1:5672"));
        assertEquals(new Sender("nova-compute", "cmp7.example.org", 99), s.get("10.0.0.7:40002 -> 10.0.0.1:5672"));
    }

    @Test
    void anUnknownConnectionReadsTheApiAgainButAtMostOncePerInterval() {
        AtomicInteger reads = new AtomicInteger();
        List<ManagementSnapshot.Connection> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        MutableClock clock = new MutableClock();
        SenderDirectory d = new SenderDirectory(new SenderDirectory.Source() {
            @Override
            public List<ManagementSnapshot.Connection> connections() {
                reads.incrementAndGet();
                return List.copyOf(live);
            }

            @Override
            public Map<String, List<String>> consumedQueues() {
                return Map.of();
            }
        }, clock, Duration.ofSeconds(2));
        assertNull(d.senderOf("10.0.0.5:1 -> 10.0.0.1:5672"));
        assertNull(d.senderOf("10.0.0.5:1 -> 10.0.0.1:5672"));
        assertEquals(1, reads.get(), "one read for two lookups within the interval");
        live.add(new ManagementSnapshot.Connection("10.0.0.5:1 -> 10.0.0.1:5672", "nova", "10.0.0.5", 1,
                "nova-api:812:0cd90ebb-9e8a-41d6-b97f-4a437bf99ccc", null, null, null, "running", 1));
        clock.now = clock.now.plusSeconds(3);
        assertEquals("nova-api", d.senderOf("10.0.0.5:1 -> 10.0.0.1:5672").service());
        assertEquals("nova-api", d.senderOf("10.0.0.5:1 -> 10.0.0.1:5672").service());
        assertEquals(2, reads.get(), "a known connection is not read again");
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
