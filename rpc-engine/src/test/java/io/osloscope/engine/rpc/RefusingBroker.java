package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ForwardingBroker;
import io.osloscope.engine.broker.ForwardingBrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.wire.MessageProperties;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A broker whose publisher confirms can be made to fail: {@code refusal} is asked for each
 * {@code publishAsync} (exchange, routing key) and, when it returns an exception, the message is
 * not delivered and the returned future fails with it, as after a nack or a connection lost
 * before the confirm. Everything else goes to the broker underneath.
 */
final class RefusingBroker extends ForwardingBroker {
    /** Where a publish goes. */
    record Publish(String exchange, String routingKey) {
    }

    private final Function<Publish, RuntimeException> refusal;

    RefusingBroker(Broker delegate, Function<Publish, RuntimeException> refusal) {
        super(delegate);
        this.refusal = refusal;
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        BrokerConnection real = delegate().connect(options);
        return new ForwardingBrokerConnection(real) {
            @Override
            public void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                                byte[] body) {
                RuntimeException refused = refusal.apply(new Publish(exchange, routingKey));
                if (refused != null) {
                    throw refused;
                }
                delegate().publish(exchange, routingKey, mandatory, properties, body);
            }

            @Override
            public CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                        MessageProperties properties, byte[] body) {
                RuntimeException refused = refusal.apply(new Publish(exchange, routingKey));
                if (refused != null) {
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    // NOTE(async): the confirm's failure arrives later, on another thread, as from a real broker.
                    CompletableFuture.runAsync(() -> f.completeExceptionally(refused),
                            CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS));
                    return f;
                }
                return delegate().publishAsync(exchange, routingKey, mandatory, properties, body);
            }
        };
    }
}
