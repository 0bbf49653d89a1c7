package io.osloscope.engine.broker;

import io.osloscope.engine.wire.MessageProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A connection that hands every operation to another one. Wrappers that change one behaviour (fault injection,
 * refused publishes in tests) extend it and override only what they change.
 */
public abstract class ForwardingBrokerConnection implements BrokerConnection {
    private final BrokerConnection delegate;

    protected ForwardingBrokerConnection(BrokerConnection delegate) {
        this.delegate = delegate;
    }

    /** The connection operations are handed to. */
    protected final BrokerConnection delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String serverVersion() {
        return delegate.serverVersion();
    }

    @Override
    public String serverClusterName() {
        return delegate.serverClusterName();
    }

    @Override
    public void declareExchange(ExchangeSpec spec) {
        delegate.declareExchange(spec);
    }

    @Override
    public void declareExchangePassive(String name) {
        delegate.declareExchangePassive(name);
    }

    @Override
    public void deleteExchange(String name, boolean ifUnused) {
        delegate.deleteExchange(name, ifUnused);
    }

    @Override
    public QueueInfo declareQueue(QueueSpec spec) {
        return delegate.declareQueue(spec);
    }

    @Override
    public QueueInfo declareQueuePassive(String name) {
        return delegate.declareQueuePassive(name);
    }

    @Override
    public int deleteQueue(String name, boolean ifUnused, boolean ifEmpty) {
        return delegate.deleteQueue(name, ifUnused, ifEmpty);
    }

    @Override
    public int purgeQueue(String name) {
        return delegate.purgeQueue(name);
    }

    @Override
    public void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        delegate.bind(queue, exchange, bindingKey, arguments);
    }

    @Override
    public void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments) {
        delegate.unbind(queue, exchange, bindingKey, arguments);
    }

    @Override
    public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                        byte[] body) {
        delegate.publish(exchange, routingKey, mandatory, properties, body);
    }

    @Override
    public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                MessageProperties properties, byte[] body) {
        return delegate.publishAsync(exchange, routingKey, mandatory, properties, body);
    }

    @Override
    public void addReturnListener(ReturnListener listener) {
        delegate.addReturnListener(listener);
    }

    @Override
    public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        return delegate.consume(queue, options, handler);
    }

    @Override
    public Optional<Delivery> get(String queue, boolean autoAck) {
        return delegate.get(queue, autoAck);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
