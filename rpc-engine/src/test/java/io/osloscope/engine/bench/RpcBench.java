package io.osloscope.engine.bench;

import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of the whole RPC layer (codec, driver, dispatcher, broker) with the event stream on
 * and drained, as the GUI would: N casts or calls of a {@code size}-byte string argument to one
 * server, {@code inflight} calls outstanding at a time. Prints msg/s over the timed run.
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp rpc-engine/target/classes:rpc-engine/target/test-classes:$(cat rpc-engine/target/cp.txt) \
 *     io.osloscope.engine.bench.RpcBench memory:// cast 200000 1024 64
 * java -cp ... io.osloscope.engine.bench.RpcBench rabbit://guest:guest@127.0.0.1:5672/ call 20000 1024 64
 * </pre>
 */
public final class RpcBench {
    private RpcBench() {
    }

    public static final class Sink {
        final LongAdder received = new LongAdder();

        public void take(RpcContext ctxt, String cargo) {
            received.increment();
        }

        public String echo(RpcContext ctxt, String cargo) {
            received.increment();
            return cargo;
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "memory://";
        String mode = args.length > 1 ? args[1] : "cast";
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        int inflight = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        String id = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "osloscope-bench-" + id;
        String topic = "bench-" + id;
        String cargo = "x".repeat(size);
        try (Transport serverT = Transport.open(url, exchange); Transport clientT = Transport.open(url, exchange)) {
            EventSubscription sub = serverT.events().subscribe(null, 1 << 20);
            AtomicBoolean draining = new AtomicBoolean(true);
            LongAdder events = new LongAdder();
            Thread drainer = new Thread(() -> {
                List<EngineEvent> batch = new ArrayList<>();
                while (draining.get()) {
                    events.add(sub.drainTo(batch, 50_000));
                    batch.clear();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-drainer");
            drainer.start();
            Sink sink = new Sink();
            RpcServer server = RpcServer.create(serverT, Target.topic(topic).withServer("s1"), List.of(sink));
            server.start();
            RpcClient client = new RpcClient(clientT, Target.topic(topic).withServer("s1"),
                    RpcClient.Options.defaults().withTimeout(Duration.ofSeconds(60)));
            Map<String, Object> ctxt = Map.of("request_id", "req-bench");
            Map<String, Object> callArgs = Map.of("cargo", cargo);
            run(client, mode, Math.min(n / 10, 5_000), ctxt, callArgs, inflight, sink);
            sink.received.reset();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            run(client, mode, n, ctxt, callArgs, inflight, sink);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
            // NOTE(bench): msg per CPU-second is reported too, because wall-clock rates on a shared
            // machine mostly measure the other tenants.
            System.out.printf(Locale.ROOT, "%s %s x%d, %d B, inflight %d: %.0f msg/s wall (%.2f s), %.0f msg per CPU-s"
                            + " (this JVM, client+server+broker), load avg %.1f, events drained %d, dropped %d%n",
                    url.replaceAll(":[^:@/]*@", ":***@"), mode, n, size, inflight, n / secs, secs, n / cpuSecs,
                    os.getSystemLoadAverage(), events.sum(), sub.dropped());
            server.stop();
            server.await(Duration.ofSeconds(10));
            draining.set(false);
            drainer.join();
            try (var c = serverT.broker().connect(io.osloscope.engine.broker.ConnectionOptions.named("bench-cleanup"))) {
                c.deleteQueue(topic, false, false);
                c.deleteQueue(topic + ".s1", false, false);
                if (clientT.replyQueue() != null) {
                    c.deleteQueue(clientT.replyQueue(), false, false);
                }
                c.deleteExchange(exchange, false);
            }
        }
    }

    private static void run(RpcClient client, String mode, int n, Map<String, Object> ctxt, Map<String, Object> args,
                            int inflight, Sink sink) throws InterruptedException {
        if ("cast".equals(mode)) {
            for (int i = 0; i < n; i++) {
                client.cast(ctxt, "take", args);
            }
            while (sink.received.sum() < n) {
                Thread.sleep(1);
            }
            return;
        }
        Semaphore window = new Semaphore(inflight);
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            window.acquire();
            all.add(client.callAsync(ctxt, "echo", args).whenComplete((r, e) -> window.release()));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
    }
}
