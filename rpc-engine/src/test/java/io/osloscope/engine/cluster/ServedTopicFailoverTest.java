package io.osloscope.engine.cluster;

import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.ClusterSupport;
import io.osloscope.engine.testsupport.RequiresCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A compute-like server on quorum queues, reached through the cluster's multi-host URL (node 1 first, so both the
 * server and the caller are connected to node 1): node 1 is stopped while calls go on. The server reconnects to
 * another node, re-declares its queues (the quorum queues kept their members on the two other nodes) and keeps
 * answering; the caller's calls fail for a gap and then succeed again.
 */
@RequiresCluster
class ServedTopicFailoverTest {
    /** The endpoint: answers with its own host name, so the caller sees who served it. */
    public static final class Echo {
        public String echo(RpcContext ctx, String value) {
            return "c1:" + value;
        }
    }

    private record Outcome(long atNanos, boolean ok, String detail) {
    }

    @Test
    void callsToAServedTopicGoOnAfterTheNodeTheServerUsedStops() throws Exception {
        try (ClusterSupport.Vhost vhost = new ClusterSupport.Vhost("osloscope-failover")) {
            String url = ClusterSupport.transportUrl(vhost.name(), "rabbit_quorum_queue=true");
            List<Outcome> outcomes = new CopyOnWriteArrayList<>();
            AtomicBoolean calling = new AtomicBoolean(true);
            long stoppedAt;
            long downAt;
            try (Transport serverSide = Transport.open(url, "nova"); Transport clientSide = Transport.open(url, "nova")) {
                RpcServer server = RpcServer.create(serverSide, Target.topic("compute").withServer("c1"),
                        List.of(new Echo()));
                server.start();
                RpcClient client = new RpcClient(clientSide, Target.topic("compute"));
                Thread caller = new Thread(() -> {
                    int i = 0;
                    while (calling.get()) {
                        String v = "v" + i++;
                        try {
                            String answer = client.prepare().server("c1").timeout(Duration.ofSeconds(5))
                                    .call(Map.of(), "echo", Map.of("value", v)).asText();
                            outcomes.add(new Outcome(System.nanoTime(), ("c1:" + v).equals(answer), answer));
                        } catch (RuntimeException e) {
                            outcomes.add(new Outcome(System.nanoTime(), false, e.getMessage()));
                            sleep(200);
                        }
                    }
                }, "failover-caller");
                caller.start();
                try {
                    awaitSuccesses(outcomes, 0, 20, Duration.ofSeconds(30), "calls before the stop");
                    stoppedAt = System.nanoTime();
                    ClusterSupport.stopNode(1);
                    downAt = System.nanoTime();
                    awaitSuccesses(outcomes, downAt, 50, Duration.ofSeconds(60), "calls after node 1 stopped");
                    // Calls go on for a while with the node down, so a failure after the switch would show.
                    Thread.sleep(Math.max(0, (downAt + 15_000_000_000L - System.nanoTime()) / 1_000_000));
                } finally {
                    calling.set(false);
                    caller.join(15_000);
                    server.stop();
                    ClusterSupport.startNode(1);
                }
            }
            long previousOk = outcomes.stream().filter(o -> o.ok() && o.atNanos() <= stoppedAt)
                    .mapToLong(Outcome::atNanos).max().orElseThrow();
            long longestGap = 0;
            for (Outcome o : outcomes) {
                if (o.ok() && o.atNanos() > stoppedAt) {
                    longestGap = Math.max(longestGap, o.atNanos() - previousOk);
                    previousOk = o.atNanos();
                }
            }
            long failed = outcomes.stream().filter(o -> !o.ok() && o.atNanos() > stoppedAt).count();
            System.out.printf("failover: longest time without an answer %.1f s, %d calls failed (node stopped in %.1f s)%n",
                    longestGap / 1e9, failed, (downAt - stoppedAt) / 1e9);
            assertTrue(longestGap < 30_000_000_000L, "no answer for " + longestGap / 1e9 + " s");
            // A call in flight at the switch may still time out (5 s) after the first answers came back.
            long settled = outcomes.stream().filter(o -> o.ok() && o.atNanos() > downAt).mapToLong(Outcome::atNanos)
                    .min().orElseThrow() + 6_000_000_000L;
            assertEquals(List.of(), outcomes.stream().filter(o -> !o.ok() && o.atNanos() > settled)
                    .map(Outcome::detail).toList(), "calls failing after they had resumed on another node");
            assertTrue(outcomes.stream().allMatch(o -> !o.ok() || o.detail().startsWith("c1:")));
        }
    }

    private static void awaitSuccesses(List<Outcome> outcomes, long afterNanos, int count, Duration within,
                                       String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (outcomes.stream().filter(o -> o.ok() && o.atNanos() > afterNanos).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": fewer than " + count + " succeeded within " + within.toSeconds()
                        + " s; last failures " + outcomes.stream().filter(o -> !o.ok()).map(Outcome::detail)
                        .reduce((a, b) -> b).orElse("none"));
            }
            Thread.sleep(100);
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
