package io.osloscope.app.traffic;

import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.MessageRequeued;
import io.osloscope.engine.observe.BrokerEvents.StreamAppended;
import io.osloscope.engine.observe.BrokerEvents.StreamRead;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.BrokerEvents.MessageSettled;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.CaptureEvents.RoutingChecked;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.RestEvents.RestExchanged;
import io.osloscope.engine.observe.RpcEvents.CallPaired;
import io.osloscope.engine.observe.RpcEvents.RpcFailed;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns engine events into {@link TrafficRow}s and attaches outcomes to them: broker events by message
 * reference, the engine's {@link CallPaired} by the two message events' seqs, and the RPC layer's outcome events
 * (reply received, timed out, failed) by the call's message event seq ({@code callSeq}) the engine put on them.
 * Nothing here reads message bytes: kind, method, ids and failures come from the summary every
 * message event carries. Runs on one thread (the pump's timer), never the FX thread; the lookup tables are bounded,
 * so memory stays flat however long the app runs.
 */
public final class TrafficAssembler {
    private static final int INDEX_LIMIT = 50_000;

    private final Map<Long, TrafficRow> byRef = lru();
    private final Map<Long, TrafficRow> bySeq = lru();
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
        return e instanceof MessageRouted || e instanceof RoutingChecked || e instanceof MessageDelivered
                || e instanceof StreamRead || e instanceof RpcReplyReceived
                || e instanceof CallPaired
                || e instanceof RpcTimedOut || e instanceof RpcFailed || e instanceof MessageReturned;
    }

    /** A delivery (queue or stream read) of a row's message: kept for the inspector, and the row is delivered. */
    private void delivered(long messageRef, EngineEvent e) {
        TrafficRow row = byRef.get(messageRef);
        if (row != null) {
            row.addRelated(e);
            String s = row.status();
            if ("sent".equals(s) || "queued".equals(s)) {
                row.status("delivered");
            }
        }
    }

    private static long messageRef(EngineEvent e) {
        if (e instanceof StreamAppended a) {
            return a.messageRef();
        }
        if (e instanceof MessageRequeued r) {
            return r.messageRef();
        }
        return ((MessageDiscarded) e).messageRef();
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
        } else if (e instanceof RestExchanged r) {
            return rest(r);
        } else if (e instanceof RoutingChecked c) {
            TrafficRow row = bySeq.get(c.captureSeq());
            if (row != null) {
                row.routed(c.expected());
                row.routingCheck(c);
                row.addRelated(c);
            }
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
            delivered(d.messageRef(), d);
        } else if (e instanceof StreamRead d) {
            delivered(d.messageRef(), d);
        } else if (e instanceof MessageSettled s) {
            TrafficRow row = byRef.get(s.messageRef());
            if (row != null) {
                row.addRelated(s);
            }
        } else if (e instanceof StreamAppended || e instanceof MessageRequeued || e instanceof MessageDiscarded) {
            // what happened to the message in a stream or quorum queue: for the inspector's routing card
            TrafficRow row = byRef.get(messageRef(e));
            if (row != null) {
                row.addRelated(e);
            }
        } else if (e instanceof MessageReturned r) {
            TrafficRow row = byRef.get(r.messageRef());
            if (row != null) {
                row.addRelated(r);
                row.status("returned");
            }
        } else if (e instanceof CallPaired p) {
            TrafficRow call = bySeq.get(p.callSeq());
            TrafficRow reply = bySeq.get(p.replySeq());
            if (call != null && reply != null) {
                call.reply(reply);
                reply.call(call);
                reply.addRelated(p);
                if (call.latency() == null) {
                    call.latency(p.latency());
                }
            }
        } else if (e instanceof RpcReplyReceived r) {
            TrafficRow call = r.callSeq() == 0 ? null : bySeq.get(r.callSeq());
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
            TrafficRow call = t.callSeq() == 0 ? null : bySeq.get(t.callSeq());
            if (call != null) {
                call.addRelated(t);
                // the sniffer says where a captured call was lost (no consumer, callee slow, ...)
                call.status(t.blame() == null ? "timed out" : "timed out: " + t.blame().replace('_', ' '));
                call.latency(t.waited());
            }
            errors.increment();
        } else if (e instanceof RpcFailed f) {
            TrafficRow call = f.callSeq() == 0 ? null : bySeq.get(f.callSeq());
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
                                 String routingKey, MessageSnapshot message) {
        MessageSummary m = message == null ? null : message.summary();
        String kind = kindOf(m);
        String failureClass = m != null && m.kind() == MessageKind.FAILURE_REPLY ? m.failureClass() : null;
        TrafficRow row = new TrafficRow(seq, source.at(), ref, kind, fromLabel(m, from), exchange, routingKey,
                m == null ? null : m.displayMethod(), m == null ? null : m.version(), m == null ? null : m.namespace(),
                m == null ? null : m.msgId(), m != null && m.kind().isRequest() ? m.requestId() : null, message, "sent");
        row.addRelated(source);
        if (failureClass != null) {
            row.failureClass(failureClass);
            row.status("failed: " + failureClass);
        }
        if (ref != 0) {
            byRef.put(ref, row);
        }
        bySeq.put(seq, row);
        messages.increment();
        switch (kind) {
            case "call" -> calls.increment();
            case "cast", "fanout" -> casts.increment();
            case "reply" -> replies.increment();
            default -> { }
        }
        return row;
    }

    /**
     * An HTTP request nova-api answered: kind {@code rest}, from the client, the path where a routing key would be,
     * {@code POST /v2.1/servers} as the method, the HTTP status and the request's latency; its request id links it
     * to the RPC messages it caused. Listed at the time the request came in.
     */
    private TrafficRow rest(RestExchanged r) {
        java.time.Duration latency = r.latency() == null ? java.time.Duration.ZERO : r.latency();
        TrafficRow row = new TrafficRow(r.seq(), r.at().minus(latency), 0, "rest", r.client(), "HTTP " + r.service(),
                r.path(), r.method() + " " + r.path(), null, null, null, r.requestId(), null,
                String.valueOf(r.status()));
        row.latency(latency);
        row.addRelated(r);
        if (r.status() >= 400) {
            row.failureClass("HTTP " + r.status());
            errors.increment();
        }
        bySeq.put(r.seq(), row);
        return row;
    }

    /** The stream's kind column for the engine's classification; non-oslo bodies are "other". */
    static String kindOf(MessageSummary m) {
        if (m == null) {
            return "other";
        }
        return switch (m.kind()) {
            case CALL -> "call";
            case CAST -> "cast";
            case FANOUT -> "fanout";
            case REPLY, FAILURE_REPLY -> "reply";
            case HEARTBEAT -> "heartbeat";
            case NOTIFICATION -> "notification";
            case OTHER -> "other";
        };
    }

    /**
     * The From column: the sender the engine named ({@code nova-compute@cmp1}, or why it is unknown), else the
     * connection's short name.
     */
    static String fromLabel(MessageSummary m, String connection) {
        if (m != null && m.from() != null && (m.from().known() || m.from().unknownWhy() != null)) {
            return m.from().label();
        }
        return shortConnection(connection);
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
