package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.sniff.health.HealthHint;
import io.osloscope.engine.sniff.health.HealthHint.Kind;
import io.osloscope.engine.sniff.health.HealthHints;
import io.osloscope.engine.sniff.health.QueueManagerName;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.sniff.mgmt.TopologySnapshot;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.OsloDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sniffer on what real oslo 16.1.0 (RabbitMQ 4.0.5) and 18.3.0 (RabbitMQ 4.3.6) put on the wire in the
 * kolla-2025.1 dialect: their firehose captures decoded and paired by the pipeline, and their management API
 * answers read into topology, quorum and stream details and health hints.
 */
class ModernGoldenSniffTest {

    private static SniffPipeline pipeline(CallTracker tracker) {
        return new SniffPipeline(new OsloDecoder(), tracker, new CaptureStore(1000), new EventHub(), Clock.systemUTC(), 16);
    }

    private static TopologySnapshot topology(String capture, Instant at) {
        return new TopologySnapshot(at, "/", ManagementClient.parseExchanges(ModernGolden.topology(capture, "exchanges")),
                ManagementClient.parseQueues(ModernGolden.topology(capture, "queues_detailed")),
                ManagementClient.parseBindings(ModernGolden.topology(capture, "bindings")),
                ManagementClient.parseConnections(ModernGolden.topology(capture, "connections")));
    }

    private static Map<String, QueueDetails> details(String capture) {
        return QueueDetails.parse(ModernGolden.topology(capture, "queues_detailed"),
                ModernGolden.topology(capture, "consumers"));
    }

    private static Instant end(List<RawCapture> captures) {
        return captures.get(captures.size() - 1).at();
    }

    @ParameterizedTest
    @ValueSource(strings = {ModernGolden.OSLO16, ModernGolden.OSLO18})
    void repliesToAQueueManagerReplyQueueArePairedAndTheSummaryAgreesWithTheRecords(String capture) {
        List<RawCapture> captures = ModernGolden.firehose(capture);
        Set<String> queues = topology(capture, end(captures)).queuesByName().keySet();
        CallTracker tracker = new CallTracker();
        SniffPipeline p = pipeline(tracker);
        // the reply queue outlived its caller: 0 consumers when the topology was read, but it exists
        assertEquals(0, topology(capture, end(captures)).queue("reply_vm:nova-api:1").orElseThrow().consumers());
        p.setReplyQueueProbe(q -> !queues.contains(q));
        List<SniffedMessage> records = captures.stream().map(p::process).filter(Objects::nonNull).toList();
        List<SniffedMessage> replies = records.stream().filter(m -> m.raw().isPublish() && m.kind().isReply()).toList();
        CallTracker.Counts c = tracker.counts();
        assertTrue(c.calls() >= 2, c.toString());
        assertEquals(c.calls(), replies.size(), "every call got its reply");
        assertTrue(replies.stream().allMatch(m -> m.pairing() == Outcome.PAIRED),
                replies.stream().map(m -> m.method() + " " + m.pairing()).toList().toString());
        assertEquals(1, replies.stream().filter(m -> m.kind() == MessageKind.FAILURE_REPLY).count());
        assertEquals(count(records, Outcome.PAIRED), c.paired());
        assertEquals(1, c.failures());
        assertEquals(count(records, Outcome.REPLY_QUEUE_GONE), c.repliesToVanishedQueues());
        assertEquals(0, c.repliesToVanishedQueues(), "no false reply_queue_gone");
        assertTrue(records.stream().anyMatch(m -> m.kind() == MessageKind.FANOUT && m.raw().isPublish()
                && m.raw().routedQueues().equals(List.of("compute_fanout"))), "the fanout went to the stream");
    }

    @Test
    void aReplyTheBrokerDroppedIsReplyQueueGoneInTheRecordAndInTheSummary() {
        List<RawCapture> captures = ModernGolden.firehose(ModernGolden.OSLO16);
        CallTracker tracker = new CallTracker();
        SniffPipeline p = pipeline(tracker);
        p.setReplyQueueProbe("reply_vm:nova-api:1"::equals); // as if it had expired before the replies came
        List<SniffedMessage> records = captures.stream().map(p::process).filter(Objects::nonNull).toList();
        assertEquals(2, count(records, Outcome.REPLY_QUEUE_GONE));
        assertEquals(0, count(records, Outcome.PAIRED));
        CallTracker.Counts c = tracker.counts();
        assertEquals(2, c.repliesToVanishedQueues());
        assertEquals(0, c.paired(), "dropped replies are not counted as paired");
        assertEquals(0, c.pending());
    }

