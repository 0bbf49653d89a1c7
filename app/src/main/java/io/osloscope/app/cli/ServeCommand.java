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

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve nova-compute|nova-conductor|nova-scheduler|nova-api --host H --transport URL
 * [--listen HOST:PORT]}: runs one simulated nova service until SIGTERM (or Ctrl-C), then stops it
 * cleanly, like nova's console scripts. Several of them on one RabbitMQ form one cloud.
 */
public final class ServeCommand implements CliCommand {
    private volatile CountDownLatch stop = new CountDownLatch(1);

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run one simulated nova service (like nova-compute) until SIGTERM";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: osloscope serve nova-compute|nova-conductor|nova-scheduler|nova-api --host H"
                        + " --transport URL|--config FILE [--dialect D] [--listen HOST:PORT]",
                "",
                "  --host H          the service's host name (nova's CONF.host); queues compute.H, conductor.H, ...",
                "  --transport URL   memory:// or rabbit://user:pass@host:5672/vhost (control exchange 'nova')",
                "  --listen H:P      nova-api only: where the REST endpoint listens (default 127.0.0.1:8774)",
                String.join("\n", TransportChoice.USAGE),
                "",
                TransportChoice.EXIT_CODES + " 5 names what could not be declared.",
                "Start order on one broker: nova-conductor, nova-scheduler, nova-compute(s), nova-api.",
                "Stops cleanly on SIGTERM or Ctrl-C.");
    }

    /** Stops the service a running {@link #run} started (what SIGTERM does); for in-process use. */
    public void requestStop() {
        stop.countDown();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        SimArgs a;
        String binary;
        String host;
        TransportChoice choice;
        try {
            a = new SimArgs(args, Set.of("--host", "--transport", "--listen", "--config", "--dialect"), Set.of());
            if (a.positional().size() != 1) {
                throw new SimArgs.UsageException("name exactly one service: nova-compute, nova-conductor, "
                        + "nova-scheduler or nova-api");
            }
            binary = a.positional().get(0);
            NovaTopics.topicOf(binary);
            host = a.required("--host");
            choice = a.transportChoice(null);
        } catch (SimArgs.UsageException | IllegalArgumentException e) {
            err.println("osloscope serve: " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
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
            NodeContext node = NodeContext.of(transport, binary, host);
            if (binary.equals(NovaTopics.BIN_API)) {
                return serveApi(node, a.value("--listen", "127.0.0.1:8774"), out, err);
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
