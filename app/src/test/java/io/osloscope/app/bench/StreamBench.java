package io.osloscope.app.bench;

import io.osloscope.app.fx.FxEventPump;
import io.osloscope.app.fx.FxThread;
import io.osloscope.app.theme.ThemeSwitcher;
import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficBatch;
import io.osloscope.app.traffic.TrafficView;
import io.osloscope.app.traffic.TrafficViewModel;
import io.osloscope.app.traffic.Wire;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.MessageSnapshot;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Bench for the message stream: N events/s (publish + routed + delivered per message, real oslo cast bodies)
 * through the real {@link FxEventPump}, {@link TrafficAssembler}, {@link TrafficViewModel} and a shown
 * {@link TrafficView} under headless Monocle, while a probe {@code runLater} every 10 ms measures FX-thread
 * latency. Args: [eventsPerSecond=10000] [seconds=10]. {@code -Dbench.noTable=true} leaves the table unshown
 * (pump and view model only); {@code -Dbench.noFollow=true} turns follow-tail off. See README for the command.
 */
public final class StreamBench {
    private static final java.util.concurrent.atomic.AtomicLong APPEND_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong APPENDS = new java.util.concurrent.atomic.AtomicLong();
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1600x1000-32"));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        EventHub hub = new EventHub();
        TrafficAssembler assembler = new TrafficAssembler();
        TrafficViewModel model = new TrafficViewModel();
        AtomicReference<FxEventPump<TrafficBatch>> pumpRef = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        long[] fxThreadId = new long[1];
        Platform.runLater(() -> {
            fxThreadId[0] = Thread.currentThread().getId();
            TrafficView view = new TrafficView(model);
            Scene scene = new Scene((javafx.scene.Parent) view.getRoot(), Integer.getInteger("bench.w", 1400), Integer.getInteger("bench.h", 800));
            new ThemeSwitcher(scene, ThemeSwitcher.Theme.LIGHT);
            Stage stage = new Stage();
            stage.setScene(scene);
            if (!Boolean.getBoolean("bench.noTable")) {
                stage.show();
            }
            model.followTailProperty().set(!Boolean.getBoolean("bench.noFollow"));
            FxEventPump<TrafficBatch> pump = new FxEventPump<>("bench", hub.subscribe(EventFilter.ALL, 200_000),
                    assembler::assemble, b -> {
                        long a0 = System.nanoTime();
                        model.append(b);
                        APPEND_NANOS.addAndGet(System.nanoTime() - a0);
                        APPENDS.incrementAndGet();
                    }, Duration.ofMillis(100), FxThread.executor());
            model.droppedSource(pump::dropped);
            pumpRef.set(pump);
            shown.countDown();
        });
        shown.await();

        byte[] body = Wire.body("cast-request");
        MessageSnapshot snap = new MessageSnapshot(Wire.OSLO, body);
        List<BindingMatch> bindings = List.of(
                new BindingMatch("nova", "compute", "compute", false, "'compute' does not match"),
                new BindingMatch("nova", "compute.compute1", "compute.compute1", true, "exact match"));
        AtomicBoolean producing = new AtomicBoolean(true);
        long[] produced = new long[1];
        Thread producer = new Thread(() -> {
            long intervalNanos = 1_000_000L;
            // Messages owed so far, in thousandths: each 1 ms tick adds rate/3 thousandths, so a rate that is
            // not a multiple of 3,000 events/s is still offered in full (10,000/s is 3,333.3 messages/s).
            long owedMilli = 0;
            long next = System.nanoTime();
            long ref = 0;
            while (producing.get() && rate > 0) {
                owedMilli += rate / 3;
                int perTick = (int) (owedMilli / 1000);
                owedMilli -= perTick * 1000L;
                for (int i = 0; i < perTick; i++) {
                    ref++;
                    Instant now = Instant.now();
                    hub.publish(new MessagePublished(hub.nextSeq(), now, ref, "nova-conductor:1:abc", "nova",
                            "compute.compute1", false, snap));
                    hub.publish(new MessageRouted(hub.nextSeq(), now, ref, "nova", "topic", "compute.compute1",
                            bindings, List.of("compute.compute1")));
                    hub.publish(new MessageDelivered(hub.nextSeq(), now, ref, "compute.compute1", "2",
                            "nova-compute:2:def", ref, false, "nova", "compute.compute1", snap));
                    produced[0] += 3;
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }, "bench-producer");

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] worst = new long[2]; // latency ms, probe time ms since JVM start (to line up with -Xlog:gc)
        AtomicBoolean measuring = new AtomicBoolean(false);
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleAtFixedRate(() -> {
            long t0 = System.nanoTime();
            Platform.runLater(() -> {
                if (measuring.get()) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    latencies.add(ms);
                    if (ms > worst[0]) {
                        worst[0] = ms;
                        worst[1] = ManagementFactory.getRuntimeMXBean().getUptime() - ms;
                    }
                }
            });
        }, 0, 10, TimeUnit.MILLISECONDS);

