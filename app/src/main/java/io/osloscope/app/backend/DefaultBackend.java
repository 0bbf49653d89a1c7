package io.osloscope.app.backend;

import io.osloscope.app.fire.RpcFireService;
import io.osloscope.app.scenario.CloudSimulationControl;
import io.osloscope.engine.rpc.Brokers;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.nova.objects.NovaStates;
import io.osloscope.sim.nova.NovaTopics;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** Builds the default {@link AppContext}: the memory:// broker, the app's own transport and a simulated nova. */
public final class DefaultBackend {
    /** The broker the window opens on. */
    public static final String URL = "memory://";

    private DefaultBackend() {
    }

    /** Starts api, conductor, scheduler and {@code computes} computes on {@link #URL}. */
    public static AppContext start(int computes) {
        return start(URL, computes);
    }

    /** The same on a given in-memory URL, e.g. {@code memory://test-1} for a private broker. */
    public static AppContext start(String url, int computes) {
        TransportUrl parsed = TransportUrl.parse(url);
        // on memory:// the broker's release can be switched while the cloud runs (the migration rehearsal)
        Transport base = parsed.isMemory() ? Transport.of(Brokers.switchableMemory(parsed), TransportOptions.defaults()
                .withControlExchange(NovaTopics.CONTROL_EXCHANGE).withQuery(parsed.query()))
                : Transport.open(url, NovaTopics.CONTROL_EXCHANGE);
        SimulatedCloud cloud;
        try {
            cloud = SimulatedCloud.start(base, computes);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
        seedCatalogInstance(cloud);
        ExecutorService fireExecutor = AppContext.catchingPool(RpcFireService.PROGRAM, 2);
        RpcFireService fire = new RpcFireService(cloud, fireExecutor);
        return new AppContext(base.url().toString(), base.broker(), base.events(),
                fire, new CloudSimulationControl(cloud),
                List.of(base, cloud, fire, fireExecutor::shutdownNow, base.broker()::close), cloud);
    }

    /**
     * The fire panel's templates act on the catalog's sample instance ({@code vm1}, stopped, on the first compute);
     * store it in the cell database so start_instance succeeds instead of ending in InstanceNotFound.
     */
    static void seedCatalogInstance(SimulatedCloud cloud) {
        List<String> hosts = cloud.computeHosts();
        if (!hosts.isEmpty()) {
            cloud.conductor().database().create(MethodCatalog.sampleInstance(hosts.get(0), NovaStates.STOPPED,
                    NovaStates.POWERING_ON, NovaStates.SHUTDOWN));
        }
    }
}
