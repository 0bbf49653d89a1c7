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

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code simulate --transport URL --computes N --scenario boot|boot-storm|start-stop|fanout|compute-down
 * [--count N] [--duration SECONDS] [--json]}: runs a scenario headless and prints its summary.
 * Exit 0 when the scenario completed, 3 when it did not within the duration.
 */
@Command(name = "simulate", sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = true,
        description = "Run a simulated nova scenario headless and print a summary.",
        footer = {"%n" + TransportChoice.EXIT_CODES})
public final class SimulateCommand implements CliCommand {
    @Option(names = "--transport", paramLabel = "URL",
            description = "memory:// (the default without --config) or rabbit://user:pass@host:5672/vhost.")
    String transport;
    @Option(names = "--computes", paramLabel = "N", defaultValue = "3", description = "Simulated nova-compute nodes.")
    String computes;
    @Option(names = "--scenario", paramLabel = "S", completionCandidates = ScenarioNames.class, description = {
            "Required: ${COMPLETION-CANDIDATES}. boot: boot --count servers; boot-storm: the same, 10 by default;"
                    + " start-stop: boot, stop and start them; fanout: --count fanout casts to every compute;"
                    + " compute-down: casts pile up in a down compute's queue and drain when it is back."})
    String scenario;
    @Option(names = "--count", paramLabel = "N", description = "Servers or fanout casts (default depends on the"
            + " scenario).")
    String count;
    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "Give up after this long.")
    String duration;
    @Option(names = "--shared-connections", paramLabel = "N", defaultValue = "0", description = "Share N broker"
            + " connections among all simulated nodes (0: own connections per node, as real services; use e.g. 20"
            + " for 1,000 computes on a RabbitMQ with the default 1,024 open files).")
    String sharedConnections;
    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;
    @Mixin
    DialectOptions dialect;
    @Mixin
    HelpOption help;

    /** The scenario names, for the help text and the completion script. */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Scenario.values()).map(Scenario::cliName).iterator();
        }
    }

    @Override
    public int execute(PrintStream out, PrintStream err) {
        TransportChoice choice = dialect.choice(transport == null && dialect.configFiles.isEmpty() ? "memory://"
                : transport, null);
        if (scenario == null) {
            throw new UsageException("--scenario is required");
        }
        ScenarioRunner.Settings settings;
        try {
            settings = new ScenarioRunner.Settings(Scenario.parse(scenario),
                    OptionValues.atLeast("--computes", computes, 3, 1), OptionValues.atLeast("--count", count, 0, 1),
                    Duration.ofSeconds(OptionValues.atLeast("--duration", duration, 60, 1)),
                    OptionValues.atLeast("--shared-connections", sharedConnections, 0, 0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ObjectNode summary;
        try (Transport opened = choice.open(NovaTopics.CONTROL_EXCHANGE,
                List.of(NovaTopics.COMPUTE, NovaTopics.CONDUCTOR, NovaTopics.SCHEDULER), err)) {
            summary = new ScenarioRunner(opened, settings).run();
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
