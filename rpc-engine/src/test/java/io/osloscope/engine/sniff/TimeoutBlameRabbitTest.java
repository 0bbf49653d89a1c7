package io.osloscope.engine.sniff;

import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.pairing.Blame;
import io.osloscope.engine.observe.pairing.TrackedCall;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MessagingTimeout blame on a real RabbitMQ with the firehose, on a vhost of its own: a call to a compute that was
 * served and then stopped (its queue {@code compute.<host>} stays, nobody consumes it) is blamed on
 * {@code no_consumer}; a call to a compute that takes longer than the caller waits on {@code callee_slow}.
 */
@RequiresRabbit
class TimeoutBlameRabbitTest {
    private PrivateVhost vhost;
    private Transport transport;
    private Sniffer sniffer;

    /** A compute endpoint: answers get_host_uptime after {@code delayMillis}. */
    @io.osloscope.engine.rpc.EndpointTarget(version = "6.0")
    public static final class Compute {
        private final long delayMillis;

        Compute(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        public String get_host_uptime(RpcContext ctxt) throws InterruptedException {
            Thread.sleep(delayMillis);
            return "up 1 day";
        }
    }

    @AfterEach
    void tearDown() {
        if (sniffer != null) {
            sniffer.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void aCallToAStoppedComputeIsBlamedOnNoConsumerAndASlowOneOnTheCallee() throws Exception {
        vhost = new PrivateVhost();
        transport = Transport.open(vhost.transportUrl(), "nova");
        RpcServer stopped = RpcServer.create(transport, Target.topic("compute").withServer("stopped-host"),
                List.of(new Compute(0)));
        stopped.start();
        stopped.stop();
        RpcServer slow = RpcServer.create(transport, Target.topic("compute").withServer("slow-host"),
                List.of(new Compute(2500)));
        slow.start();

        List<TrackedCall> timeouts = new CopyOnWriteArrayList<>();
        sniffer = new Sniffer(vhost.options(CaptureMode.FIREHOSE).withFirehoseConsent(true), new EventHub());
        sniffer.addListener(new SniffListener() {
            @Override
            public void onMessage(SniffedMessage message, io.osloscope.engine.wire.DecodedMessage decoded) {
            }

            @Override
            public void onTimeout(TrackedCall call) {
                timeouts.add(call);
            }
        });
        sniffer.start();

        RpcClient client = new RpcClient(transport, Target.topic("compute").withVersion("6.0"));
        Map<String, Object> ctxt = Map.of("request_id", "req-blame-test");
        assertThrows(MessagingTimeoutException.class, () -> client.prepare().server("stopped-host")
                .timeout(Duration.ofSeconds(1)).call(ctxt, "get_host_uptime", Map.of()));
        assertThrows(MessagingTimeoutException.class, () -> client.prepare().server("slow-host")
                .timeout(Duration.ofSeconds(1)).call(ctxt, "get_host_uptime", Map.of()));

        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (timeouts.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        TrackedCall toStopped = byHost(timeouts, "stopped-host");
        TrackedCall toSlow = byHost(timeouts, "slow-host");
        assertEquals(Blame.NO_CONSUMER, toStopped.blame(), toStopped.blameDetail());
        assertTrue(toStopped.blameDetail().contains("compute.stopped-host"), toStopped.blameDetail());
        assertEquals("compute.stopped-host", toStopped.requestQueue(), "the broker routed it to the stopped queue");
        assertEquals(Blame.CALLEE_SLOW, toSlow.blame(), toSlow.blameDetail());
        assertNotNull(toSlow.stages().queued(), "the time in the request queue is known");
        assertTrue(toSlow.stages().inCalleeMillis() >= 500, "most of the second went to the callee: " + toSlow.stages());
        slow.stop();
    }

    private static TrackedCall byHost(List<TrackedCall> calls, String host) {
        return calls.stream().filter(c -> host.equals(c.host())).findFirst()
                .orElseThrow(() -> new AssertionError("no timeout to " + host + " among " + calls));
    }
}
