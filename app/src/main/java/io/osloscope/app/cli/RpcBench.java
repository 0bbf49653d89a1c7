package io.osloscope.app.cli;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measurement behind {@code bench rpc}: one RPC server and N caller threads in this process
 * on one transport, for a fixed time after a warm-up. {@code call}: each caller waits for its
 * reply (the payload echoed back); latency is the round trip. {@code cast}: callers send as fast
 * as the broker confirms, each keeping at most {@code window} casts unconfirmed (PerfTest's
 * {@code --confirm N}; 1 = wait for each confirm, as the blocking {@code cast} and oslo do);
 * throughput counts what the server received and latency is send to dispatch. Mirrors
 * {@code oslo_bench.py}, so the two can be compared side by side.
 */
final class RpcBench {
    /** What to measure. */
    record Config(TransportChoice transport, boolean call, int concurrency, Duration duration, int size, Duration warmup,
                  int window) {
        /** PerfTest-like default for cast: up to this many unconfirmed casts per caller. */
        static final int DEFAULT_WINDOW = 128;

        /** The --transport URL as given (null when it comes from a config file). */
        String transportUrl() {
            return transport.transport();
        }
    }

    /** What was measured. Latencies in milliseconds. */
    record Result(String transport, String mode, int concurrency, int size, int window, long messages,
                  double seconds, double msgsPerS, double p50Ms, double p99Ms) {
    }

    private RpcBench() {
    }

    static Result run(Config config) throws InterruptedException {
        String tag = randomHex();
        String exchange = "osloscope_bench_" + tag;
        String topic = "osloscope_bench_" + tag;
        Sink sink = new Sink();
        TransportChoice where = new TransportChoice(config.transport().transport(), config.transport().configFiles(),
                config.transport().dialect(), exchange, config.transport().management());
        try (Transport transport = where.open(exchange, List.of(topic), System.err)) {
            RpcServer server = RpcServer.create(transport, Target.topic(topic).withServer("bench"), List.of(sink));
            server.start();
            try {
                RpcClient client = new RpcClient(transport, Target.topic(topic));
                String payload = "x".repeat(config.size());
                if (config.call()) {
                    client.call(Map.of(), "echo", Map.of("payload", "warm", "sent", System.nanoTime()));
                }
                measure(config, client, sink, payload, config.warmup());
                sink.reset();
                return measure(config, client, sink, payload, config.duration());
            } finally {
                server.stop();
                server.await(Duration.ofSeconds(30));
                removeLeftovers(transport, exchange, topic);
            }
        }
    }

    private static Result measure(Config config, RpcClient client, Sink sink, String payload, Duration length)
            throws InterruptedException {
        int n = config.concurrency();
        long[][] latencies = new long[n][];
        long[] counts = new long[n];
        AtomicLong sent = new AtomicLong();
        AtomicReference<Throwable> failures = new AtomicReference<>();
        long start = System.nanoTime();
        long stopAt = start + length.toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            Thread t = new Thread(() -> {
                long[] lat = new long[1024];
                int k = 0;
                Semaphore unconfirmed = new Semaphore(config.window());
                while (System.nanoTime() < stopAt) {
                    long t0 = System.nanoTime();
                    Map<String, Object> args = Map.of("payload", payload, "sent", t0);
                    if (config.call()) {
                        client.call(Map.of(), "echo", args);
                        if (k == lat.length) {
                            lat = Arrays.copyOf(lat, k * 2);
                        }
                        lat[k++] = System.nanoTime() - t0;
                    } else if (config.window() == 1) {
                        client.cast(Map.of(), "take", args);
                        sent.incrementAndGet();
                    } else {
                        unconfirmed.acquireUninterruptibly();
                        client.castAsync(Map.of(), "take", args).whenComplete((ok, error) -> {
                            unconfirmed.release();
                            if (error != null) {
                                failures.compareAndSet(null, error);
                            }
                        });
                        sent.incrementAndGet();
                    }
                    counts[me]++;
                }
                unconfirmed.acquireUninterruptibly(config.window());
                latencies[me] = Arrays.copyOf(lat, k);
            }, "bench-caller-" + i);
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join();
        }
        if (failures.get() != null) {
            throw asRuntime(failures.get());
        }
        long messages;
        long end;
        long[] all;
        if (config.call()) {
            end = System.nanoTime();
            messages = Arrays.stream(counts).sum();
            all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        } else {
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.received() < sent.get() && System.nanoTime() < waitUntil) {
                Thread.sleep(5);
            }
            end = sink.lastAt() == 0 ? System.nanoTime() : sink.lastAt();
            messages = sink.received();
            all = sink.latencies();
        }
        Arrays.sort(all);
        double seconds = (end - start) / 1e9;
        return new Result(TransportNames.masked(config.transport().transport() == null ? "(from --config)"
                : config.transport().transport()), config.call() ? "call" : "cast", n,
                config.size(), config.call() ? 0 : config.window(), messages, seconds, messages / seconds, percentileMs(all, 0.50), percentileMs(all, 0.99));
    }

    private static RuntimeException asRuntime(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private static double percentileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** Topic queues stay behind in oslo on purpose; a benchmark's are its own and go. */
    private static void removeLeftovers(Transport transport, String exchange, String topic) {
        List<String> queues = new ArrayList<>(List.of(topic, topic + ".bench"));
        if (transport.replyQueue() != null) {
            queues.add(transport.replyQueue());
        }
        try {
            BrokerConnection c = transport.broker().connect(ConnectionOptions.named("osloscope-bench-cleanup"));
            try {
                for (String q : queues) {
                    c.deleteQueue(q, false, false);
                }
                c.deleteExchange(exchange, false);
            } finally {
                c.close();
            }
        } catch (RuntimeException e) {
            // best effort: leftovers are non-durable and the reply queue expires on its own
        }
    }

    private static String randomHex() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The benchmark's endpoint: {@code echo} answers calls, {@code take} counts casts. */
    public static final class Sink {
        private final AtomicLong received = new AtomicLong();
        private volatile long lastAt;
        private long[] latencies = new long[1 << 16];
        private int count;

        public String echo(RpcContext ctx, String payload, long sent) {
            return payload;
        }

        public void take(RpcContext ctx, String payload, long sent) {
            long now = System.nanoTime();
            synchronized (this) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - sent;
            }
            lastAt = now;
            received.incrementAndGet();
        }

        long received() {
            return received.get();
        }

        long lastAt() {
            return lastAt;
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }

        synchronized void reset() {
            count = 0;
            received.set(0);
            lastAt = 0;
        }
    }
}
