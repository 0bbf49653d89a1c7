package io.osloscope.engine.broker;

/**
 * Per-connection settings. {@code name} shows in the broker's connection list (oslo uses
 * {@code <program>:<pid>:<uuid>}); {@code publisherConfirms} makes {@code publish} return only
 * after the broker has taken responsibility for the message, as oslo's send connections do.
 *
 * <p>{@code directDispatch} hands deliveries to the {@link DeliveryHandler}s on the thread that
 * reads them from the socket instead of passing them to a worker thread: one thread hop less per
 * message. The price: a handler that blocks stalls every consumer of the connection, and a
 * handler (or anything it completes) must never call a blocking method of the same connection,
 * which would wait for the very thread it blocks. Meant for handlers that only decode and hand
 * on, like the RPC layer's reply consumer and server dispatcher. Brokers that have no such
 * thread (the in-memory one) ignore it. Nothing on the wire changes.
 *
 * <p>{@code identity} is who opens the connection (service, host, pid) when the opener knows: a broker that
 * observes its own traffic (the in-memory one) puts it on its message events, so simulated traffic names its
 * senders as sniffed traffic does. Null when not known; RabbitMQ learns it from the name alone.
 */
public record ConnectionOptions(String name, boolean publisherConfirms, boolean directDispatch,
                                io.osloscope.engine.wire.Sender identity) {
    public ConnectionOptions(String name, boolean publisherConfirms) {
        this(name, publisherConfirms, false, null);
    }

    public ConnectionOptions(String name, boolean publisherConfirms, boolean directDispatch) {
        this(name, publisherConfirms, directDispatch, null);
    }

    public static ConnectionOptions named(String name) {
        return new ConnectionOptions(name, false, false, null);
    }

    public ConnectionOptions withPublisherConfirms(boolean value) {
        return new ConnectionOptions(name, value, directDispatch, identity);
    }

    public ConnectionOptions withDirectDispatch(boolean value) {
        return new ConnectionOptions(name, publisherConfirms, value, identity);
    }

    public ConnectionOptions withIdentity(io.osloscope.engine.wire.Sender value) {
        return new ConnectionOptions(name, publisherConfirms, directDispatch, value);
    }
}
