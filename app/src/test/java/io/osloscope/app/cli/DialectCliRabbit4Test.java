package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands against RabbitMQ 4.x ({@code .ci/rabbit4}) in the wrong and the right dialect: a declare the broker
 * refuses exits 5 with one line saying what differs and which dialect would match (406), or with the broker's whole
 * text (541 on upstream 4.3, which refuses zed's transient queues); {@code serve} says what it could not declare;
 * a restarted {@code serve} process reuses its queue-manager reply queue.
 */
@RequiresRabbit4
class DialectCliRabbit4Test {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** The kolla server the commands talk to. */
    public static final class Pinger {
        public String ping(RpcContext ctx) {
            return "pong";
        }
    }

    private record Run(int code, String out, String err) {
        /** stderr without the resolver's "osloscope: dialect ..." line. */
        List<String> problems() {
            return err.lines().filter(l -> !l.startsWith("osloscope: ")).toList();
        }
    }

    private static Run run(CliCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Transport kolla(Rabbit4Vhost vhost) {
        return Transport.open(TransportUrl.parse(vhost.transportUrl(null)),
                Dialect.KOLLA_2025_1.applyTo(TransportOptions.defaults().withControlExchange("nova"))
                        .with("hostname", "vm").with("processname", "kolla-side"));
    }

    @AfterEach
    void stopProcesses() throws IOException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Path l : logs) {
            Files.deleteIfExists(l);
        }
    }

    @Test
    void callAndCastInZedOnAKollaVhostExit5WithWhatDiffersAndTheDialectThatMatches() {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create(); Transport kolla = kolla(vhost)) {
            RpcServer server = RpcServer.create(kolla, Target.topic("compute").withServer("cmp1"),
                    List.of(new Pinger()));
            server.start();
            for (CallCommand command : List.of(CallCommand.call(), CallCommand.cast())) {
                Run r = run(command, "--transport", vhost.transportUrl(null), "--dialect", "zed", "--exchange",
                        "nova", "--topic", "compute", "--server", "cmp1", "--timeout", "10", "ping", "{}");
                assertEquals(5, r.code(), r.err());
                assertEquals(1, r.problems().size(), "one line: " + r.err());
                String line = r.problems().get(0);
                if (command.name().equals("call") && Rabbit4TestSupport.refusesTransientQueues()) {
                    // upstream 4.3 refuses zed's transient reply queue, declared before the call's exchange
                    assertTrue(line.contains("(541)") && line.contains("reply queue"), line);
                    continue;
                }
                assertTrue(line.contains("exchange 'nova'") && line.contains("durable = true")
                        && line.contains("durable = false"), line);
                assertTrue(line.contains("dialect kolla-2025.1"), "names the dialect the vhost runs: " + line);
                assertTrue(!line.contains("guest:guest"), "never the password: " + line);
            }
            Run ok = run(CallCommand.call(), "--transport", vhost.transportUrl(null), "--dialect", "kolla-2025.1",
                    "--exchange", "nova", "--topic", "compute", "--server", "cmp1", "--timeout", "20", "ping", "{}");
            assertEquals(0, ok.code(), ok.err());
            assertEquals("\"pong\"", ok.out().strip());
            server.stop();
        }
    }

    @Test
    void serveInZedOnAKollaVhostSaysWhatItCouldNotDeclare() {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create(); Transport kolla = kolla(vhost)) {
            RpcServer server = RpcServer.create(kolla, Target.topic("conductor").withServer("ctl1"),
                    List.of(new Pinger()));
            server.start();
            Run r = run(new ServeCommand(), "nova-conductor", "--host", "ctl2", "--transport",
                    vhost.transportUrl(null), "--dialect", "zed");
            assertEquals(5, r.code(), r.err());
            assertEquals(1, r.problems().size(), "one line: " + r.err());
            String line = r.problems().get(0);
            assertTrue(line.startsWith("osloscope serve: broker refused a declare (406): cannot declare"), line);
            assertTrue(line.contains("'nova'") && line.contains("dialect kolla-2025.1"), line);
            server.stop();
        }
    }

    /**
     * Upstream 4.3 ({@code .ci/rabbit4 start sid --strict}) refuses zed's transient reply queue with 541 and closes
     * the connection: the call exits 5 with the broker's text as the broker sent it (it cuts its own reply text to
     * 255 bytes, ending in "permit..."), while kolla-2025.1 works. On a broker that permits transient queues the zed call declares its
     * reply queue and, with no server, times out (exit 3).
     */
    @Test
    void zedOnABrokerThatRefusesTransientQueuesExits5WithTheBrokersWholeText() {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create(); Transport kolla = kolla(vhost)) {
            RpcServer server = RpcServer.create(kolla, Target.topic("compute").withServer("cmp1"),
                    List.of(new Pinger()));
            server.start();
            Run zed = run(CallCommand.call(), "--transport", vhost.transportUrl(null), "--dialect", "zed",
                    "--exchange", "zed_exchange", "--topic", "nobody", "--timeout", "2", "ping", "{}");
            if (Rabbit4TestSupport.refusesTransientQueues()) {
                assertEquals(5, zed.code(), zed.err());
                assertEquals(1, zed.problems().size(), "one line: " + zed.err());
                String line = zed.problems().get(0);
                assertTrue(line.contains("541"), line);
                assertTrue(line.contains("reply_"), "names the reply queue: " + line);
                String text = line.substring(line.indexOf("541 ") + 4);
                int cut = text.indexOf("; a dialect with durable queues");
                String brokerText = cut < 0 ? text : text.substring(0, cut);
                assertTrue(brokerText.startsWith("INTERNAL_ERROR"), brokerText);
                String raw = rawRefusal();
                // measured on 4.3.6: 251 bytes, cut by the broker within AMQP's 255-byte short string
                assertTrue(raw.getBytes(StandardCharsets.UTF_8).length <= 255, "the broker cuts its text: " + raw);
                assertTrue(raw.endsWith("permit..."), raw);
                assertEquals(raw.replaceAll("\\s+", " "), brokerText.replaceAll("\\s+", " "),
                        "the whole text, only its line breaks made spaces to keep one line");
            } else {
                assertEquals(3, zed.code(), "this broker permits transient queues: " + zed.err());
            }
            Run ok = run(CallCommand.call(), "--transport", vhost.transportUrl(null), "--dialect", "kolla-2025.1",
                    "--exchange", "nova", "--topic", "compute", "--server", "cmp1", "--timeout", "20", "ping", "{}");
            assertEquals(0, ok.code(), ok.err());
            server.stop();
        }
    }

    @Test
    void aRestartedServeProcessReusesItsQueueManagerReplyQueue() throws Exception {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            String url = vhost.transportUrl(null);
            serve("nova-conductor", "--host", "ctl1", "--transport", url, "--dialect", "kolla-2025.1");
            awaitLog(logs.get(0), "serving topic conductor");
            List<String> seen = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                Process compute = serve("nova-compute", "--host", "cmp1", "--transport", url, "--dialect",
                        "kolla-2025.1");
                awaitLog(logs.get(logs.size() - 1), "serving topic compute"); // it pinged the conductor first
                seen.add(String.join(",", replyQueues(vhost, ":nova-compute:")));
                compute.destroy();
                assertTrue(compute.waitFor(30, TimeUnit.SECONDS), "nova-compute did not stop on SIGTERM");
            }
            assertTrue(seen.get(0).matches("reply_[^,]+:nova-compute:1"), seen + " of " + vhost.get("/api/queues/" + vhost.encoded()).replaceAll(".*?\"name\":\"([^\"]+)\"[^{]*", "$1 "));
            assertEquals(seen.get(0), seen.get(1), "the restarted process declares and uses the same reply queue");
        }
    }

    /** The broker's reply text for a transient queue, as the broker sent it. */
    private static String rawRefusal() {
        try (var broker = new io.osloscope.engine.broker.rabbit.RabbitBroker(Rabbit4TestSupport.settings(),
                new io.osloscope.engine.observe.EventHub());
             var c = broker.connect(io.osloscope.engine.broker.ConnectionOptions.named("osloscope-test-541"))) {
            c.declareQueue(io.osloscope.engine.broker.QueueSpec.named("osloscope-541-" + System.nanoTime())
                    .withAutoDelete(true));
            throw new AssertionError("the broker accepted a transient queue");
        } catch (io.osloscope.engine.error.AmqpException e) {
            assertEquals(541, e.replyCode());
            return e.replyText();
        }
    }

    private static List<String> replyQueues(Rabbit4Vhost vhost, String part) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode q : new ObjectMapper().readTree(vhost.get("/api/queues/" + vhost.encoded()))) {
            String name = q.get("name").asText();
            if (name.startsWith("reply_") && name.contains(part)) {
                out.add(name + " " + q.get("type").asText());
            }
        }
        return out.stream().map(s -> s.substring(0, s.indexOf(' '))).sorted().toList();
    }

    private Process serve(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "io.osloscope.app.Launcher", "serve"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("osloscope-serve", ".log");
        logs.add(log);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private static void awaitLog(Path log, String text) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(log));
    }
}