    private static long count(List<SniffedMessage> records, Outcome o) {
        return records.stream().filter(m -> m.pairing() == o).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {ModernGolden.OSLO16, ModernGolden.OSLO18})
    void queueManagerQueuesAreGroupedNotOrphansAndTheStreamFanoutIsListed(String capture) {
        TopologySnapshot t = topology(capture, Instant.parse("2026-12-07T12:00:00Z"));
        List<HealthHint> hints = HealthHints.compute(t, t, new CallTracker(), 0, details(capture));
        assertTrue(hints.stream().noneMatch(h -> h.kind() == Kind.ORPHAN_REPLY_QUEUE
                || h.kind() == Kind.ORPHAN_FANOUT_QUEUE || h.kind() == Kind.NO_CONSUMER), hints.toString());
        HealthHint group = only(hints, Kind.QUEUE_MANAGER_IDLE);
        assertEquals("vm:nova-api", group.subject());
        assertTrue(group.message().contains("reply_vm:nova-api:1") && group.message().contains("next nova-api on vm"),
                group.message());
        HealthHint stream = only(hints, Kind.STREAM_FANOUT);
        assertEquals("compute_fanout", stream.subject());
        assertEquals(HealthHint.Severity.INFO, stream.severity());
        assertTrue(stream.message().contains("2 consumer(s)") && stream.message().contains("from last")
                && stream.message().contains("x-max-age 1800s") && stream.message().contains("x-max-length-bytes none")
                && stream.message().contains("offset lag: not reported"), stream.message());
        assertFalse(stream.message().contains("stale"), stream.message());
    }

    @Test
    void aStreamReportingConsumersItNoLongerListsIsRecognisedAsStale() {
        JsonNode consumers = ModernGolden.topology(ModernGolden.OSLO16, "consumers").deepCopy();
        ((ArrayNode) consumers).removeIf(c -> c.path("queue").path("name").asText().equals("compute_fanout"));
        Map<String, QueueDetails> d = QueueDetails.parse(ModernGolden.topology(ModernGolden.OSLO16, "queues_detailed"),
                consumers);
        assertTrue(d.get("compute_fanout").staleConsumerCount());
        assertFalse(d.get("compute.cmp1").staleConsumerCount());
        TopologySnapshot t = topology(ModernGolden.OSLO16, Instant.now());
        HealthHint stream = only(HealthHints.compute(t, null, null, 0, d), Kind.STREAM_FANOUT);
        assertEquals(HealthHint.Severity.WARNING, stream.severity());
        assertTrue(stream.message().contains("0 consumer(s)") && stream.message().contains("reports 2 but lists none"),
                stream.message());
    }

    @Test
    void quorumDetailsCarryTheBrokersOwnFieldNames() {
        Map<String, QueueDetails> d16 = details(ModernGolden.OSLO16);
        QueueDetails cmp1 = d16.get("compute.cmp1");
        assertTrue(cmp1.isQuorum());
        assertEquals("modern@localhost", cmp1.leader());
        assertEquals(List.of("modern@localhost"), cmp1.members());
        assertEquals(List.of("modern@localhost"), cmp1.online());
        assertEquals(20, cmp1.deliveryLimit(), "4.x's default delivery limit");
        assertEquals(0, cmp1.redeliveries());
        assertEquals(0L, cmp1.returnedReady());
        QueueDetails stream = d16.get("compute_fanout");
        assertTrue(stream.isStream());
        assertEquals("1800s", stream.maxAge());
        assertNull(stream.maxLengthBytes());
        assertEquals(1, stream.retained());
        assertEquals(1, stream.segments());
        assertEquals(List.of("last", "last"), stream.consumers().stream().map(QueueDetails.Consumer::startOffset).toList());
        assertTrue(stream.consumers().stream().allMatch(c -> c.offsetLag() == null));
        assertNull(d16.get("amq.gen-YEotLS1Zmmu4hcjP6l65kw").leader());
        assertNotNull(d16.get("amq.gen-YEotLS1Zmmu4hcjP6l65kw").idleSince() == null ? "busy" : "idle");
        assertEquals(20, details(ModernGolden.OSLO18).get("compute").deliveryLimit());
    }

