package io.osloscope.sim.bench;

import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.RabbitVhost;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.service.Service;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scale benchmark (a main, not a test): N simulated computes in one JVM, each with its
 * {@code compute}, {@code compute.<host>} and {@code compute_fanout_<uuid>} queues, then one
 * fanout cast that must reach all of them. Prints start-up time, fanout completion time, heap per
 * node and threads. On RabbitMQ it runs in a throw-away vhost that is deleted afterwards, so every
 * queue it created goes.
 *
 * <pre>
 * mvn -B -ntp -pl simulated-services -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -Xmx1g -cp "simulated-services/target/test-classes:simulated-services/target/classes:\
 * rpc-engine/target/test-classes:rpc-engine/target/classes:$(cat simulated-services/target/bench.cp)" \
 *     io.osloscope.sim.bench.ScaleBench --transport rabbit --computes 1000 --shared-connections 20
 * </pre>
 * {@code --transport memory} uses the embedded broker. {@code --shared-connections 0} gives every
 * node its own connections, as real services have (2+ per node).
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = "memory";
        int computes = 1000;
        int shared = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--transport" -> kind = args[++i];
                case "--computes" -> computes = Integer.parseInt(args[++i]);
                case "--shared-connections" -> shared = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RabbitVhost vhost = kind.equals("rabbit") ? RabbitVhost.create() : null;
        try (Transport transport = vhost != null ? Transport.open(vhost.transportUrl(), "nova")
                : Transport.open("memory://scale-bench", "nova")) {
            run(transport, computes, shared, vhost);
        } finally {
            if (vhost != null) {
                vhost.close();
                System.out.println("deleted vhost " + vhost.name() + " and every queue in it");
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void run(Transport transport, int computes, int shared, RabbitVhost vhost) throws Exception {
        long heap0 = usedHeap();
        int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
        SimulatedCloud.Options opts = SimulatedCloud.Options.defaults().withSharedConnections(shared)
                .withExecutorThreads(1).withRest("127.0.0.1", -1);
        long t0 = System.nanoTime();
        try (SimulatedCloud cloud = SimulatedCloud.start(transport, computes, opts)) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            long heap1 = usedHeap();
            int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Service> services = cloud.computeHosts().stream().map(cloud::service).toList();
            RpcClient fanout = new RpcClient(cloud.apiTransport(), Target.topic("compute").withFanout(true)
                    .withNamespace("baseapi").withVersion("1.0"));
            long t1 = System.nanoTime();
            fanout.cast(RequestContexts.admin(), "ping", Map.of("arg", "scale"));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long reached = 0;
            while (System.nanoTime() < deadline) {
                reached = services.stream().filter(s -> s.baseApi().pingsReceived() >= 1).count();
                if (reached == services.size()) {
                    break;
                }
                Thread.sleep(2);
            }
            long fanoutMs = (System.nanoTime() - t1) / 1_000_000;
            long t2 = System.nanoTime();
            fanout.cast(RequestContexts.admin(), "ping", Map.of("arg", "scale again"));
            long reached2 = 0;
            while (System.nanoTime() < deadline + Duration.ofSeconds(120).toNanos()) {
                reached2 = services.stream().filter(s -> s.baseApi().pingsReceived() >= 2).count();
                if (reached2 == services.size()) {
                    break;
                }
                Thread.sleep(2);
            }
            long fanout2Ms = (System.nanoTime() - t2) / 1_000_000;
            System.out.printf("transport          %s%n", transport.broker().describe());
            System.out.printf("computes           %d (+ conductor, scheduler, api)%n", computes);
            System.out.printf("shared connections %s%n", shared == 0 ? "off (own connections per node)" : shared);
            if (vhost != null) {
                System.out.printf("queues in vhost    %d%n", vhost.queueCount());
            }
            System.out.printf("start-up           %d ms (%.2f ms per compute)%n", startMs, (double) startMs / computes);
            System.out.printf("fanout reached     %d of %d computes in %d ms%n", reached, computes, fanoutMs);
            System.out.printf("second fanout      %d of %d computes in %d ms (warm)%n", reached2, computes, fanout2Ms);
            System.out.printf("heap per node      %.1f KiB (%.1f MiB for all)%n",
                    (heap1 - heap0) / 1024.0 / (computes + 3), (heap1 - heap0) / 1048576.0);
            System.out.printf("threads            %d (+%d)%n", threads1, threads1 - threads0);
            long c0 = System.nanoTime();
            cloud.close();
            System.out.printf("shutdown           %d ms%n", (System.nanoTime() - c0) / 1_000_000);
        }
    }
}
