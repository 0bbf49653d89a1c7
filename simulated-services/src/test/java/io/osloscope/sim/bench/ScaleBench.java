package io.osloscope.sim.bench;

import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.ComputeFleet;
import io.osloscope.sim.RabbitVhost;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.nova.ComputeRegistration;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.service.Service;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scale benchmark (a main, not a test): N simulated computes in one JVM, each with its
 * {@code compute}, {@code compute.<host>} and {@code compute_fanout_<uuid>} queues, then one
 * fanout cast that must reach all of them. Prints start-up time (and the JVM's CPU for it), fanout
 * completion time, heap per node and threads. On RabbitMQ it runs in a throw-away vhost that is deleted
 * afterwards, so every queue it created goes.
 *
 * <pre>
 * mvn -B -ntp -pl simulated-services -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -Xmx1g -cp "simulated-services/target/test-classes:simulated-services/target/classes:\
 * rpc-engine/target/test-classes:rpc-engine/target/classes:$(cat simulated-services/target/bench.cp)" \
 *     io.osloscope.sim.bench.ScaleBench --transport rabbit --computes 1000 --shared-connections 20
 * </pre>
 * {@code --transport memory} uses the embedded broker. {@code --shared-connections 0} gives every
 * node its own connections, as real services have (2+ per node).
 *
 * <p>With {@code --report-interval 10} the computes join the simulated conductor as registered computes do
 * (a {@code Service} record, then {@code report_state} every interval; {@link ComputeFleet} with
 * {@link ComputeRegistration.Options#serviceOnly()}) and the bench then watches for {@code --watch 60} seconds,
 * printing how many report_state saves the conductor took in each 10-second window.
 */
public final class ScaleBench {
    private static final long WINDOW_MS = 10_000;

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = "memory";
        int computes = 1000;
        int shared = 20;
        int reportInterval = 0;
        int watch = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--transport" -> kind = args[++i];
                case "--computes" -> computes = Integer.parseInt(args[++i]);
                case "--shared-connections" -> shared = Integer.parseInt(args[++i]);
                case "--report-interval" -> reportInterval = Integer.parseInt(args[++i]);
                case "--watch" -> watch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RabbitVhost vhost = kind.equals("rabbit") ? RabbitVhost.create() : null;
        try (Transport transport = vhost != null ? Transport.open(vhost.transportUrl(), "nova")
                : Transport.open("memory://scale-bench", "nova")) {
            run(transport, computes, shared, vhost, reportInterval, watch);
        } finally {
            if (vhost != null) {
                vhost.close();
                System.out.println("deleted vhost " + vhost.name() + " and every queue in it");
            }
        }
    }

    /** CPU time of this JVM (all threads, JIT and GC included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void run(Transport transport, int computes, int shared, RabbitVhost vhost, int reportInterval,
                            int watch) throws Exception {
        boolean reporting = reportInterval > 0;
        SimulatedCloud.Options opts = SimulatedCloud.Options.defaults().withSharedConnections(shared)
                .withExecutorThreads(reporting ? 4 : 1).withRest("127.0.0.1", -1);
        long heap0 = usedHeap();
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        long cpu0 = processCpuNanos();
        double load0 = loadAverage();
        long t0 = System.nanoTime();
        ComputeFleet fleet = null;
        try (SimulatedCloud cloud = SimulatedCloud.start(transport, reporting ? 0 : computes, opts)) {
            List<Service> services;
            if (reporting) {
                heap0 = usedHeap();
                threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
                cpu0 = processCpuNanos();
                t0 = System.nanoTime();
                List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
                fleet = ComputeFleet.start(transport, ComputeFleet.expandHosts("compute[1-" + computes + "]"),
                        ComputeRegistration.Options.serviceOnly().withIntervals(Duration.ofSeconds(reportInterval),
                                Duration.ofSeconds(60)), ComputeFleet.START_PARALLEL, shared, Duration.ofSeconds(60),
                        problems::add);
                problems.stream().limit(5).forEach(p -> System.out.println("problem: " + p));
                services = fleet.services();
            } else {
                services = cloud.computeHosts().stream().map(cloud::service).toList();
            }
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            long startCpuMs = (processCpuNanos() - cpu0) / 1_000_000;
            long heap1 = usedHeap();
            int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
            RpcClient fanout = new RpcClient(cloud.apiTransport(), Target.topic("compute").withFanout(true)
                    .withNamespace("baseapi").withVersion("1.0"));
            long[] fanoutMs = {fanoutToAll(fanout, services, 1, "scale"), fanoutToAll(fanout, services, 2, "again")};
            System.out.printf("transport          %s%n", transport.broker().describe());
            System.out.printf("computes           %d (+ conductor, scheduler, api)%s%n", computes,
                    reporting ? ", " + services.size() + " with a service record, report_state every "
                            + reportInterval + " s" : "");
            System.out.printf("shared connections %s%n", shared == 0 ? "off (own connections per node)" : shared);
            if (vhost != null) {
                System.out.printf("queues in vhost    %d%n", vhost.queueCount());
            }
            System.out.printf("start-up           %d ms (%.2f ms per compute), %.1f s CPU in this JVM, load %.1f%n",
                    startMs, (double) startMs / computes, startCpuMs / 1000.0, load0);
            System.out.printf("fanout reached     %s of %d computes in %d ms%n", reached(services, 1), computes,
                    fanoutMs[0]);
            System.out.printf("second fanout      %s of %d computes in %d ms (warm)%n", reached(services, 2), computes,
                    fanoutMs[1]);
            int nodes = reporting ? computes : computes + 3;
            System.out.printf("heap per %s   %.1f KiB (%.1f MiB for all)%n", reporting ? "compute" : "node   ",
                    (heap1 - heap0) / 1024.0 / nodes, (heap1 - heap0) / 1048576.0);
            System.out.printf("threads            %d (+%d)%n", threads1, threads1 - threads0);
            if (reporting) {
                watchReports(cloud, fleet, watch, reportInterval);
            }
            long c0 = System.nanoTime();
            if (fleet != null) {
                fleet.close();
            }
            cloud.close();
            System.out.printf("shutdown           %d ms, load %.1f%n", (System.nanoTime() - c0) / 1_000_000,
                    loadAverage());
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    private static long fanoutToAll(RpcClient fanout, List<Service> services, int nth, String arg)
            throws InterruptedException {
        long t = System.nanoTime();
        fanout.cast(RequestContexts.admin(), "ping", Map.of("arg", arg));
        long deadline = t + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && reached(services, nth) < services.size()) {
            Thread.sleep(2);
        }
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long reached(List<Service> services, int nth) {
        return services.stream().filter(s -> s.baseApi().pingsReceived() >= nth).count();
    }

    /**
     * Prints the report_state saves the simulated conductor took in each 10-second window, what the computes saw
     * accepted, and the JVM's CPU per report.
     */
    private static void watchReports(SimulatedCloud cloud, ComputeFleet fleet, int watchSeconds, int interval)
            throws InterruptedException {
        int computes = fleet.services().size();
        double expected = computes * (WINDOW_MS / 1000.0) / interval;
        System.out.printf("report_state       expected %.0f per 10 s window (%d computes every %d s)%n", expected,
                computes, interval);
        long last = cloud.conductor().services().reportStates();
        long cpuLast = processCpuNanos();
        long start = System.nanoTime();
        List<Long> counts = new ArrayList<>();
        long cpuAll = 0;
        for (int w = 1; w * WINDOW_MS <= watchSeconds * 1000L; w++) {
            long due = start + w * WINDOW_MS * 1_000_000;
            long sleep = (due - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            long now = cloud.conductor().services().reportStates();
            long cpu = processCpuNanos();
            long n = now - last;
            counts.add(n);
            cpuAll += cpu - cpuLast;
            System.out.printf("  window %2d  %5d at the conductor  (%.2f ms JVM CPU per report, load %.1f)%n", w, n,
                    n == 0 ? 0.0 : (cpu - cpuLast) / 1e6 / n, loadAverage());
            last = now;
            cpuLast = cpu;
        }
        long accepted = fleet.reportsAccepted();
        long min = counts.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        long sum = counts.stream().mapToLong(Long::longValue).sum();
        System.out.printf("report_state       %d windows: min %d, max %d, mean %.0f (%.0f%% of expected); "
                        + "%d accepted in all since the computes started; %.2f ms JVM CPU per report (whole simulated cloud)%n",
                counts.size(), min, max, counts.isEmpty() ? 0.0 : (double) sum / counts.size(),
                counts.isEmpty() ? 0.0 : 100.0 * sum / counts.size() / expected, accepted,
                sum == 0 ? 0.0 : cpuAll / 1e6 / sum);
    }
}
