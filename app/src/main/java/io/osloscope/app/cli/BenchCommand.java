package io.osloscope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.TransportConnectionException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench rpc}: RPC throughput and latency of this engine on a transport, with its own
 * server and callers in this process (see {@link RpcBench}). Prints msgs/s and p50/p99 latency,
 * or with {@code --json} one object with keys {@code msgs_per_s}, {@code p50_ms}, {@code p99_ms}.
 */
public final class BenchCommand implements CliCommand {
    private static final Set<String> VALUED = Set.of("transport", "mode", "concurrency", "duration", "size", "warmup",
            "window", "config", "dialect");
    private static final Set<String> FLAGS = Set.of("json");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure RPC call/cast throughput and latency (bench rpc ...)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "Usage: osloscope bench rpc --transport URL --mode call|cast --concurrency N --duration SECONDS",
                "                           [--size BYTES] [--warmup SECONDS] [--window N] [--json]",
                "                           [--config FILE] [--dialect D]",
                String.join("\n", TransportChoice.USAGE),
                TransportChoice.EXIT_CODES,
                "",
                "Runs an RPC server and N callers in this process on the transport, then prints the",
                "throughput (msgs/s) and latency p50/p99. call: round trip of a call echoing a payload of",
                "--size bytes (default 1024); cast: send to dispatch, counting what the server received,",
                "each caller keeping up to --window casts awaiting their publisher confirm (default "
                        + RpcBench.Config.DEFAULT_WINDOW + ",",
                "like PerfTest --confirm N; 1 waits for each confirm as oslo's cast does).",
                "A warm-up (default 1 s) runs first and is not counted. Queues and exchanges are unique",
                "to the run and deleted at the end.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        RpcBench.Config config;
        try {
            config = parse(args);
        } catch (UsageException e) {
            err.println("osloscope bench: " + e.getMessage());
            err.println("Try 'osloscope bench --help'.");
            return USAGE;
        }
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
        if (args.contains("--json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("impl", "osloscope");
            json.put("transport", r.transport());
            json.put("mode", r.mode());
            json.put("concurrency", r.concurrency());
            json.put("size", r.size());
            if (!r.mode().equals("call")) {
                json.put("window", r.window());
            }
            json.put("messages", r.messages());
            json.put("seconds", round(r.seconds()));
            json.put("msgs_per_s", round(r.msgsPerS()));
            json.put("p50_ms", round(r.p50Ms()));
            json.put("p99_ms", round(r.p99Ms()));
            try {
                out.println(new ObjectMapper().writeValueAsString(json));
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

    static RpcBench.Config parse(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("rpc")) {
            throw new UsageException("expected 'bench rpc ...' (the only benchmark is rpc)");
        }
        CliArgs a = CliArgs.parse(args.subList(1, args.size()), VALUED, FLAGS);
        if (!a.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + a.positional().get(0));
        }
        String mode = a.require("mode");
        if (!mode.equals("call") && !mode.equals("cast")) {
            throw new UsageException("--mode must be call or cast, not '" + mode + "'");
        }
        String size = a.get("size", "1024");
        int bytes;
        try {
            bytes = Integer.parseInt(size);
            if (bytes < 0 || bytes > 64 * 1024 * 1024) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--size must be 0 to 67108864 bytes, not '" + size + "'");
        }
        return new RpcBench.Config(new TransportChoice(a.get("transport"), a.all("config"), a.get("dialect"), null),
                mode.equals("call"), a.positiveInt("concurrency", 1),
                Duration.ofMillis(Math.round(a.seconds("duration", 10) * 1000)), bytes,
                Duration.ofMillis(Math.round(a.seconds("warmup", 1) * 1000)),
                a.positiveInt("window", RpcBench.Config.DEFAULT_WINDOW));
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
