package io.osloscope.app.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve nova-compute --hosts ... [--register ...]}: many computes in one process, and its mistakes. */
class ServeComputesTest {
    private final List<ServeCommand> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(ServeCommand::requestStop);
    }

    private static int once(ByteArrayOutputStream err, String... args) {
        return new ServeCommand().run(List.of(args), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, once(err, "nova-compute", "--hosts", "sim[1-3]", "--register", "--transport", "memory://"));
        assertEquals(2, once(err, "nova-conductor", "--hosts", "sim[1-3]", "--transport", "memory://"));
        assertEquals(2, once(err, "nova-compute", "--hosts", "sim[3-1]", "--transport", "memory://"));
        assertEquals(2, once(err, "nova-compute", "--host", "a", "--hosts", "b", "--transport", "memory://"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, e.lines().count(), e);
        assertTrue(e.contains("--register needs --placement URL") && e.contains("for nova-compute only")
                && e.contains("--hosts: host range 'sim[3-1]'") && e.contains("not both"), e);
    }

    @Test
    void manyComputesServeInOneProcessAndStopOnRequest() throws Exception {
        String url = "memory://fleet-" + UUID.randomUUID();
        ByteArrayOutputStream ctlOut = new ByteArrayOutputStream();
        ServeCommand ctl = new ServeCommand();
        running.add(ctl);
        CompletableFuture.supplyAsync(() -> ctl.run(List.of("nova-conductor", "--host", "ctl", "--transport", url),
                new PrintStream(ctlOut, true, StandardCharsets.UTF_8), new PrintStream(ctlOut, true,
                        StandardCharsets.UTF_8)));
        ServeCommandTest.awaitLine(ctlOut, "serving topic conductor");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServeCommand computes = new ServeCommand();
        running.add(computes);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> computes.run(List.of("nova-compute",
                "--hosts", "cmp[01-12]", "--transport", url), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        String s = ServeCommandTest.awaitLine(out, "computes serving");
        assertTrue(s.contains("12 of 12 computes serving"), s);
        computes.requestStop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("nova-compute: stopped"));
    }
}
