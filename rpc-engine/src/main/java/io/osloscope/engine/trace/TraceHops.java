package io.osloscope.engine.trace;

import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.wire.MessageKind;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloKeys;

import java.time.Instant;

/**
 * The one place a message becomes a {@link TraceHop}, and where its sender is named: the identity the observer put
 * on the message's summary ({@link MessageSummary#from()}: service, host and pid from the management API's
 * connections when sniffing, the simulated node when simulating); without one, what the publishing connection's
 * name tells: oslo's {@code <program>:<pid>:<uuid>} gives the service, RabbitMQ's {@code peer:port -> broker:port}
 * the host.
 */
public final class TraceHops {
    private TraceHops() {
    }

    /** Who sent a message, as far as known; either part may be null. */
    public record Sender(String service, String host) {
        public static final Sender UNKNOWN = new Sender(null, null);
    }

    /** The sender of a message: its summary's identity when known, else what the connection's name tells. */
    public static Sender sender(MessageSummary m, String connection) {
        io.osloscope.engine.wire.Sender from = m == null ? null : m.from();
        if (from != null && from.known()) {
            return new Sender(from.service(), from.host());
        }
        return sender(connection);
    }

    /** The sender as the publishing connection's name tells it. */
    public static Sender sender(String connection) {
        if (connection == null || connection.isBlank()) {
            return Sender.UNKNOWN;
        }
        String[] oslo = ManagementSnapshot.parseOsloConnectionName(connection);
        if (oslo != null) {
            return new Sender(oslo[0], null);
        }
        int arrow = connection.indexOf(" -> ");
        if (arrow > 0) {
            String peer = connection.substring(0, arrow).trim();
            int colon = peer.lastIndexOf(':');
            return new Sender(null, colon > 0 ? peer.substring(0, colon) : peer);
        }
        return new Sender(connection, null);
    }

    /**
     * The hop of a request message (call, cast, fanout, notification) that carries a request id; null for replies,
     * heartbeats, other messages and messages without request id.
     */
    public static TraceHop hop(long seq, Instant at, MessageSummary m, String exchange, String routingKey, Sender from) {
        if (m == null || (m.requestId() == null && m.globalRequestId() == null)) {
            return null;
        }
        MessageKind k = m.kind();
        if (!k.isRequest() && k != MessageKind.NOTIFICATION) {
            return null;
        }
        String topic = routingKey;
        String server = null;
        if (k == MessageKind.FANOUT && exchange != null && exchange.endsWith(OsloKeys.FANOUT_SUFFIX)) {
            topic = exchange.substring(0, exchange.length() - OsloKeys.FANOUT_SUFFIX.length());
        } else if (k != MessageKind.NOTIFICATION && routingKey != null && routingKey.indexOf('.') > 0) {
            topic = routingKey.substring(0, routingKey.indexOf('.'));
            server = routingKey.substring(routingKey.indexOf('.') + 1);
        }
        return new TraceHop(seq, at, k.wireName(), m.method(), from.service(), from.host(), topic, server, exchange,
                m.msgId(), m.requestId(), m.globalRequestId(), null, k == MessageKind.CALL ? "pending" : null, null,
                null, null);
    }
}
