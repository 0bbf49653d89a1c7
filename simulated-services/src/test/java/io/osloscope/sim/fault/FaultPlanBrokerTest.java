package io.osloscope.sim.fault;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.engine.broker.FaultControl;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.TestTransports;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node's broker offers its fault plan as {@link FaultControl} and still the wrapped broker's pacing. */
class FaultPlanBrokerTest {
    @Test
    void theInjectedBrokerOffersThePlanAndPassesOtherCapabilitiesOn() {
        Transport t = TestTransports.memory();
        try {
            FaultPlan plan = new FaultPlan();
            Broker node = plan.inject(t.broker(), null);
            FaultControl faults = node.capability(FaultControl.class).orElseThrow();
            assertSame(plan, faults);
            faults.setDown(true).setLatency(Duration.ofMillis(500));
            assertTrue(plan.down());
            assertEquals(Duration.ofMillis(500), plan.latency());
            assertSame(t.broker().capability(DeliveryPacing.class).orElseThrow(),
                    node.capability(DeliveryPacing.class).orElseThrow());
        } finally {
            t.broker().close();
        }
    }
}