        producer.start();
        Thread.sleep(2000);
        measuring.set(true);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getThreadCpuTime(fxThreadId[0]);
        java.util.Map<String, Long> cpuBefore = cpuByThread(threads);
        long t0 = System.nanoTime();
        long p0 = produced[0];
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long fxCpuMs = (threads.getThreadCpuTime(fxThreadId[0]) - cpu0) / 1_000_000;
        java.util.Map<String, Long> cpuAfter = cpuByThread(threads);
        double actual = (produced[0] - p0) / ((System.nanoTime() - t0) / 1e9);
        producing.set(false);
        producer.join();
        long stop = System.nanoTime();
        long received;
        do {
            Thread.sleep(10);
            received = assembler.counts().messages();
        } while (received * 3 < produced[0] - pumpRef.get().dropped() && System.nanoTime() - stop < 10_000_000_000L);
        CountDownLatch fxIdle = new CountDownLatch(1);
        Platform.runLater(fxIdle::countDown);
        fxIdle.await();
        long catchUpMs = (System.nanoTime() - stop) / 1_000_000;
        probe.shutdownNow();

        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        System.out.printf("stream bench: %,.0f events/s offered (%,.0f messages/s) for %d s, %d probes%n", actual,
                actual / 3, seconds, sorted.size());
        System.out.printf("FX-thread latency p50 %d ms, p99 %d ms, max %d ms; catch-up after stop %d ms%n",
                pct(sorted, 50), pct(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), catchUpMs);
        // NOTE(bench): the FX thread's CPU time is less sensitive than the probe latency to other processes on the box
        System.out.printf("FX thread CPU %d ms over %d s (%.0f%% busy)%n", fxCpuMs, seconds, fxCpuMs / (seconds * 10.0));
        System.out.printf("worst stall %d ms, began %.3f s after JVM start%n", worst[0], worst[1] / 1000.0);
        StringBuilder others = new StringBuilder();
        cpuAfter.forEach((name, ns) -> {
            long ms = (ns - cpuBefore.getOrDefault(name, 0L)) / 1_000_000;
            if (ms >= 100) {
                others.append(String.format(" %s=%d", name, ms));
            }
        });
        System.out.printf("CPU ms by thread:%s%n", others);
        System.out.printf("view model append: %d batches, %.1f ms each on average%n", APPENDS.get(),
                APPENDS.get() == 0 ? 0.0 : APPEND_NANOS.get() / 1e6 / APPENDS.get());
        System.out.printf("rows in window %,d, older %,d, dropped %,d%n", model.rows().size(),
                model.olderProperty().get(), pumpRef.get().dropped());
        Platform.runLater(() -> pumpRef.get().close());
        Platform.exit();
        System.exit(0);
    }

    private static java.util.Map<String, Long> cpuByThread(ThreadMXBean threads) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                out.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
