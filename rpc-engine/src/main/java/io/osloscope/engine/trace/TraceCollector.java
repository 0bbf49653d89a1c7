package io.osloscope.engine.trace;

import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.CaptureEvents.SenderNamed;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RpcEvents.CallPaired;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.wire.MessageSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link RequestTrace}s from the observation stream: a {@link MessagePublished} (simulation) or a published
 * {@link MessageCaptured} (sniffer, recording) that carries a request id becomes a hop of that request's trace
 * (through {@link TraceHops}); a {@link CallPaired} gives a call hop its latency, outcome and who answered; an
 * {@link RpcTimedOut} marks it timed out, with the sniffer's blame; a {@link SenderNamed} names the sender of the
 * hops its connection published unnamed. Firehose deliveries add no hop.
 *
 * <p>Bounded: at most {@code maxTraces} traces (the least recently active go first, counted in {@link #evicted()})
 * and {@code maxHops} hops per trace (later ones counted in {@link #hopsDropped()}). Thread-safe.
 */
public final class TraceCollector {
    private static final int INDEX_BOUND = 100_000;

    private final int maxTraces;
    private final int maxHops;
    private final LinkedHashMap<String, Building> traces = new LinkedHashMap<>(64, 0.75f, true);
    /** Where each call hop is, by its message event's seq. */
    private final LinkedHashMap<Long, Building> callBySeq = bounded();
    /** Who sent each recent reply, by its message event's seq (a CallPaired follows its reply). */
    private final LinkedHashMap<Long, TraceHops.Sender> replySenders = bounded();
    /** Hops whose sender has no service yet, by publishing connection (a later SenderNamed names them). */
    private final LinkedHashMap<String, List<Unnamed>> unnamed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Unnamed>> eldest) {
            return size() > 1_000;
        }
    };
    private long evicted;

    private record Unnamed(Building trace, long seq) {
    }
    private long hopsDropped;
    private long version;

    private static final class Building {
        final String key;
        String globalRequestId;
        final List<TraceHop> hops = new ArrayList<>();
        boolean sorted = true;

        Building(String key) {
            this.key = key;
        }
    }

    public TraceCollector() {
        this(5_000, 2_000);
    }

    public TraceCollector(int maxTraces, int maxHops) {
        this.maxTraces = maxTraces;
        this.maxHops = maxHops;
    }

    private static <V> LinkedHashMap<Long, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > INDEX_BOUND;
            }
        };
    }

    public synchronized void acceptAll(Collection<? extends EngineEvent> events) {
        for (EngineEvent e : events) {
            accept(e);
        }
    }

    /** Takes one event; events that say nothing about requests are ignored. */
    public synchronized void accept(EngineEvent e) {
        if (e instanceof MessagePublished p && p.message() != null) {
            message(p.seq(), p.at(), p.message().summary(), p.exchange(), p.routingKey(),
                    TraceHops.sender(p.message().summary(), p.connection()));
        } else if (e instanceof MessageCaptured c && c.message() != null && !"deliver".equals(c.direction())) {
            TraceHop hop = message(c.seq(), c.at(), c.message().summary(), c.exchange(), c.routingKey(),
                    TraceHops.sender(c.message().summary(), c.connection()));
            if (hop != null && hop.fromService() == null && c.connection() != null) {
                List<Unnamed> l = unnamed.computeIfAbsent(c.connection(), k -> new ArrayList<>());
                if (l.size() < 1_000) {
                    l.add(new Unnamed(traces.get(hopKey(hop)), hop.seq()));
                }
            }
        } else if (e instanceof SenderNamed n && n.from() != null) {
            List<Unnamed> l = unnamed.remove(n.connection());
            if (l != null) {
                for (Unnamed u : l) {
                    if (u.trace() != null) {
                        update(u.trace(), u.seq(), h -> h.fromService() != null ? h
                                : h.withSender(n.from().service(), n.from().host()));
                    }
                }
            }
        } else if (e instanceof CallPaired p) {
            paired(p);
        } else if (e instanceof RpcTimedOut t) {
            Building b = callBySeq.get(t.callSeq());
            if (b != null) {
                update(b, t.callSeq(), h -> h.withTimeout(t.blame()));
            }
        }
    }

    private static String hopKey(TraceHop hop) {
        return hop.requestId() != null ? hop.requestId() : hop.globalRequestId();
    }

    /** Adds the hop of a request message; returns it, or null when the message makes no hop (or none was kept). */
    private TraceHop message(long seq, java.time.Instant at, MessageSummary m, String exchange, String routingKey,
                             TraceHops.Sender from) {
        if (m.kind().isReply()) {
            replySenders.put(seq, from);
            return null;
        }
        TraceHop hop = TraceHops.hop(seq, at, m, exchange, routingKey, from);
        if (hop == null) {
            return null;
        }
        String key = hopKey(hop);
        Building b = traces.get(key);
        if (b == null) {
            b = new Building(key);
            traces.put(key, b);
            if (traces.size() > maxTraces) {
                traces.remove(traces.keySet().iterator().next());
                evicted++;
            }
        }
        if (b.globalRequestId == null) {
            b.globalRequestId = hop.globalRequestId();
        }
        if (b.hops.size() >= maxHops) {
            hopsDropped++;
            return null;
        }
        if (!b.hops.isEmpty() && b.hops.get(b.hops.size() - 1).at().isAfter(at)) {
            b.sorted = false;
        }
        b.hops.add(hop);
        if (hop.isCall()) {
            callBySeq.put(seq, b);
        }
        version++;
        return hop;
    }

    private void paired(CallPaired p) {
        Building b = callBySeq.get(p.callSeq());
        if (b == null) {
            return;
        }
        TraceHops.Sender from = replySenders.getOrDefault(p.replySeq(), TraceHops.Sender.UNKNOWN);
        String outcome = switch (p.outcome()) {
            case "REPLY_QUEUE_GONE" -> "reply_lost";
            case "LATE_REPLY" -> "late";
            default -> p.failureClass() != null ? "failed" : "replied";
        };
        double ms = p.latency().toNanos() / 1_000_000.0;
        update(b, p.callSeq(), h -> h.withReply(ms, outcome, from.service(), from.host()));
    }

    private void update(Building b, long seq, java.util.function.UnaryOperator<TraceHop> change) {
        for (int i = b.hops.size() - 1; i >= 0; i--) {
            if (b.hops.get(i).seq() == seq) {
                b.hops.set(i, change.apply(b.hops.get(i)));
                version++;
                return;
            }
        }
    }

    /** Every trace, oldest first (by first message). */
    public synchronized List<RequestTrace> traces() {
        List<RequestTrace> out = new ArrayList<>(traces.size());
        for (Building b : new ArrayList<>(traces.values())) {
            out.add(snapshot(b));
        }
        out.sort(Comparator.comparing(RequestTrace::start));
        return out;
    }

    /** The trace of a request id or global request id, or null. */
    public synchronized RequestTrace trace(String requestId) {
        Building b = traces.get(requestId);
        if (b != null) {
            return snapshot(b);
        }
        for (Building x : traces.values()) {
            if (requestId.equals(x.globalRequestId)) {
                return snapshot(x);
            }
        }
        return null;
    }

    private static RequestTrace snapshot(Building b) {
        if (!b.sorted) {
            b.hops.sort(Comparator.comparing(TraceHop::at).thenComparingLong(TraceHop::seq));
            b.sorted = true;
        }
        return new RequestTrace(b.key, b.globalRequestId, b.hops);
    }

    /** Grows with every change; a view redraws only when it moved. */
    public synchronized long version() {
        return version;
    }

    public synchronized int size() {
        return traces.size();
    }

    /** Traces forgotten because more than {@code maxTraces} were open. */
    public synchronized long evicted() {
        return evicted;
    }

    /** Hops not kept because their trace was full. */
    public synchronized long hopsDropped() {
        return hopsDropped;
    }

    public synchronized void clear() {
        traces.clear();
        callBySeq.clear();
        replySenders.clear();
        unnamed.clear();
        version++;
    }
}
