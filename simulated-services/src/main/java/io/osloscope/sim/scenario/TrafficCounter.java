package io.osloscope.sim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.engine.observe.RpcEvents.RpcFailed;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.sim.nova.objects.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts RPC traffic from the event stream: messages by kind and method, replies, call latencies. */
final class TrafficCounter implements AutoCloseable {
    private final EventSubscription sub;
    private final Map<String, Long> byKind = new TreeMap<>();
    private final Map<String, Long> byMethod = new TreeMap<>();
    private final List<Long> callLatencyMicros = new ArrayList<>();
    private long replies;
    private long timeouts;
    private long failures;

    TrafficCounter(EventHub hub) {
        this.sub = hub.subscribe(EventFilter.ofTypes(Set.of(RpcCallStarted.class, RpcReplyReceived.class,
                RpcTimedOut.class, RpcFailed.class)), 1_000_000);
    }

    void drain() {
        List<EngineEvent> batch = new ArrayList<>();
        sub.drainTo(batch, Integer.MAX_VALUE);
        for (EngineEvent e : batch) {
            if (e instanceof RpcCallStarted s) {
                byKind.merge(s.kind(), 1L, Long::sum);
                byMethod.merge(s.method(), 1L, Long::sum);
            } else if (e instanceof RpcReplyReceived r) {
                replies++;
                if (r.latency() != null) {
                    callLatencyMicros.add(r.latency().toNanos() / 1000);
                }
                if (r.failureClass() != null) {
                    failures++;
                }
            } else if (e instanceof RpcTimedOut) {
                timeouts++;
            } else if (e instanceof RpcFailed) {
                failures++;
            }
        }
    }

    long sentOf(String method) {
        return byMethod.getOrDefault(method, 0L);
    }

    ObjectNode toJson() {
        drain();
        ObjectNode m = Json.object();
        byKind.forEach(m::put);
        m.put("total", byKind.values().stream().mapToLong(Long::longValue).sum());
        m.put("replies", replies);
        m.put("timeouts", timeouts);
        m.put("failures", failures);
        ObjectNode methods = m.putObject("by_method");
        byMethod.forEach(methods::put);
        m.set("call_latency_ms", Stats.of(callLatencyMicros, 1000.0));
        m.put("dropped_events", sub.dropped());
        return m;
    }

    @Override
    public void close() {
        sub.close();
    }
}
