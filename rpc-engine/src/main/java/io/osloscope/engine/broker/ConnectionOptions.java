package io.osloscope.engine.broker;

/**
 * Per-connection settings. {@code name} shows in the broker's connection list (oslo uses
 * {@code <program>:<pid>:<uuid>}); {@code publisherConfirms} makes {@code publish} return only
 * after the broker has taken responsibility for the message, as oslo's send connections do.
 */
public record ConnectionOptions(String name, boolean publisherConfirms) {
    public static ConnectionOptions named(String name) {
        return new ConnectionOptions(name, false);
    }

    public ConnectionOptions withPublisherConfirms(boolean value) {
        return new ConnectionOptions(name, value);
    }
}
