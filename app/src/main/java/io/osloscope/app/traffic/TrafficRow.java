package io.osloscope.app.traffic;

import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.CaptureEvents.RoutingChecked;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message in the stream. The identity fields are fixed when the message is published. The
 * outcome (status, latency, routing, deliveries, reply) arrives later.
 *
 * <p>NOTE(threading): the outcome fields are written only by the single assembler thread and read by the FX
 * thread; they are volatile and each is meaningful alone, so a cell that reads a slightly older value just
 * shows it until the next refresh. This avoids replacing rows in the live list (one change per update).
 */
public final class TrafficRow {
    private final long seq;
    private final Instant at;
    private final long messageRef;
    private final String kind;
    private final String from;
    private final String exchange;
    private final String routingKey;
    private final String method;
    private final String version;
    private final String namespace;
    private final String msgId;
    private final String requestId;
    private final MessageSnapshot message;

    private volatile String status;
    private volatile Duration latency;
    private volatile MessageRouted routed;
    private volatile RoutingChecked routingCheck;
    private volatile TrafficRow reply;
    private volatile TrafficRow call;
    private volatile String failureClass;
    private final List<EngineEvent> related = new ArrayList<>();

    public TrafficRow(long seq, Instant at, long messageRef, String kind, String from, String exchange,
                      String routingKey, String method, String version, String namespace, String msgId,
                      String requestId, MessageSnapshot message, String status) {
        this.seq = seq;
        this.at = at;
        this.messageRef = messageRef;
        this.kind = kind;
        this.from = from;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.method = method;
        this.version = version;
        this.namespace = namespace;
        this.msgId = msgId;
        this.requestId = requestId;
        this.message = message;
        this.status = status;
    }

    public long seq() { return seq; }
    public Instant at() { return at; }
    public long messageRef() { return messageRef; }
    public String kind() { return kind; }
    public String from() { return from; }
    public String exchange() { return exchange; }
    public String routingKey() { return routingKey; }
    /**
     * The method as listed: the object call a conductor {@code object_*} call carries ({@code Instance.save}), else
     * the RPC method; a reply names its call's, once the engine paired them.
     */
    public String method() {
        TrafficRow c = call;
        return method != null || c == null ? method : c.method();
    }
    /**
     * The RPC method as on the wire ({@code object_action} where {@link #method()} shows {@code Instance.save});
     * a reply names its call's.
     */
    public String rpcMethod() {
        TrafficRow c = call;
        if (c != null && method == null) {
            return c.rpcMethod();
        }
        return message == null ? method : message.summary().method();
    }
    public String version() { return version; }
    public String namespace() { return namespace; }
    public String msgId() { return msgId; }
    /** The call's request id; a reply shows its call's, once the engine paired them. */
    public String requestId() {
        TrafficRow c = call;
        return requestId != null || c == null ? requestId : c.requestId();
    }
    public MessageSnapshot message() { return message; }
    public String status() { return status; }
    public Duration latency() { return latency; }
    public MessageRouted routed() { return routed; }

    /** A sniffed publish's routing checked against the management API's bindings, or null. */
    public RoutingChecked routingCheck() { return routingCheck; }
    public TrafficRow reply() { return reply; }
    /** For a reply: the call it answers, as the engine paired them; null otherwise. */
    public TrafficRow call() { return call; }
    public String failureClass() { return failureClass; }

    /** Deliveries of this message (several for a fanout). */
    public List<MessageDelivered> deliveries() {
        List<MessageDelivered> out = new ArrayList<>();
        for (EngineEvent e : related()) {
            if (e instanceof MessageDelivered d) {
                out.add(d);
            }
        }
        return out;
    }

    /** Every event seen for this message, in arrival order (a copy; any thread). */
    public List<EngineEvent> related() {
        synchronized (related) {
            return new ArrayList<>(related);
        }
    }

    public boolean isError() {
        String s = status;
        return failureClass != null || (s != null && s.startsWith("timed out")) || "unroutable".equals(s) || "returned".equals(s)
                || (s != null && s.startsWith("failed"));
    }

    // --- written by the assembler thread only ---

    void addRelated(EngineEvent e) {
        synchronized (related) {
            related.add(e);
        }
    }

    void status(String value) { this.status = value; }
    void latency(Duration value) { this.latency = value; }
    void routed(MessageRouted value) { this.routed = value; }

    void routingCheck(RoutingChecked value) { this.routingCheck = value; }
    void reply(TrafficRow value) { this.reply = value; }
    void call(TrafficRow value) { this.call = value; }
    void failureClass(String value) { this.failureClass = value; }

    @Override
    public String toString() {
        return kind + " " + (method() == null ? "" : method()) + " " + exchange + "/" + routingKey + " #" + seq;
    }
}
