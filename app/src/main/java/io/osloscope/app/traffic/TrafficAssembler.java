package io.osloscope.app.traffic;

import io.osloscope.app.message.OsloPeek;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RpcEvents.RpcFailed;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns engine events into {@link TrafficRow}s and correlates outcomes: broker events by message
 * reference, RPC events and replies by {@code _msg_id}. Runs on one thread (the pump's timer), never the FX
 * thread; the lookup tables are bounded, so memory stays flat however long the app runs.
 */
public final class TrafficAssembler {
    private static final int INDEX_LIMIT = 50_000;

    private final Map<Long, TrafficRow> byRef = lru();
    private final Map<String, TrafficRow> callsByMsgId = lru();
    private final LongAdder messages = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder casts = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** Converts one drained batch; events are applied in {@code seq} order. */
    public TrafficBatch assemble(List<EngineEvent> events) {
        List<EngineEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(EngineEvent::seq));
        List<TrafficRow> rows = new ArrayList<>();
        boolean changed = false;
        for (EngineEvent e : sorted) {
            TrafficRow row = apply(e);
            if (row != null) {
                rows.add(row);
            } else if (isOutcome(e)) {
                changed = true;
            }
        }
        return new TrafficBatch(rows, changed, List.copyOf(sorted));
    }

    private static boolean isOutcome(EngineEvent e) {
        return e instanceof MessageRouted || e instanceof MessageDelivered || e instanceof RpcReplyReceived
                || e instanceof RpcTimedOut || e instanceof RpcFailed || e instanceof MessageReturned;
    }

    private TrafficRow apply(EngineEvent e) {
        if (e instanceof MessagePublished p) {
            return published(p.seq(), p, p.messageRef(), p.connection(), p.exchange(), p.routingKey(), p.message());
        } else if (e instanceof MessageCaptured c) {
            if ("deliver".equals(c.direction())) {
                // NOTE(firehose): a firehose delivery is a copy of a message already listed from its publish.
                return null;
            }
            return published(c.seq(), c, 0, c.connection(), c.exchange(), c.routingKey(), c.message());
        } else if (e instanceof MessageRouted r) {
            TrafficRow row = byRef.get(r.messageRef());
            if (row != null) {
                row.routed(r);
                row.addRelated(r);
                if (r.unroutable()) {
                    row.status("unroutable");
                    errors.increment();
                } else if ("sent".equals(row.status())) {
                    row.status("queued");
                }
            }
        } else if (e instanceof MessageDelivered d) {
            TrafficRow row = byRef.get(d.messageRef());
            if (row != null) {
                row.addRelated(d);
                String s = row.status();
                if ("sent".equals(s) || "queued".equals(s)) {
                    row.status("delivered");
                }
            }
        } else if (e instanceof MessageSettled s) {
            TrafficRow row = byRef.get(s.messageRef());
            if (row != null) {
                row.addRelated(s);
            }
        } else if (e instanceof MessageReturned r) {
            TrafficRow row = byRef.get(r.messageRef());
            if (row != null) {
                row.addRelated(r);
                row.status("returned");
            }
        } else if (e instanceof RpcReplyReceived r) {
            TrafficRow call = callsByMsgId.get(r.msgId());
            if (call != null) {
                call.addRelated(r);
                call.latency(r.latency());
                if (r.failureClass() != null) {
                    call.failureClass(r.failureClass());
                    call.status("failed: " + r.failureClass());
                } else {
                    call.status("replied");
                }
            }
            if (r.failureClass() != null) {
                errors.increment();
            }
        } else if (e instanceof RpcTimedOut t) {
            TrafficRow call = callsByMsgId.get(t.msgId());
            if (call != null) {
                call.addRelated(t);
                call.status("timed out");
                call.latency(t.waited());
            }
            errors.increment();
        } else if (e instanceof RpcFailed f) {
            TrafficRow call = f.msgId() == null ? null : callsByMsgId.get(f.msgId());
            if (call != null) {
                call.addRelated(f);
                call.failureClass(f.errorClass());
                call.status("failed: " + f.errorClass());
            }
            errors.increment();
        }
        return null;
    }

    private TrafficRow published(long seq, EngineEvent source, long ref, String from, String exchange,
                                 String routingKey, io.osloscope.engine.observe.MessageSnapshot message) {
        OsloPeek peek = OsloPeek.of(message == null ? null : message.body());
        String kind = peek.kind();
        if ("cast".equals(kind) && exchange != null && exchange.endsWith("_fanout")) {
            kind = "fanout";
        }
        String requestId = peek.requestId();
        String method = peek.method();
        TrafficRow call = null;
        if (("reply".equals(kind) || "heartbeat".equals(kind)) && peek.msgId() != null) {
            call = callsByMsgId.get(peek.msgId());
            if (call != null) {
                requestId = call.requestId();
                method = call.method();
            }
        }
        TrafficRow row = new TrafficRow(seq, source.at(), ref, kind, shortConnection(from), exchange, routingKey, method,
                peek.version(), peek.namespace(), peek.msgId(), requestId, message, "sent");
        row.addRelated(source);
        if (peek.failureClass() != null) {
            row.failureClass(peek.failureClass());
            row.status("failed: " + peek.failureClass());
        }
        if (ref != 0) {
            byRef.put(ref, row);
        }
        messages.increment();
        switch (kind) {
            case "call" -> {
                calls.increment();
                callsByMsgId.put(peek.msgId(), row);
            }
            case "cast", "fanout" -> casts.increment();
            case "reply" -> {
                replies.increment();
                if (call != null) {
                    call.reply(row);
                    if (call.latency() == null) {
                        call.latency(Duration.between(call.at(), row.at()));
                    }
                }
            }
            default -> { }
        }
        return row;
    }

    /**
     * oslo names connections {@code program:pid:uuid}; the stream shows the program (e.g. {@code nova-compute}).
     */
    public static String shortConnection(String name) {
        if (name == null) {
            return null;
        }
        int colon = name.indexOf(':');
        return colon > 0 && name.indexOf(':', colon + 1) > 0 ? name.substring(0, colon) : name;
    }

    /** Counters since start, for the status bar; any thread. */
    public Counts counts() {
        return new Counts(messages.sum(), calls.sum(), casts.sum(), replies.sum(), errors.sum());
    }

    public record Counts(long messages, long calls, long casts, long replies, long errors) {
    }

    private static <K> Map<K, TrafficRow> lru() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, TrafficRow> eldest) {
                return size() > INDEX_LIMIT;
            }
        };
    }
}
