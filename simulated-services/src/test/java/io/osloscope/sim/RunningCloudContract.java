package io.osloscope.sim;

import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.engine.rpc.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A simulated cloud started before each test on the transport a subclass opens (embedded broker or RabbitMQ),
 * with every RPC call it starts recorded; everything is closed after the test, in reverse order.
 */
abstract class RunningCloudContract {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected Transport transport;
    protected SimulatedCloud cloud;
    protected EventSubscription events;
    protected final List<RpcCallStarted> sent = new ArrayList<>();
    private final Deque<AutoCloseable> closeAfter = new ArrayDeque<>();

    protected abstract Transport openTransport();

    /** How many computes the cloud starts with. */
    protected abstract int computes();

    /** Closes {@code resource} after the test, once the transport is closed (e.g. a throwaway vhost). */
    protected final <T extends AutoCloseable> T closeAfter(T resource) {
        closeAfter.push(resource);
        return resource;
    }

    @BeforeEach
    void startCloud() {
        transport = openTransport();
        events = transport.events().subscribe(EventFilter.ofTypes(Set.of(RpcCallStarted.class)), 100_000);
        cloud = SimulatedCloud.start(transport, computes());
    }

    @AfterEach
    void stopCloud() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        if (events != null) {
            events.close();
        }
        if (transport != null) {
            transport.close();
        }
        while (!closeAfter.isEmpty()) {
            closeAfter.pop().close();
        }
    }
}
