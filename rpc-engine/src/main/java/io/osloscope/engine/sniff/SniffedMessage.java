package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.wire.DecodedMessage;
import io.osloscope.engine.wire.Destination;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.ObjectCall;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Sender;
import io.osloscope.engine.observe.pairing.Pairing;

/**
 * A captured message as retained: the raw capture plus the few decoded fields views list and filter on.
 * Deliberately small (no JSON trees) so hundreds of thousands fit in memory; {@link #decode(OsloDecoder)}
 * rebuilds the full {@link DecodedMessage} for the one row the user opens.
 *
 * @param seq           the {@link io.osloscope.engine.observe.CaptureEvents.MessageCaptured} event's seq
 * @param host          the call's server (routing key {@code topic.server}) or where its reply came from
 * @param latencyMicros call-to-final-reply latency on replies paired with their call, else -1
 * @param from          who published it (service, host, pid), or why that is unknown; null for firehose deliveries
 * @param objectCall    the versioned-object call ({@code Instance.save}) of a conductor {@code object_*} call, else null
 * @param routing       the firehose publish's routing checked against the management API's bindings, else null
 * @param destination   project, service, topic and server it went to (a reply: its call's), null when unknown
 */
public record SniffedMessage(long seq, RawCapture raw, MessageKind kind, String method, String msgId, String version,
                             String requestId, String failureClass, String problem, boolean truncated,
                             Pairing.Outcome pairing, String host, long latencyMicros, Sender from,
                             ObjectCall objectCall, RoutingCheck routing, Destination destination) {

    /** Without a destination. */
    public SniffedMessage(long seq, RawCapture raw, MessageKind kind, String method, String msgId, String version,
                          String requestId, String failureClass, String problem, boolean truncated,
                          Pairing.Outcome pairing, String host, long latencyMicros, Sender from,
                          ObjectCall objectCall, RoutingCheck routing) {
        this(seq, raw, kind, method, msgId, version, requestId, failureClass, problem, truncated, pairing, host,
                latencyMicros, from, objectCall, routing, null);
    }

    /** Without a sender, object call or routing check. */
    public SniffedMessage(long seq, RawCapture raw, MessageKind kind, String method, String msgId, String version,
                          String requestId, String failureClass, String problem, boolean truncated,
                          Pairing.Outcome pairing, String host, long latencyMicros) {
        this(seq, raw, kind, method, msgId, version, requestId, failureClass, problem, truncated, pairing, host,
                latencyMicros, null, null, null, null);
    }

    /** {@code Instance.save} for an object call, else the RPC method (a reply's: its call's). */
    public String displayMethod() {
        return objectCall != null ? objectCall.label() : method;
    }

    public DecodedMessage decode(OsloDecoder decoder) {
        return decoder.decode(raw.properties(), raw.body(), raw.exchange(), raw.routingKey());
    }

    public Double latencyMillis() {
        return latencyMicros < 0 ? null : latencyMicros / 1000.0;
    }

    public int size() {
        return raw.body().length;
    }
}
