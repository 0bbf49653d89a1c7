package io.osloscope.app.fire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.osloscope.engine.broker.BrokerRelease;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.nova.RequestContexts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Fires RPCs with a real {@link RpcClient} on the app's own transport, with a demo user's request context
 * whose {@code request_id} is the one the panel chose. The catalog and server lists come from the
 * {@link SimulatedCloud}. The transport speaks the cloud's current dialect: after the window switched the cloud to
 * other options ({@link SimulatedCloud#switchOptions}) or restarted its broker as another release, the next fire opens a transport in those (program name
 * {@code osloscope-fire}) and closes the old one, so it declares what the cloud's own services declare.
 */
public final class RpcFireService implements FireService, AutoCloseable {
    private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();
    /** The program name of the fire panel's transport (connection and queue-manager names). */
    public static final String PROGRAM = "osloscope-fire";
    private final SimulatedCloud cloud;
    private final Executor executor;
    private Transport transport;
    private String transportFor;

    /** Fires on the cloud's broker, in the options its nodes run with at the time of each fire. */
    public RpcFireService(SimulatedCloud cloud, Executor executor) {
        this.cloud = cloud;
        this.executor = executor;
    }

    /** The transport for the cloud's current options; a new one (the old one closed) after a dialect switch. */
    synchronized Transport transport() {
        TransportOptions now = cloud.nodeOptions();
        // NOTE(release): a broker restarted as another release closed every connection: start afresh there too
        String key = now + " on " + cloud.transport().broker().capability(BrokerRelease.class)
                .map(r -> r.version().label()).orElse("");
        if (transport == null || !key.equals(transportFor)) {
            Transport old = transport;
            transport = Transport.of(cloud.transport().broker(), now.withProgramName(PROGRAM));
            transportFor = key;
            if (old != null) {
                old.close();
            }
        }
        return transport;
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public CompletableFuture<FireOutcome> fire(FireRequest r) {
        CallContext prepared = prepare(transport(), r);
        Map<String, Object> ctxt = context(r);
        Map<String, Object> args = args(r);
        long start = System.nanoTime();
        if (!r.call()) {
            return CompletableFuture.supplyAsync(() -> {
                prepared.cast(ctxt, r.method(), args);
                return new FireOutcome(false, null, null, null, null, ms(start), r.requestId());
            }, executor).exceptionally(e -> failed(r, e, start));
        }
        return CompletableFuture.supplyAsync(() -> prepared.callAsync(ctxt, r.method(), args), executor)
                .thenCompose(f -> f)
                .thenApply(result -> new FireOutcome(true, pretty(result), null, null, null, ms(start),
                        r.requestId()))
                .exceptionally(e -> failed(r, e, start));
    }

    /** The RPC client's prepared call context for a fire request: target, exchange, server/fanout, version, namespace. */
    public static CallContext prepare(Transport transport, FireRequest r) {
        CallContext cc = new RpcClient(transport, Target.topic(r.topic())).prepare()
                .timeout(r.timeout());
        if (r.exchange() != null) {
            cc = cc.exchange(r.exchange());
        }
        if (r.target() == FireRequest.TargetKind.SERVER) {
            cc = cc.server(r.server());
        }
        if (r.target() == FireRequest.TargetKind.FANOUT) {
            cc = cc.fanout(true);
        }
        if (r.version() != null) {
            cc = cc.version(r.version());
        }
        if (r.namespace() != null) {
            cc = cc.namespace(r.namespace());
        }
        return cc;
    }

    /** A demo user's request context whose {@code request_id} is the one the panel chose. */
    public static Map<String, Object> context(FireRequest r) {
        return RequestContexts.user(RequestContexts.DEMO_USER, RequestContexts.DEMO_PROJECT,
                List.of("member", "reader"), r.requestId());
    }

    /** The request's arguments as the RPC client takes them. */
    public static Map<String, Object> args(FireRequest r) {
        Map<String, Object> args = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = r.args().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            args.put(e.getKey(), e.getValue());
        }
        return args;
    }

    private static FireOutcome failed(FireRequest r, Throwable e, long start) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RemoteError re) {
            return new FireOutcome(r.call(), null, re.excType(), re.value(),
                    re.traceback() == null ? null : String.join("", re.traceback()), ms(start), r.requestId());
        }
        String cls = cause instanceof MessagingTimeoutException ? "MessagingTimeout" : cause.getClass().getSimpleName();
        return new FireOutcome(r.call(), null, cls, cause.getMessage(), null, ms(start), r.requestId());
    }

    private static String pretty(Object result) {
        try {
            return PRETTY.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return String.valueOf(result);
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public List<MethodTemplate> catalog() {
        List<MethodTemplate> out = new ArrayList<>();
        for (MethodCatalog.Entry e : cloud.catalog().entries()) {
            out.add(new MethodTemplate(e.binary(), e.topic(), e.method(), e.version(), e.namespace(), e.isCall(), e.isFanout(),
                    e.argumentTemplate(), e.isFanout() ? null : e.server(), e.kind()));
        }
        return out;
    }

    @Override
    public List<String> servers(String topic) {
        List<String> out = new ArrayList<>();
        cloud.nodes().forEach(n -> {
            if (topic != null && topic.equals(n.topic())) {
                out.add(n.host());
            }
        });
        return out;
    }

    @Override
    public String controlExchange() {
        return cloud.nodeOptions().controlExchange();
    }
}
