package io.osloscope.engine.cluster;

import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.CaptureEvents.CaptureGap;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.CaptureMode;
import io.osloscope.engine.sniff.SniffedMessage;
import io.osloscope.engine.sniff.Sniffer;
import io.osloscope.engine.sniff.SnifferOptions;
import io.osloscope.engine.testsupport.ClusterSupport;
import io.osloscope.engine.testsupport.RequiresCluster;
import io.osloscope.engine.wire.MessageKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firehose sniffer on the cluster through the multi-host URL (connected to node 1, the first): tracing is on
 * for the vhost on all three nodes; node 1 stops while casts go on; the sniffer marks the hole as a gap, captures
 * again within 5 s from another node, and switches tracing on again on node 1 once it is back. On stop tracing is
 * off everywhere.
 */
@RequiresCluster
class SnifferFailoverTest {
    public static final class Sink {
        public void take(RpcContext ctx, String value) {
        }
    }

    @Test
    void theSnifferMarksTheGapResumesWithinFiveSecondsAndTracesOnEveryNode() throws Exception {
        try (ClusterSupport.Vhost vhost = new ClusterSupport.Vhost("osloscope-sniff-failover")) {
            String url = ClusterSupport.transportUrl(vhost.name(), "rabbit_quorum_queue=true");
            RabbitSettings settings = TransportUrl.parse(url).toRabbitSettings(10, null);
            SnifferOptions options = SnifferOptions.of(settings, CaptureMode.FIREHOSE)
                    .withManagement(ClusterSupport.managementUrl(1)).withFirehoseConsent(true)
                    .withTopologyRefresh(Duration.ofMillis(500)).withReconnectMaxBackoff(Duration.ofSeconds(1));
            EventHub hub = new EventHub();
            EventSubscription gaps = hub.subscribe(e -> e instanceof CaptureGap, 10);
            AtomicBoolean casting = new AtomicBoolean(true);
            try (Transport transport = Transport.open(url, "nova"); Sniffer sniffer = new Sniffer(options, hub)) {
                sniffer.start();
                for (int n = 1; n <= ClusterSupport.NODES; n++) {
                    assertTrue(tracing(n, vhost.name()), "tracing is on for the vhost on node " + n);
                }
                RpcServer server = RpcServer.create(transport, Target.topic("compute").withServer("c1"),
                        List.of(new Sink()));
                server.start();
                RpcClient client = new RpcClient(transport, Target.topic("compute"));
                Thread caster = new Thread(() -> {
                    int i = 0;
                    while (casting.get()) {
                        try {
                            client.prepare().server("c1").cast(Map.of(), "take", Map.of("value", "v" + i++));
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            // NOTE(failover): casts fail while the client reconnects; the sniffer test counts captures.
                        }
                    }
                }, "sniff-failover-caster");
                caster.start();
                try {
                    await(() -> casts(sniffer, Instant.EPOCH) >= 20, Duration.ofSeconds(30), "casts captured");
                    ClusterSupport.stopNode(1);
                    await(() -> !gaps.isEmpty(), Duration.ofSeconds(30), "a gap marked after node 1 stopped");
                    List<EngineEvent> got = new ArrayList<>();
                    gaps.drainTo(got, 10);
                    CaptureGap gap = (CaptureGap) got.get(0);
                    Duration hole = Duration.between(gap.at(), gap.resumedAt());
                    System.out.println("sniffer gap " + gap.at() + " .. " + gap.resumedAt() + " (" + hole.toMillis()
                            + " ms): " + gap.reason());
                    assertTrue(hole.compareTo(Duration.ofSeconds(5)) <= 0, "capture resumed after " + hole);
                    await(() -> casts(sniffer, gap.resumedAt()) >= 20, Duration.ofSeconds(30),
                            "casts captured after the gap");
                    assertTrue(sniffer.status().gaps() >= 1);
                } finally {
                    casting.set(false);
                    caster.join(10_000);
                    server.stop();
                    ClusterSupport.startNode(1);
                }
                await(() -> tracing(1, vhost.name()), Duration.ofSeconds(20),
                        "tracing switched on again on node 1 after its restart");
            }
            for (int n = 1; n <= ClusterSupport.NODES; n++) {
                assertFalse(tracing(n, vhost.name()), "tracing is back off on node " + n + " after stop");
            }
        }
    }

    private static long casts(Sniffer sniffer, Instant after) {
        return sniffer.store().snapshot().stream().filter(m -> m.kind() == MessageKind.CAST)
                .map(SniffedMessage::raw).filter(r -> r.at().isAfter(after) && "publish".equals(r.direction()))
                .count();
    }

    private static boolean tracing(int node, String vhost) {
        return ClusterSupport.management(node).vhost(vhost).tracing();
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
