package io.osloscope.app.cli;

import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.api.NovaApi;
import io.osloscope.sim.api.RestServer;
import io.osloscope.sim.nova.ComputeManager;
import io.osloscope.sim.nova.ConductorManager;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.SchedulerManager;
import io.osloscope.sim.service.Manager;
import io.osloscope.sim.service.NodeContext;
import io.osloscope.sim.service.Service;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve nova-compute|nova-conductor|nova-scheduler|nova-api --host H --transport URL
 * [--listen HOST:PORT]}: runs one simulated nova service until SIGTERM (or Ctrl-C), then stops it
 * cleanly, like nova's console scripts. Several of them on one RabbitMQ form one cloud.
 */
@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = true,
        description = "Run one simulated nova service (like nova-compute) until SIGTERM or Ctrl-C, then stop it"
                + " cleanly.",
        footer = {"%n" + TransportChoice.EXIT_CODES + " 5 names what could not be declared.",
                "Start order on one broker: nova-conductor, nova-scheduler, nova-compute(s), nova-api."})
public final class ServeCommand implements CliCommand {
    private static final String ONE_SERVICE = "name exactly one service: nova-compute, nova-conductor, "
            + "nova-scheduler or nova-api";
    private volatile CountDownLatch stop = new CountDownLatch(1);

    @Parameters(index = "0", paramLabel = "SERVICE", completionCandidates = Binaries.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    String binary;
    @Parameters(index = "1..*", hidden = true)
    List<String> extra = new ArrayList<>();
    @Option(names = "--host", paramLabel = "H",
            description = "Required: the service's host name (nova's CONF.host); queues compute.H, conductor.H, ...")
    String host;
    @Option(names = "--transport", paramLabel = "URL",
            description = "memory:// or rabbit://user:pass@host:5672/vhost (control exchange 'nova'); or --config.")
    String transport;
    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8774",
            description = "nova-api only: where the REST endpoint listens.")
    String listen;
    @Mixin
    ServeComputes computes;
    @Mixin
    DialectOptions dialect;
    @Mixin
    HelpOption help;

    /** The nova binaries {@code serve} runs, for the help text and the completion script. */
    static final class Binaries implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(NovaTopics.BIN_COMPUTE, NovaTopics.BIN_CONDUCTOR, NovaTopics.BIN_SCHEDULER,
                    NovaTopics.BIN_API).iterator();
        }
    }

    /** Stops the service a running {@link #execute} started (what SIGTERM does); for in-process use. */
    public void requestStop() {
        stop.countDown();
    }

    @Override
    public int execute(PrintStream out, PrintStream err) {
        if (!extra.isEmpty()) {
            throw new UsageException(ONE_SERVICE);
        }
        try {
            NovaTopics.topicOf(binary);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        computes.check(binary, host);
        if (host == null && !computes.many()) {
            throw new UsageException("--host is required");
        }
        TransportChoice choice = dialect.choice(transport, null);
        stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "osloscope-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Transport transport = choice.open(NovaTopics.CONTROL_EXCHANGE,
                binary.equals(NovaTopics.BIN_API) ? List.of(NovaTopics.COMPUTE) : List.of(NovaTopics.topicOf(binary)),
                binary, err)) {
            if (computes.many()) {
                return computes.serve(transport, this::awaitStop, out, err);
            }
            NodeContext node = NodeContext.of(transport, binary, host);
            if (binary.equals(NovaTopics.BIN_API)) {
                return serveApi(node, listen, out, err);
            }
            Manager manager = switch (binary) {
                case NovaTopics.BIN_COMPUTE -> new ComputeManager(node).waitForConductor(Duration.ofSeconds(5), 60);
                case NovaTopics.BIN_CONDUCTOR -> new ConductorManager(node);
                default -> new SchedulerManager(node);
            };
            Service service = Service.create(binary, NovaTopics.topicOf(binary), host, manager).serve();
            out.println(binary + " serving topic " + service.topic() + " as host " + host + " on "
                    + transport.broker().describe() + " (exchange nova); stop with SIGTERM");
            out.flush();
            awaitStop();
            out.println(binary + " on " + host + ": stopping");
            service.stop();
            service.await(Duration.ofSeconds(10));
            out.println(binary + " on " + host + ": stopped");
            return OK;
        } catch (UsageException e) {
            err.println("osloscope serve: " + e.getMessage());
            return USAGE;
        } catch (TransportConnectionException e) {
            err.println("osloscope serve: cannot connect: " + e.getMessage());
            return CONNECTION;
        } catch (AmqpException e) {
            return TransportChoice.report("serve", e, err);
        } catch (MessagingException e) {
            err.println("osloscope serve: " + e.getMessage());
            return REMOTE_ERROR;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running and waits for `finished`
            }
        }
    }

    private int serveApi(NodeContext node, String listen, PrintStream out, PrintStream err) {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            err.println("osloscope serve: --listen must be HOST:PORT, got '" + listen + "'");
            return USAGE;
        }
        String bind = colon > 0 ? listen.substring(0, colon) : "127.0.0.1";
        try (RestServer rest = RestServer.start(new NovaApi(node), bind, port)) {
            out.println("nova-api listening on " + rest.baseUrl() + "/v2.1 (RPC on "
                    + node.transport().broker().describe() + ", exchange nova); stop with SIGTERM");
            out.flush();
            awaitStop();
            out.println("nova-api: stopped");
            return OK;
        } catch (IllegalStateException e) {
            err.println("osloscope serve: " + e.getMessage());
            return CONNECTION;
        }
    }

    private void awaitStop() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
