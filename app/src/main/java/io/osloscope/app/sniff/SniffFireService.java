package io.osloscope.app.sniff;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.app.fire.FireOutcome;
import io.osloscope.app.fire.FireRequest;
import io.osloscope.app.fire.FireService;
import io.osloscope.app.fire.MethodTemplate;
import io.osloscope.engine.sniff.PublishGuard;
import io.osloscope.engine.sniff.PublishRequest;
import io.osloscope.engine.wire.OsloEnvelope;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.RpcRequest;
import io.osloscope.engine.wire.WireCodec;
import io.osloscope.sim.nova.RequestContexts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fire panel's service: the simulation's while no broker is connected, and while sniffing a real
 * RabbitMQ the exact oslo cast published through the sniffer, whose {@link PublishGuard} refuses it until the
 * user armed that connection. A refused request is handed to {@code onRefused} so the window can show it
 * in the arming confirmation. Calls are not sent to a real broker from here (no reply queue of ours lives
 * there); the outcome says so.
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
        PublishRequest request = toPublish(r);
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            try {
                session.publish(request);
                return new FireOutcome(false, null, null, null, null, (System.nanoTime() - start) / 1_000_000,
                        r.requestId());
            } catch (PublishGuard.PublishRefusedException e) {
                onRefused.accept(request);
                return new FireOutcome(false, null, "PublishRefused", e.getMessage(), null, 0, r.requestId());
            } catch (RuntimeException e) {
                return new FireOutcome(false, null, e.getClass().getSimpleName(), ConnectViewModel.oneLine(e), null, 0,
                        r.requestId());
            }
        }, engine);
    }

    /** The exact message a cast from the panel puts on the wire: oslo 2.0 envelope, oslo's properties. */
    public static PublishRequest toPublish(FireRequest r) {
        Map<String, JsonNode> ctxt = new LinkedHashMap<>();
        RequestContexts.user(RequestContexts.DEMO_USER, RequestContexts.DEMO_PROJECT, List.of("member", "reader"),
                r.requestId()).forEach((k, v) -> ctxt.put(k, WireCodec.mapper().valueToTree(v)));
        RpcRequest inner = new RpcRequest(r.method(), r.args(), r.namespace(), r.version(), null, null, false, null,
                UUID.randomUUID().toString().replace("-", ""), ctxt);
        String exchange = r.exchange() == null ? "openstack" : r.exchange();
        String routingKey = r.routingKey();
        if (r.target() == FireRequest.TargetKind.FANOUT) {
            exchange = r.topic() + OsloKeys.FANOUT_SUFFIX;
        }
        return new PublishRequest(exchange, routingKey, false, WireCodec.properties(null),
                OsloEnvelope.wrap(inner.toInner()));
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
