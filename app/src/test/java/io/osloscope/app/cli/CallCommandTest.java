package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.rpc.RemoteException;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code call} and {@code cast} run in-process against an {@link RpcServer} on a named in-memory
 * broker (a one-shot CLI process on memory:// would have nobody to answer), plus the failure
 * exits that need no server at all.
 */
class CallCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url = "memory://cli-" + UUID.randomUUID();
    private final Queue<String> notes = new ConcurrentLinkedQueue<>();
    private Transport transport;
    private RpcServer server;

    /** What the CLI talks to in these tests. */
    public static final class Compute {
        private final Queue<String> notes;

        Compute(Queue<String> notes) {
            this.notes = notes;
        }

        public int add(RpcContext ctx, int a, int b) {
            return a + b;
        }

        public Map<String, Object> context(RpcContext ctx) {
            return ctx.values();
        }

        public String host(RpcContext ctx) {
            return "cmp-1";
        }

        public void boom(RpcContext ctx, String uuid) {
            throw new RemoteException("InstanceNotFound", "nova.exception", "Instance " + uuid + " could not be found.",
                    Map.of("instance_id", uuid));
        }

        public void note(RpcContext ctx, String text) {
            notes.add(text);
        }

        public String nap(RpcContext ctx, double seconds) throws InterruptedException {
            Thread.sleep((long) (seconds * 1000));
            return "awake";
        }
    }

    @BeforeEach
    void startAServer() {
        transport = Transport.open(url, "nova");
        server = RpcServer.create(transport, Target.topic("compute").withServer("cmp-1"), List.of(new Compute(notes)));
        server.start();
    }

    @AfterEach
    void stopIt() {
        server.stop();
        server.await(Duration.ofSeconds(10));
        transport.close();
    }

    @Test
    void callPrintsTheResultAsJsonAndExitsZero() {
        Run r = run(CallCommand.call(), "--transport", url, "--exchange", "nova", "--topic", "compute", "add",
                "{\"a\": 2, \"b\": 40}");
        assertEquals(0, r.code, r.err);
        assertEquals("42", r.out.strip());
        assertEquals("", r.err);
    }

    @Test
    void callToOneServerReachesIt() {
        Run r = run(CallCommand.call(), "--transport", url, "--exchange", "nova", "--topic", "compute", "--server",
                "cmp-1", "host");
        assertEquals(0, r.code, r.err);
        assertEquals("\"cmp-1\"", r.out.strip());
    }

    @Test
    void theServerSeesTheDefaultContextMergedWithTheGivenOne() throws Exception {
        Run r = run(CallCommand.call(), "--transport", url, "--exchange", "nova", "--topic", "compute",
                "--context", "{\"user_id\": \"u-9\", \"roles\": [\"admin\"]}", "context");
        assertEquals(0, r.code, r.err);
        JsonNode ctx = JSON.readTree(r.out);
        assertEquals("u-9", ctx.path("user_id").asText());
        assertEquals("admin", ctx.path("roles").path(0).asText());
        assertTrue(ctx.path("request_id").asText().startsWith("req-"), ctx.toString());
        assertTrue(ctx.has("project_id"), "defaults the flag did not mention are still sent");
    }

    @Test
    void aRemoteExceptionPrintsItsClassAndMessageAndExitsOne() {
        Run r = run(CallCommand.call(), "--transport", url, "--exchange", "nova", "--topic", "compute", "boom",
                "{\"uuid\": \"i-1\"}");
        assertEquals(1, r.code);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("InstanceNotFound: Instance i-1 could not be found."), r.err);
        assertTrue(r.err.contains("nova.exception"), r.err);
    }

    @Test
    void noReplyWithinTheTimeoutExitsThree() {
        Run r = run(CallCommand.call(), "--transport", url, "--exchange", "nova", "--topic", "compute", "--timeout",
                "0.5", "nap", "{\"seconds\": 3}");
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.startsWith("timeout: no reply to nap from compute within 0.5 s"), r.err);
    }

    @Test
    void castReturnsAtOnceAndTheServerRunsTheMethod() throws InterruptedException {
        Run r = run(CallCommand.cast(), "--transport", url, "--exchange", "nova", "--topic", "compute", "--server",
                "cmp-1", "note", "{\"text\": \"hello\"}");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out, "cast prints nothing on stdout");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (notes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("hello"), new ArrayList<>(notes));
    }

    @Test
    void fanoutCastReachesTheServer() throws InterruptedException {
        Run r = run(CallCommand.cast(), "--transport", url, "--exchange", "nova", "--topic", "compute", "--fanout",
                "note", "{\"text\": \"everyone\"}");
        assertEquals(0, r.code, r.err);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (notes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("everyone"), new ArrayList<>(notes));
    }

    @Test
    void badUsageExitsTwoAndSaysWhy() {
        Run r = run(CallCommand.call(), "--transport", url, "--topic", "compute", "add", "[2, 40]");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("ARGS_JSON must be a JSON object"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void aBrokerThatCannotBeReachedExitsFourWithOneLine() {
        Run r = run(CallCommand.call(), "--transport", "rabbit://guest:secret-pw@127.0.0.1:1/", "--topic", "compute",
                "--timeout", "5", "add", "{\"a\": 1, \"b\": 2}");
        assertEquals(4, r.code, r.err);
        assertEquals(1, r.err.strip().lines().count(), "one line, got:\n" + r.err);
        assertTrue(r.err.startsWith("connection failed"), r.err);
        assertTrue(!r.err.contains("secret-pw"), "the password must not be printed");
    }

    private static Run run(CliCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(Arrays.asList(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
