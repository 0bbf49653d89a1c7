package io.osloscope.app.sniff;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.osloscope.app.fire.FireOutcome;
import io.osloscope.app.fire.FireRequest;
import io.osloscope.app.fire.FireService;
import io.osloscope.app.fire.MethodTemplate;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.profile.ProfileStore;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sniff view models against the real RabbitMQ, without a toolkit: a tap capture, the arming flow
 * (the core refuses until the user confirms exactly that message), and a recording saved redacted and
 * opened again.
 */
@RequiresRabbit
class SniffSessionRabbitTest {
    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String exchange = "osloscope-guitest-" + suffix;
    private final ExecutorService engine = Executors.newFixedThreadPool(2);
    private Connection admin;
    private SniffViewModel vm;

    @BeforeEach
    void declare() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RabbitTestSupport.host());
        f.setPort(RabbitTestSupport.port());
        f.setUsername(RabbitTestSupport.user());
        f.setPassword(RabbitTestSupport.password());
        admin = f.newConnection("osloscope-guitest");
        try (Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(exchange, "topic", false, true, null);
            // NOTE(test): auto-delete exchanges vanish with their last binding; keep one of our own.
            ch.queueDeclare("osloscope-guitest-q-" + suffix, false, false, true, null);
            ch.queueBind("osloscope-guitest-q-" + suffix, exchange, "nothing");
        }
    }

    @AfterEach
    void cleanup() throws Exception {
        if (vm != null) {
            vm.disconnect().get();
        }
        try (Channel ch = admin.createChannel()) {
            ch.queueDelete("osloscope-guitest-q-" + suffix);
            ch.exchangeDelete(exchange);
        }
        admin.close();
        engine.shutdownNow();
    }

    private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static final FireService NO_SIMULATION = new FireService() {
        @Override
        public CompletableFuture<FireOutcome> fire(FireRequest request) {
            throw new AssertionError("the simulation must not be used while sniffing");
        }

        @Override
        public List<MethodTemplate> catalog() {
            return List.of();
        }

        @Override
        public List<String> servers(String topic) {
            return List.of();
        }

        @Override
        public String controlExchange() {
            return "nova";
        }
    };

    private boolean captured(SniffSession s, String method) {
        return s.store().snapshot().stream().anyMatch(m -> method.equals(m.method()));
    }

    @Test
    void aCastFromTheFirePanelIsRefusedUntilArmedThenPublishedExactlyAsConfirmedAndSeenByTheTap() throws Exception {
        vm = new SniffViewModel(engine, Runnable::run);
        ConnectViewModel form = new ConnectViewModel(new ProfileStore(dir.resolve("p.json")), engine, Runnable::run,
                SniffSession::connect);
        form.urlProperty().set(RabbitTestSupport.transportUrl());
        SniffSession s = form.connect(false, vm::attach).get();
        assertTrue(vm.modeTextProperty().get().endsWith("tap — replies not visible"), vm.modeTextProperty().get());
        waitFor("the tap to bind " + exchange, () -> s.status().orElseThrow().tappedExchanges().contains(exchange));

        SniffFireService fire = new SniffFireService(NO_SIMULATION, vm.sessionProperty()::get, engine);
        fire.onRefused(vm::publishRefused);
        String method = "osloscope_probe_" + suffix;
        FireRequest cast = new FireRequest(FireRequest.TargetKind.TOPIC, exchange, "probe-" + suffix, null, "1.0",
                null, method, JsonNodeFactory.instance.objectNode().put("n", 1), false, Duration.ofSeconds(5),
                "req-" + suffix);
        FireOutcome refused = fire.fire(cast).get();
        assertEquals("PublishRefused", refused.errorClass());
        assertNotNull(vm.pendingPublishProperty().get(), "the refused message waits for confirmation");
        String shown = vm.pendingPublishProperty().get().describe();
        assertTrue(shown.contains(exchange) && shown.contains(method), shown);
        Thread.sleep(500);
        assertFalse(captured(s, method), "nothing reached the broker before arming");

        vm.armAndPublish().get();
        assertTrue(vm.armedProperty().get());
        assertNull(vm.pendingPublishProperty().get());
        waitFor("the armed cast in the capture", () -> captured(s, method));

        vm.disarm();
        FireOutcome again = fire.fire(cast).get();
        assertEquals("PublishRefused", again.errorClass(), "disarming makes the connection read-only again");
    }

    @Test
    void aCaptureSavedWithRedactionOpensAgainInTheSameViews() throws Exception {
        vm = new SniffViewModel(engine, Runnable::run);
        ConnectViewModel form = new ConnectViewModel(new ProfileStore(dir.resolve("p.json")), engine, Runnable::run,
                SniffSession::connect);
        form.urlProperty().set(RabbitTestSupport.transportUrl());
        SniffSession s = form.connect(false, vm::attach).get();
        waitFor("the tap to bind " + exchange, () -> s.status().orElseThrow().tappedExchanges().contains(exchange));
        String method = "osloscope_rec_" + suffix;
        String token = "gAAAA-secret-token-" + suffix;
        String body = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}, \\\"_unique_id\\\": \\\"u1\\\", \\\"_context_auth_token\\\": \\\"" + token
                + "\\\"}\"}";
        try (Channel ch = admin.createChannel()) {
            ch.basicPublish(exchange, "rec." + suffix, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .contentType("application/json").contentEncoding("utf-8").build(), body.getBytes());
        }
        waitFor("the cast in the capture", () -> captured(s, method));

        Path file = dir.resolve("capture.jsonl");
        long saved = vm.saveRecording(file, true).get();
        assertTrue(saved >= 1);
        String text = Files.readString(file);
        assertTrue(text.contains(method));
        assertFalse(text.contains(token), "the auth token is redacted");

        vm.disconnect().get();
        vm.openRecording(file).get();
        SniffSession opened = vm.sessionProperty().get();
        assertFalse(opened.isLive());
        List<SniffedMessage> back = opened.store().snapshot();
        assertTrue(back.stream().anyMatch(m -> method.equals(m.method())), "the recording shows the cast again");
        assertTrue(vm.modeTextProperty().get().startsWith("recording capture.jsonl"), vm.modeTextProperty().get());
    }
}
