package io.osloscope.engine.broker;

import io.osloscope.engine.observe.EventHub;

/**
 * A broker that hands everything to another one. Decorators that change what their connections do (fault
 * injection, refused publishes in tests) extend it, override {@link #connect}, usually with a
 * {@link ForwardingBrokerConnection}, and {@link #close()} when they own less than the whole broker.
 */
public abstract class ForwardingBroker implements Broker {
    private final Broker delegate;

    protected ForwardingBroker(Broker delegate) {
        this.delegate = delegate;
    }

    /** The broker everything is handed to. */
    protected final Broker delegate() {
        return delegate;
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        return delegate.connect(options);
    }

    @Override
    public EventHub events() {
        return delegate.events();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean observesRouting() {
        return delegate.observesRouting();
    }

    /** The wrapped broker's capabilities; a decorator offering its own checks for it first, then calls this. */
    @Override
    public <T> java.util.Optional<T> capability(Class<T> type) {
        return delegate.capability(type);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
