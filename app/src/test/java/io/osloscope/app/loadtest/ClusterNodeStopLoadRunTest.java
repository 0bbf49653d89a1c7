package io.osloscope.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.testsupport.ClusterSupport;
import io.osloscope.engine.testsupport.RequiresCluster;
import io.osloscope.sim.SimulatedCloud;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 5 on the simulated cloud: conductor, scheduler, three computes and nova-api on the three-node
 * cluster through oslo's multi-host URL with quorum queues (oslo 16+'s {@code rabbit_quorum_queue}), the queue
 * leaders spread over the nodes ({@code queue_leader_locator = balanced}). Boots go through the simulated
 * nova-api's REST endpoint ({@link LoadRun}, 3 at a time). Before the eleventh boot node 1, the node every service
 * is connected to (the URL's first), is stopped, and the later boots are sent the moment its AMQP port closes,
 * while the services reconnect to another node. Every boot still ends ACTIVE, none is lost or stuck, and the
 * report shows the spike: the slowest boot is one sent after the stop, well above the p50.
 */
@RequiresCluster
class ClusterNodeStopLoadRunTest {
    private static final String IMAGE = "155d900f-4e14-4e4c-a73d-069cbf4541e6";
    private static final int BOOTS = 24;
    /** The boot before which node 1 is stopped; it and the later ones are sent once node 1 is down. */
    private static final int HOLD = 10;

    @Test
    void everyBootEndsActiveAcrossANodeStopAndTheReportShowsTheSpike() throws Exception {
        LoadReport report;
        AtomicLong stopAt = new AtomicLong(-1);
        AtomicLong downAt = new AtomicLong(-1);
        AtomicReference<Throwable> stopFailure = new AtomicReference<>();
        CountDownLatch down = new CountDownLatch(1);
        List<Thread> stopper = new ArrayList<>();
        try (ClusterSupport.Vhost vhost = new ClusterSupport.Vhost("osloscope-loadrun-failover")) {
            String url = ClusterSupport.transportUrl(vhost.name(),
                    "rabbit_quorum_queue=true&rabbit_transient_quorum_queue=true");
            try (Transport t = Transport.open(url, "nova");
                 SimulatedCloud cloud = SimulatedCloud.start(t, 3,
                         SimulatedCloud.Options.defaults().withRest("127.0.0.1", 0))) {
                NovaRest nova = new NovaRest(cloud.restUrl() + "/v2.1", null);
                warmUp(nova);
                LoadRun.Settings settings = new LoadRun.Settings(BOOTS, 3, "1", IMAGE, "none", null,
                        Duration.ofSeconds(120), Duration.ofMillis(100), true, "osloscope-failover");
                // The monitor reads the management API of node 2, which stays up.
                SnifferOptions watch = SnifferOptions.of(TransportUrl.parse(url).toRabbitSettings(10, null),
                        CaptureMode.TAP).withManagement(ClusterSupport.managementUrl(2));
                long t0 = System.nanoTime();
                report = new LoadRun(nova, settings, new BrokerMonitor(watch), line -> System.out.println(
                        "loadrun: " + line)).beforeEachBoot(index -> {
                    if (index == HOLD) {
                        Thread s = new Thread(() -> {
                            try {
                                ClusterSupport.stopNode(1);
                            } catch (Throwable e) {
                                stopFailure.set(e);
                            }
                        }, "stop-node-1");
                        stopAt.set(System.nanoTime() - t0);
                        s.start();
                        synchronized (stopper) {
                            stopper.add(s);
                        }
                        long deadline = System.nanoTime() + 150_000_000_000L;
                        while (ClusterSupport.listening(ClusterSupport.amqpPort(1)) && System.nanoTime() < deadline
                                && stopFailure.get() == null) {
                            sleep(50);
                        }
                        downAt.set(System.nanoTime() - t0);
                        down.countDown();
                    } else if (index > HOLD) {
                        try {
                            down.await(160, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).run();
            } finally {
                // node 1 back before the vhost goes: the cluster deletes a vhost on all its nodes
                Thread s;
                synchronized (stopper) {
                    s = stopper.isEmpty() ? null : stopper.get(0);
                }
                if (s != null) {
                    s.join(150_000);
                    ClusterSupport.startNode(1);
                }
            }
        }
        assertNull(stopFailure.get(), "node 1 stopped");
        assertTrue(downAt.get() > 0, "node 1 was stopped mid-run");
        Path png = Path.of("target", "cluster-node-stop-loadrun.png");
        Files.createDirectories(png.getParent());
        Files.write(png, LoadChartPng.png(report));
        double stop = stopAt.get() / 1e9;
        double closed = downAt.get() / 1e9;
        Double p50 = report.percentile(50);
        Double max = report.percentile(100);
        System.out.printf(Locale.ROOT, "node 1 stop issued at %.1f s, its AMQP port closed at %.1f s; %d/%d ACTIVE;"
                        + " to ACTIVE p50 %.2f s, max %.2f s (%s); chart %s%n", stop, closed, report.active(), BOOTS,
                p50, max, LoadChart.spike(report), png.toAbsolutePath());

        assertEquals(Map.of(), report.errorMessages(), "no boot lost, stuck or failed across the node stop");
        assertEquals(BOOTS, report.active());
        assertNotNull(p50);
        LoadRun.Boot slowest = report.boots().stream().filter(LoadRun.Boot::active)
                .max((a, b) -> Double.compare(a.activeAfter(), b.activeAfter())).orElseThrow();
        assertTrue(slowest.index() >= HOLD, "the slowest boot (" + (slowest.index() + 1) + ", sent at "
                + slowest.sentAt() + " s, " + slowest.activeAfter() + " s to ACTIVE) is one sent across the stop of"
                + " node 1 (" + stop + "-" + closed + " s)");
        // x2.1-x2.4 measured at load 30-40, where every boot is slow and the p50 grows; more on a quiet machine
        assertTrue(max >= 1.5 * p50, "the spike: max " + max + " s against p50 " + p50 + " s");
        assertEquals(max, report.toJson(false).path("max_s").asDouble(), 0.001, "the JSON report carries it");
    }

    /** A few boots before the timed run, so the first timed ones do not pay for the JVM's and broker's warm-up. */
    private static void warmUp(NovaRest nova) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(nova.boot("osloscope-warmup-" + i, "1", IMAGE, "none", null));
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String id : ids) {
            while (true) {
                JsonNode s = nova.server(id);
                String status = s == null ? "GONE" : s.path("status").asText();
                if ("ACTIVE".equals(status)) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline && !"ERROR".equals(status) && s != null,
                        "warm-up boot " + id + " is " + status);
                Thread.sleep(100);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
