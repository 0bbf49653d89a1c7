package io.osloscope.engine.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.observe.pairing.CallTracker;
import io.osloscope.engine.observe.pairing.Pairing.Outcome;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real oslo.messaging 14.0.3 peers (our Python script, run by /usr/bin/python3) exchange 10 calls (one
 * failing), 5 casts and 3 fanout casts: once without the sniffer, once under tap, once under firehose.
 * The peers must receive exactly the same messages each time, and firehose must pair every call.
 */
@RequiresRabbit
class OsloPeersSniffTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/sniff/oslo_peers.py");
    private static final int CALLS = 10;
    private PrivateVhost vhost;

    @BeforeAll
    static void needsOslo() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import oslo_messaging")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!ok && RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true but /usr/bin/python3 with oslo.messaging is missing");
        }
        Assumptions.assumeTrue(ok, "needs /usr/bin/python3 with oslo.messaging (apt-get install python3-oslo.messaging)");
    }

    @BeforeEach
    void setUp() {
        vhost = new PrivateVhost();
    }

    @AfterEach
    void tearDown() {
        vhost.close();
    }

    private JsonNode runPeers() throws IOException, InterruptedException {
        Path out = Files.createTempFile("oslo-peers", ".json");
        Path errFile = Files.createTempFile("oslo-peers", ".err");
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), "--url", vhost.transportUrl(),
                    "--calls", String.valueOf(CALLS), "--casts", "5", "--fanouts", "3")
                    .redirectOutput(out.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("oslo peers did not finish in 120 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "peers failed: " + stdout + "\n" + tail(Files.readString(errFile)));
            return new ObjectMapper().readTree(stdout);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(errFile);
        }
    }

    @Test
    void realOsloPeersReceiveTheSameMessagesWithAndWithoutTheSnifferAndFirehosePairsEveryCall() throws Exception {
        JsonNode alone = runPeers();
        assertEquals(CALLS + 5 + 3, alone.get("received").size());

        // NOTE(tap): in a running deployment the fanout exchange exists before a capture starts. The peers'
        // server deletes it when it stops, so declare it as oslo does (fanout, auto-delete) for tap to bind.
        try (RabbitBroker broker = new RabbitBroker(vhost.settings(), new EventHub());
             BrokerConnection c = broker.connect(ConnectionOptions.named("sniff-test-setup"))) {
            c.declareExchange(ExchangeSpec.of("compute_fanout", ExchangeType.FANOUT).withAutoDelete(true));
        }
        JsonNode tapped;
        try (Sniffer tap = new Sniffer(vhost.options(CaptureMode.TAP).withTapExchanges(List.of("nova")), new EventHub())) {
            tap.start();
            tapped = runPeers();
            SnifferRabbitTest.await(() -> tap.store().size() >= CALLS + 5 + 3, "tap saw every request");
            assertEquals(CALLS, tap.store().select(m -> m.kind() == MessageKind.CALL, 100).size());
            assertEquals(3, tap.store().select(m -> m.kind() == MessageKind.FANOUT, 100).size());
        }

        JsonNode traced;
        Sniffer firehose = new Sniffer(vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true), new EventHub());
        try (firehose) {
            firehose.start();
            traced = runPeers();
            SnifferRabbitTest.await(() -> firehose.calls().counts().paired() == CALLS, "every call paired");
        }
        assertEquals(alone.get("received"), tapped.get("received"), "tap changed what the peers received");
        assertEquals(alone.get("received"), traced.get("received"), "firehose changed what the peers received");
        assertEquals(alone.get("results"), traced.get("results"));
        assertEquals(alone.get("failures"), traced.get("failures"));

        CallTracker.Counts c = firehose.calls().counts();
        assertEquals(CALLS, c.calls());
        assertEquals(CALLS, c.paired());
        assertEquals(1, c.failures());
        assertEquals(0, c.pending());
        assertEquals(0, c.timedOut());
        assertEquals(0, c.unmatchedReplies());
        List<SniffedMessage> replies = firehose.store().select(m -> m.raw().isPublish() && m.kind().isReply(), 100);
        assertTrue(replies.stream().allMatch(m -> m.pairing() == Outcome.PAIRED && m.latencyMicros() > 0), replies.toString());
        assertEquals("builtins.ValueError", replies.stream().filter(m -> m.failureClass() != null)
                .findFirst().orElseThrow().failureClass());
        SniffedMessage aCall = firehose.store().select(m -> m.kind() == MessageKind.CALL, 1).get(0);
        assertEquals("req-sniff-test", aCall.requestId());
        String ctx = aCall.decode(firehose.pipeline().decoder()).context().toString();
        assertFalse(ctx.contains("tok-must-be-masked"), "the decoded context masks the token: " + ctx);
        assertFalse(vhost.mgmt.vhost(vhost.name).tracing(), "tracing restored");
        assertTrue(vhost.mgmt.queues(vhost.name).stream().noneMatch(q -> q.name().startsWith("amq.gen-")),
                "no capture queue left behind");
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
