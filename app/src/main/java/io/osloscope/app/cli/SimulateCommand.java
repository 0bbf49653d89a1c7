package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.scenario.Scenario;
import io.osloscope.sim.scenario.ScenarioRunner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code simulate --transport URL --computes N --scenario boot|boot-storm|start-stop|fanout|compute-down
 * [--count N] [--duration SECONDS] [--json]}: runs a scenario headless and prints its summary.
 * Exit 0 when the scenario completed, 3 when it did not within the duration.
 */
public final class SimulateCommand implements CliCommand {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "run a simulated nova scenario headless and print a summary";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: osloscope simulate --transport URL --computes N --scenario boot|boot-storm|start-stop|fanout|compute-down"
                        + " [--count N] [--duration SECONDS] [--shared-connections N] [--json]",
                "         [--config FILE] [--dialect D]",
                "",
                "  --transport URL   memory:// (default) or rabbit://user:pass@host:5672/vhost",
                "  --computes N      simulated nova-compute nodes (default 3)",
                "  --scenario S      boot: boot --count servers; boot-storm: the same, 10 by default;",
                "                    start-stop: boot, stop and start them;",
                "                    fanout: --count fanout casts to every compute; compute-down: casts pile up",
                "                    in a down compute's queue and drain when it is back",
                "  --count N         servers or fanout casts (default depends on the scenario)",
                "  --duration S      give up after S seconds (default 60)",
                "  --shared-connections N  share N broker connections among all simulated nodes (default 0:",
                "                    own connections per node, as real services; use e.g. 20 for 1,000 computes",
                "                    on a RabbitMQ with the default 1,024 open files)",
                "  --json            print the summary as JSON",
                String.join("\n", TransportChoice.USAGE),
                TransportChoice.EXIT_CODES);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ScenarioRunner.Settings settings;
        TransportChoice choice;
        boolean json;
        try {
            SimArgs a = new SimArgs(args, Set.of("--transport", "--computes", "--scenario", "--count", "--duration",
                    "--shared-connections", "--config", "--dialect"),
                    Set.of("--json"));
            if (!a.positional().isEmpty()) {
                throw new SimArgs.UsageException("unexpected argument '" + a.positional().get(0) + "'");
            }
            choice = a.transportChoice(a.values("--config").isEmpty() ? "memory://" : null);
            settings = new ScenarioRunner.Settings(Scenario.parse(a.required("--scenario")),
                    a.intValue("--computes", 3, 1), a.intValue("--count", 0, 1),
                    Duration.ofSeconds(a.intValue("--duration", 60, 1)), a.intValue("--shared-connections", 0, 0));
            json = a.flag("--json");
        } catch (SimArgs.UsageException | IllegalArgumentException e) {
            err.println("osloscope simulate: " + e.getMessage());
            err.println(usage());
            return USAGE;
        }
        ObjectNode summary;
        try (Transport transport = choice.open(NovaTopics.CONTROL_EXCHANGE,
                List.of(NovaTopics.COMPUTE, NovaTopics.CONDUCTOR, NovaTopics.SCHEDULER), err)) {
            summary = new ScenarioRunner(transport, settings).run();
        } catch (UsageException e) {
            err.println("osloscope simulate: " + e.getMessage());
            return USAGE;
        } catch (TransportConnectionException e) {
            err.println("osloscope simulate: cannot connect: " + e.getMessage());
            return CONNECTION;
        } catch (MessagingException e) {
            return TransportChoice.report("simulate", e, err);
        }
        if (json) {
            try {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            printText(summary, out);
        }
        return "ok".equals(summary.get("outcome").asText()) ? OK : TIMEOUT;
    }

    private static void printText(ObjectNode s, PrintStream out) {
        out.printf("scenario %s on %s with %d computes: %s in %d ms (start-up %d ms)%n",
                s.get("scenario").asText(), s.get("transport").asText(), s.get("computes").asInt(),
                s.get("outcome").asText(), s.get("elapsed_ms").asLong(), s.get("startup_ms").asLong());
        JsonNode m = s.get("messages");
        out.printf("messages: %d total (call %d, cast %d, fanout %d), %d replies, %d timeouts, %d failures%n",
                m.get("total").asLong(), m.path("call").asLong(), m.path("cast").asLong(), m.path("fanout").asLong(),
                m.get("replies").asLong(), m.get("timeouts").asLong(), m.get("failures").asLong());
        out.println("by method: " + m.get("by_method"));
        out.println("call latency ms: " + m.get("call_latency_ms"));
        out.println("instances: " + s.get("instances"));
        out.println("figures: " + s.get("figures"));
    }
}
