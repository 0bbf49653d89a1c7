package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.TransportConnectionException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench rpc}: RPC throughput and latency of this engine on a transport, with its own
 * server and callers in this process (see {@link RpcBench}). Prints msgs/s and p50/p99 latency,
 * or with {@code --json} one object with keys {@code msgs_per_s}, {@code p50_ms}, {@code p99_ms}.
 */
@Command(name = "bench", subcommands = BenchCommand.Rpc.class, usageHelpAutoWidth = true,
        description = "Measure RPC call/cast throughput and latency (bench rpc ...).")
public final class BenchCommand implements CliCommand {
    private static final String EXPECTED = "expected 'bench rpc ...' (the only benchmark is rpc)";

    @Mixin
    HelpOption help;

    /** {@code bench} alone names no benchmark. */
    @Override
    public int execute(PrintStream out, PrintStream err) {
        throw new UsageException(EXPECTED);
    }

    /** Parses the arguments after {@code bench} (picocli, as on the command line) into a benchmark's settings. */
    static RpcBench.Config parse(List<String> args) {
        if (CliMain.parse(new BenchCommand(), args) instanceof Rpc rpc) {
            return rpc.config();
        }
        throw new UsageException(EXPECTED);
    }

    /** {@code bench rpc}: the options of the one benchmark. */
    @Command(name = "rpc", sortOptions = false, usageHelpAutoWidth = true, showDefaultValues = true,
            description = {"RPC throughput and latency on a transport, with its own server and callers.",
                    "Runs an RPC server and N callers in this process on the transport, then prints the"
                    + " throughput (msgs/s) and latency p50/p99. call: round trip of a call echoing a payload of"
                    + " --size bytes; cast: send to dispatch, counting what the server received, each caller keeping"
                    + " up to --window casts awaiting their publisher confirm (like PerfTest --confirm N; 1 waits for"
                    + " each confirm as oslo's cast does).",
                    "A warm-up runs first and is not counted. Queues and exchanges are unique to the run and deleted"
                            + " at the end."},
            footer = {"%n" + TransportChoice.EXIT_CODES})
    static final class Rpc implements CliCommand {
        @Option(names = "--transport", paramLabel = "URL", description = "memory:// or rabbit://user:pass@host:5672/vhost.")
        String transport;
        @Option(names = "--mode", paramLabel = "call|cast", description = "Required: what to measure.")
        String mode;
        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "Callers.")
        String concurrency;
        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10", description = "How long to measure.")
        String duration;
        @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024", description = "Payload, 0 to 67108864.")
        String size;
        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "1", description = "Warm-up, not counted.")
        String warmup;
        @Option(names = "--window", paramLabel = "N", defaultValue = "" + RpcBench.Config.DEFAULT_WINDOW,
                description = "cast: unconfirmed casts per caller.")
        String window;
        @Option(names = "--json", description = "Print one JSON object (msgs_per_s, p50_ms, p99_ms, ...).")
        boolean json;
        @Mixin
        DialectOptions dialect;
        @Mixin
        HelpOption help;

        RpcBench.Config config() {
            if (mode == null || mode.isBlank()) {
                throw new UsageException("--mode is required");
            }
            if (!mode.equals("call") && !mode.equals("cast")) {
                throw new UsageException("--mode must be call or cast, not '" + mode + "'");
            }
            int bytes;
            try {
                bytes = Integer.parseInt(size);
                if (bytes < 0 || bytes > 64 * 1024 * 1024) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--size must be 0 to 67108864 bytes, not '" + size + "'");
            }
            return new RpcBench.Config(dialect.choice(transport, null), mode.equals("call"),
                    OptionValues.positiveInt("--concurrency", concurrency),
                    Duration.ofMillis(Math.round(OptionValues.seconds("--duration", duration, 10) * 1000)), bytes,
                    Duration.ofMillis(Math.round(OptionValues.seconds("--warmup", warmup, 1) * 1000)),
                    OptionValues.positiveInt("--window", window));
        }

        @Override
        public int execute(PrintStream out, PrintStream err) {
            return measure(config(), json, out, err);
        }
    }

    private static int measure(RpcBench.Config config, boolean json, PrintStream out, PrintStream err) {
        RpcBench.Result r;
        try {
            r = RpcBench.run(config);
        } catch (MessagingTimeoutException e) {
            err.println("timeout: " + CallCommand.oneLine(e.getMessage()));
            return TIMEOUT;
        } catch (IllegalArgumentException | UsageException e) {
            err.println("osloscope bench: " + CallCommand.oneLine(e.getMessage()));
            return USAGE;
        } catch (MessagingException e) {
            return TransportChoice.report("bench", e, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return CONNECTION;
        }
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("impl", "osloscope");
            fields.put("transport", r.transport());
            fields.put("mode", r.mode());
            fields.put("concurrency", r.concurrency());
            fields.put("size", r.size());
            if (!r.mode().equals("call")) {
                fields.put("window", r.window());
            }
            fields.put("messages", r.messages());
            fields.put("seconds", round(r.seconds()));
            fields.put("msgs_per_s", round(r.msgsPerS()));
            fields.put("p50_ms", round(r.p50Ms()));
            fields.put("p99_ms", round(r.p99Ms()));
            try {
                out.println(new ObjectMapper().writeValueAsString(fields));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf(Locale.ROOT, "%s %s x%d, %d B%s on %s: %d msgs in %.2f s%n", "osloscope", r.mode(),
                    r.concurrency(), r.size(), r.mode().equals("call") ? "" : ", window " + r.window(), r.transport(),
                    r.messages(), r.seconds());
            out.printf(Locale.ROOT, "  %.1f msgs/s   latency p50 %.3f ms   p99 %.3f ms%n", r.msgsPerS(), r.p50Ms(), r.p99Ms());
        }
        return OK;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
