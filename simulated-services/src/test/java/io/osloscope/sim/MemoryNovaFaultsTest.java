package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.osloscope.sim.CloudFixture.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryNovaFaultsTest extends NovaFaultsContract {
    @Override
    protected Transport openTransport() {
        return TestTransports.memory();
    }

    @Test
    void pauseHoldsEveryDeliveryAndStepReleasesExactlyOne() {
        SimulationControl control = cloud.control();
        assertTrue(control.hasBrokerGate());
        RpcClient fanout = new RpcClient(cloud.apiTransport(), Target.topic("compute").withFanout(true)
                .withNamespace("baseapi").withVersion("1.0"));
        cloud.addCompute();
        control.pause();
        fanout.cast(ctx(), "ping", Map.of("arg", "one"));
        CloudFixture.await("two deliveries held", Duration.ofSeconds(5), () -> control.heldDeliveries() == 2);
        long before = cloud.service("compute1").baseApi().pingsReceived()
                + cloud.service("compute2").baseApi().pingsReceived();
        assertEquals(0, before);
        assertTrue(control.step());
        CloudFixture.await("one ping handled", Duration.ofSeconds(5),
                () -> cloud.service("compute1").baseApi().pingsReceived()
                        + cloud.service("compute2").baseApi().pingsReceived() == 1);
        assertEquals(1, control.heldDeliveries());
        control.resume();
        CloudFixture.await("both pings handled", Duration.ofSeconds(5),
                () -> cloud.service("compute1").baseApi().pingsReceived()
                        + cloud.service("compute2").baseApi().pingsReceived() == 2);
        assertFalse(control.step(), "nothing left to step");
    }
}
