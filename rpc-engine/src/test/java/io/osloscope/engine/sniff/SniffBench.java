package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.observe.pairing.CallTracker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sniffer benchmark: sustained ingest through decode + pairing + the routing check against bindings (a
 * {@link io.osloscope.engine.broker.routing.TopologyRouter} over the trace's topology, as a live firehose capture has
 * from the management API) + the health rules' traffic listener + retention + event publishing (one subscriber
 * drained by another thread, like the GUI), then the heap held by 200,000 retained messages.
 * {@code -Dbench.routing=false} leaves the routing check out.
 * Traffic is the golden firehose trace of real oslo 14.0.3 (calls, replies, heartbeats, casts, fanout;
 * mean body about 1.1 KB) with fresh _msg_ids and a fresh body array per message, as a live capture has.
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx512m -cp %classpath io.osloscope.engine.sniff.SniffBench"
 * </pre>
 */
public final class SniffBench {
    private static final int RETAINED = 200_000;

    private SniffBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<RawCapture> trace = TraceGolden.captures().stream().filter(RawCapture::isPublish).toList();
        List<byte[]> bodies = new ArrayList<>();
        for (RawCapture c : trace) {
            bodies.add(c.body());
        }
        long meanBody = bodies.stream().mapToLong(b -> b.length).sum() / bodies.size();

        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 100_000);
        Thread drainer = new Thread(() -> {
            List<EngineEvent> sink = new ArrayList<>(50_000);
            while (!Thread.currentThread().isInterrupted()) {
                sink.clear();
                if (sub.drainTo(sink, 50_000) == 0) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "bench-ui-drainer");
        drainer.setDaemon(true);
        drainer.start();

        System.gc();
        long baseline = usedHeap();
        SniffPipeline pipeline = new SniffPipeline(new OsloDecoder(), new CallTracker(), new CaptureStore(RETAINED), hub,
                Clock.systemUTC(), 16);
        if (!"false".equals(System.getProperty("bench.routing"))) {
            var router = new io.osloscope.engine.broker.routing.TopologyRouter(topologyOf(trace), null);
            pipeline.setRouting(() -> router);
        }
        pipeline.addListener(new OsloTrafficListener(new io.osloscope.engine.sniff.health.OsloTraffic(),
                pipeline.decoder()));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        // warm-up: JIT, then the measured run
        run(pipeline, trace, bodies, 100_000, t);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        run(pipeline, trace, bodies, total, t.plusSeconds(3600));
        double secs = (System.nanoTime() - start) / 1e9;
        double cpuSecs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        CallTracker.Counts c = pipeline.tracker().counts();

        drainer.interrupt();
        sub.close();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long retainedHeap = usedHeap() - baseline;
        System.out.printf(Locale.ROOT, "ingest: %,d messages in %.2f s = %,.0f msg/s (decode + pair + retain + events; "
                        + "mean body %d bytes)%n", total, secs, total / secs, meanBody);
        System.out.printf(Locale.ROOT, "ingest per CPU second of the ingest thread: %,.0f msg/s (%.2f s CPU; wall "
                + "clock suffers when other processes share the cores, load average %.1f)%n", total / cpuSecs, cpuSecs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "routing checked against bindings: %s; differences %,d%n",
                !"false".equals(System.getProperty("bench.routing")), pipeline.routingDifferences());
        System.out.printf(Locale.ROOT, "pairing: %,d calls, %,d paired, %,d pending, %,d evicted; events dropped by "
                + "the slow subscriber: %,d%n", c.calls(), c.paired(), c.pending(), c.evicted(), sub.dropped());
        System.out.printf(Locale.ROOT, "retention: %,d messages retained (%,d MB of bodies), heap used %,d MB "
                        + "(max heap %,d MB)%n", pipeline.store().size(), pipeline.store().retainedBodyBytes() >> 20,
                retainedHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The bindings the trace's publishes went through, as the management API would list them. */
    private static io.osloscope.engine.broker.TopologySnapshot topologyOf(List<RawCapture> trace) {
        java.util.Map<String, io.osloscope.engine.broker.TopologySnapshot.ExchangeView> xs = new java.util.TreeMap<>();
        java.util.Map<String, io.osloscope.engine.broker.TopologySnapshot.QueueView> qs = new java.util.TreeMap<>();
        java.util.Set<io.osloscope.engine.broker.TopologySnapshot.BindingView> bs = new java.util.LinkedHashSet<>();
        for (RawCapture c : trace) {
            if (c.routedQueues() == null) {
                continue;
            }
            for (String q : c.routedQueues()) {
                qs.put(q, new io.osloscope.engine.broker.TopologySnapshot.QueueView(q, 0, 0, 1, false, false, false,
                        null, java.util.Map.of(), io.osloscope.engine.broker.QueueType.CLASSIC));
            }
            if (c.exchange().isEmpty()) {
                continue;
            }
            var type = c.exchange().endsWith("_fanout") ? io.osloscope.engine.broker.ExchangeType.FANOUT
                    : io.osloscope.engine.broker.ExchangeType.TOPIC;
            xs.put(c.exchange(), new io.osloscope.engine.broker.TopologySnapshot.ExchangeView(c.exchange(), type,
                    false, false, java.util.Map.of(), false));
            for (String q : c.routedQueues()) {
                bs.add(new io.osloscope.engine.broker.TopologySnapshot.BindingView(c.exchange(), q,
                        type == io.osloscope.engine.broker.ExchangeType.FANOUT ? "" : c.routingKey(), java.util.Map.of()));
            }
        }
        return new io.osloscope.engine.broker.TopologySnapshot(List.copyOf(xs.values()), List.copyOf(qs.values()),
                List.copyOf(bs));
    }

    private static void run(SniffPipeline p, List<RawCapture> trace, List<byte[]> bodies, int n, Instant t0) {
        // NOTE(bench): where each body's _msg_ids sit is found once; each message then costs the harness one body
        // copy and an 8-byte patch, as a live capture costs the AMQP client one body array.
        int[][] idAt = new int[bodies.size()][];
        for (int i = 0; i < bodies.size(); i++) {
            idAt[i] = idOffsets(bodies.get(i));
        }
        int round = 0;
        int done = 0;
        while (done < n) {
            byte[] suffix = String.format("%08x", round++).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < trace.size() && done < n; i++, done++) {
                RawCapture c = trace.get(i);
                byte[] body = bodies.get(i).clone();
                for (int at : idAt[i]) {
                    System.arraycopy(suffix, 0, body, at, 8);
                }
                p.process(new RawCapture(t0.plusNanos(done * 10_000L), c.direction(), c.exchange(),
                        c.routingKey(), c.routedQueues(), c.connection(), c.node(), c.user(), c.properties(), body));
            }
        }
    }

    /** Where the last 8 hex digits of every _msg_id are (same length, so a byte copy is enough to change them). */
    private static int[] idOffsets(byte[] b) {
        byte[] key = "_msg_id\\\": \\\"".getBytes(StandardCharsets.US_ASCII);
        List<Integer> at = new ArrayList<>();
        outer:
        for (int i = 0; i + key.length + 32 <= b.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (b[i + k] != key[k]) {
                    continue outer;
                }
            }
            at.add(i + key.length + 24);
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
