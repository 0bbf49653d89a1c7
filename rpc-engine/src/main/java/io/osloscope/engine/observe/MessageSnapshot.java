package io.osloscope.engine.observe;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.OsloDecoder;
import io.osloscope.engine.wire.Sender;

import java.util.Objects;

/**
 * A message as it was at one moment: properties and body, captured once, and its {@link #summary()}: kind,
 * method, namespace, version, ids, request id, reply queue, sender and size, read by the engine's one tolerant
 * reader. The body array is shared, never copied again and never modified.
 *
 * <p>Snapshots exist only while someone subscribes to the hub. The summary is built at most once per snapshot,
 * by the first thread that asks (the pairing in {@link EventHub} for publishes, or a consumer), unless the producer
 * already had it (the sniffer reads every capture on arrival and hands its summary in). Immutable once built;
 * safe on any thread.
 */
public final class MessageSnapshot {
    private static final OsloDecoder READER = new OsloDecoder();

    private final MessageProperties properties;
    private final byte[] body;
    private final String exchange;
    private final String sender;
    private final Sender from;
    private volatile MessageSummary summary;

    /** A snapshot whose exchange and sender are unknown (a fanout then reads as a cast). */
    public MessageSnapshot(MessageProperties properties, byte[] body) {
        this(properties, body, null, null);
    }

    /** {@code exchange} tells fanouts apart; {@code sender} is the publishing connection's name when known. */
    public MessageSnapshot(MessageProperties properties, byte[] body, String exchange, String sender) {
        this(properties, body, exchange, sender, null);
    }

    /**
     * As above, with the publisher's identity when the producer knows it (a simulated node's connection); without
     * it the summary reads what oslo's connection name {@code <program>:<pid>:<uuid>} tells.
     */
    public MessageSnapshot(MessageProperties properties, byte[] body, String exchange, String sender, Sender from) {
        this.properties = properties;
        this.body = body;
        this.exchange = exchange;
        this.sender = sender;
        this.from = from;
    }

    /** A snapshot whose summary the producer has already read (not read again). */
    public static MessageSnapshot read(MessageProperties properties, byte[] body, String exchange,
                                       MessageSummary summary) {
        MessageSnapshot m = new MessageSnapshot(properties, body, exchange, summary.sender(), summary.from());
        m.summary = summary;
        return m;
    }

    public MessageProperties properties() {
        return properties;
    }

    public byte[] body() {
        return body;
    }

    public int size() {
        return body == null ? 0 : body.length;
    }

    /** The listing fields, read once; never null (a body that is not oslo is kind OTHER). */
    public MessageSummary summary() {
        MessageSummary s = summary;
        if (s == null) {
            synchronized (this) {
                s = summary;
                if (s == null) {
                    s = READER.summarize(properties, body, exchange, null).withPublisher(sender,
                            from != null ? from : Sender.fromConnectionName(sender));
                    summary = s;
                }
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageSnapshot m && Objects.equals(properties, m.properties) && body == m.body
                && Objects.equals(exchange, m.exchange) && Objects.equals(sender, m.sender);
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties, System.identityHashCode(body), exchange, sender);
    }

    @Override
    public String toString() {
        return "MessageSnapshot[" + size() + " bytes" + (exchange == null ? "" : ", exchange " + exchange) + "]";
    }
}