    @Test
    void aQueueManagerReplyQueueNearItsExpiryWithPendingCallsIsWarnedAbout() {
        List<RawCapture> captures = ModernGolden.firehose(ModernGolden.OSLO16);
        CallTracker tracker = new CallTracker();
        SniffPipeline p = pipeline(tracker);
        p.process(captures.get(0)); // the ping call, its reply never seen
        Instant at = captures.get(0).at().plusSeconds(2);
        TopologySnapshot t = topology(ModernGolden.OSLO16, at);
        Map<String, QueueDetails> d = new java.util.HashMap<>(details(ModernGolden.OSLO16));
        String reply = "reply_vm:nova-api:1";
        d.put(reply, d.get(reply).withIdleSince(at.minus(Duration.ofMinutes(29)).minusSeconds(30)));
        HealthHint warn = only(HealthHints.compute(t, null, tracker, 0, d), Kind.QUEUE_MANAGER_EXPIRY);
        assertEquals(reply, warn.subject());
        assertTrue(warn.message().contains("in about 30 s") && warn.message().contains("1 call(s)"), warn.message());

        d.put(reply, d.get(reply).withIdleSince(at.minus(Duration.ofMinutes(5))));
        assertTrue(HealthHints.compute(t, null, tracker, 0, d).stream()
                .noneMatch(h -> h.kind() == Kind.QUEUE_MANAGER_EXPIRY), "half an hour's x-expires is far away");
        d.put(reply, d.get(reply).withIdleSince(at.minus(Duration.ofMinutes(29)).minusSeconds(30)));
        assertTrue(HealthHints.compute(t, null, new CallTracker(), 0, d).stream()
                .noneMatch(h -> h.kind() == Kind.QUEUE_MANAGER_EXPIRY), "no call waits there");
    }

    @Test
    void classicUuidReplyQueuesWithoutConsumerStayOrphans() {
        TopologySnapshot.Queue uuid = new TopologySnapshot.Queue("reply_0123456789abcdef0123456789abcdef", 0, 0, 0, 0, 0,
                0, false, false, false, "classic", 1_800_000L, null);
        TopologySnapshot t = new TopologySnapshot(Instant.now(), "/", List.of(), List.of(uuid), List.of(), List.of());
        assertEquals(Kind.ORPHAN_REPLY_QUEUE, HealthHints.compute(t, null, null, 0).get(0).kind());
    }

    @Test
    void queueManagerNamesParseWithHostAndProcess() {
        QueueManagerName r = QueueManagerName.parse("reply_compute-01.example:nova-compute:12");
        assertEquals(QueueManagerName.Role.REPLY, r.role());
        assertEquals("compute-01.example:nova-compute", r.owner());
        assertEquals(12, r.number());
        QueueManagerName f = QueueManagerName.parse("compute_fanout_vm:nova-compute:2");
        assertEquals(QueueManagerName.Role.FANOUT, f.role());
        assertEquals("compute", f.topic());
        assertEquals("vm:nova-compute", f.owner());
        assertNull(QueueManagerName.parse("reply_0123456789abcdef0123456789abcdef"));
        assertNull(QueueManagerName.parse("compute_fanout_0123456789abcdef0123456789abcdef"));
        assertNull(QueueManagerName.parse("compute_fanout"));
    }

    @Test
    void aFanoutReadFromTheStreamAndCapturedLiveIsRecordedOnce() {
        List<RawCapture> captures = ModernGolden.firehose(ModernGolden.OSLO16);
        RawCapture live = captures.stream().filter(c -> c.isPublish() && c.exchange().equals("compute_fanout"))
                .findFirst().orElseThrow();
        RawCapture fromStream = new RawCapture(live.at().plusMillis(3), RawCapture.STREAM, "compute_fanout", "",
                List.of("compute_fanout"), null, null, null, live.properties(), live.body());
        SniffPipeline p = pipeline(new CallTracker());
        assertNotNull(p.process(fromStream));
        assertNull(p.process(live));
        assertNull(p.process(fromStream), "a re-read after a reconnect");
        assertEquals(1, p.store().size());
        assertEquals(MessageKind.FANOUT, p.store().snapshot().get(0).kind());
        assertEquals(2, p.streamDuplicates());
        SniffPipeline firehoseOnly = pipeline(new CallTracker());
        assertNotNull(firehoseOnly.process(live));
        assertNotNull(firehoseOnly.process(live), "without stream reads nothing is deduplicated");
    }

    @Test
    void streamStartReadsPositionsTimesAndDurations() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        assertEquals("first", StreamStart.parse("first").offsetArgument(now));
        assertEquals("last", StreamStart.parse("LAST").offsetArgument(now));
        assertEquals(java.util.Date.from(now.minus(Duration.ofMinutes(30))), StreamStart.parse("30m").offsetArgument(now));
        assertEquals(java.util.Date.from(now.minus(Duration.ofHours(2))), StreamStart.parse("2h").offsetArgument(now));
        assertEquals(java.util.Date.from(Instant.parse("2026-12-07T10:00:00Z")),
                StreamStart.parse("2026-12-07T10:00:00Z").offsetArgument(now));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> StreamStart.parse("yesterday"));
        assertTrue(bad.getMessage().contains("30m"), bad.getMessage());
    }

    private static HealthHint only(List<HealthHint> hints, Kind kind) {
        List<HealthHint> of = hints.stream().filter(h -> h.kind() == kind).toList();
        assertEquals(1, of.size(), kind + " in " + hints.stream().map(HealthHint::toString)
                .collect(Collectors.joining("\n")));
        return of.get(0);
    }
}
