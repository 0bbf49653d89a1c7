package io.osloscope.app.sniff;

import io.osloscope.app.fire.FireOutcome;
import io.osloscope.app.fire.FireRequest;
import io.osloscope.app.fire.FireService;
import io.osloscope.app.fire.MethodTemplate;
import io.osloscope.app.fire.RpcFireService;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.sniff.PublishGuard;
import io.osloscope.engine.sniff.PublishRequest;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fire panel's service: the simulation's while no broker is connected. While sniffing a real RabbitMQ a
 * cast goes the same way as in the simulation, through {@code RpcClient} and the oslo driver, on a transport
 * over the session's {@link io.osloscope.engine.sniff.GuardedBroker}: it publishes only once the user armed
 * that connection and never declares topology, so no dialect question arises. A refused cast's exact message
 * ({@link PublishGuard.PublishRefusedException#request()}) is handed to {@code onRefused} so the window can show
 * it in the arming confirmation. Calls are not sent to a real broker from here (they would declare a reply
 * queue of ours there); the outcome says so.
 */
public final class SniffFireService implements FireService {
    private final FireService simulation;
    private final Supplier<SniffSession> current;
    private final Executor engine;
    private volatile Consumer<PublishRequest> onRefused = r -> { };

    public SniffFireService(FireService simulation, Supplier<SniffSession> current, Executor engine) {
        this.simulation = Objects.requireNonNull(simulation);
        this.current = Objects.requireNonNull(current);
        this.engine = Objects.requireNonNull(engine);
    }

    /** Called on an engine thread with a request the guard refused. */
    public void onRefused(Consumer<PublishRequest> listener) {
        this.onRefused = Objects.requireNonNull(listener);
    }

    @Override
    public CompletableFuture<FireOutcome> fire(FireRequest r) {
        SniffSession session = current.get();
        if (session == null) {
            return simulation.fire(r);
        }
        if (r.call()) {
            return CompletableFuture.completedFuture(new FireOutcome(true, null, "NotSent",
                    "calls are not published to a real broker from the fire panel; send it as a cast", null, 0,
                    r.requestId()));
        }
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            // NOTE(transport): one per cast: its oslo driver then opens its send connection in the guard's
            // state at this moment, and nothing stays open on the real broker between fires.
            try (Transport transport = Transport.of(session.publishingBroker(), TransportOptions.defaults())) {
                RpcFireService.prepare(transport, r).cast(RpcFireService.context(r), r.method(), RpcFireService.args(r));
                return new FireOutcome(false, null, null, null, null, (System.nanoTime() - start) / 1_000_000,
                        r.requestId());
            } catch (PublishGuard.PublishRefusedException e) {
                if (e.request() != null) {
                    onRefused.accept(e.request());
                }
                return new FireOutcome(false, null, "PublishRefused", e.getMessage(), null, 0, r.requestId());
            } catch (RuntimeException e) {
                return new FireOutcome(false, null, e.getClass().getSimpleName(), ConnectViewModel.oneLine(e), null, 0,
                        r.requestId());
            }
        }, engine);
    }

    @Override
    public List<MethodTemplate> catalog() {
        return simulation.catalog();
    }

    @Override
    public List<String> servers(String topic) {
        return simulation.servers(topic);
    }

    @Override
    public String controlExchange() {
        return simulation.controlExchange();
    }
}
