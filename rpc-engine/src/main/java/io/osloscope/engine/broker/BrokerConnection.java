package io.osloscope.engine.broker;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.error.AmqpException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection to a broker, in AMQP 0-9-1 vocabulary. All methods are thread-safe and
 * block until the broker has answered. Failures the broker reports raise {@link AmqpException}
 * with RabbitMQ's reply code and text (404 missing exchange or queue, 405 another connection's
 * exclusive queue, 406 inequivalent redeclare, 403 second exclusive consumer); the connection
 * stays usable afterwards. A lost connection raises
 * {@link io.osloscope.engine.error.TransportConnectionException}.
 *
 * <p>Exclusive queues belong to the connection that declared them and are deleted when it
 * closes; closing also requeues every delivery its consumers had not acknowledged.
 */
public interface BrokerConnection extends AutoCloseable {

    /** The connection name given in {@link ConnectionOptions}. */
    String name();

    void declareExchange(ExchangeSpec spec);

    /** Checks that the exchange exists (404 otherwise) without changing it. */
    void declareExchangePassive(String name);

    void deleteExchange(String name, boolean ifUnused);

    /** Declares (or re-declares identically) a queue; an empty name yields a server-named one. */
    QueueInfo declareQueue(QueueSpec spec);

    /** Checks that the queue exists (404 otherwise) and returns its counts. */
    QueueInfo declareQueuePassive(String name);

    /** Deletes the queue; returns the number of messages it held. Consumers are cancelled by the broker. */
    int deleteQueue(String name, boolean ifUnused, boolean ifEmpty);

    /** Removes the ready messages of a queue; returns how many. */
    int purgeQueue(String name);

    void bind(String queue, String exchange, String bindingKey, Map<String, Object> arguments);

    void unbind(String queue, String exchange, String bindingKey, Map<String, Object> arguments);

    /**
     * Publishes one message. Never blocks on consumers. With {@code mandatory}, an unroutable
     * message is handed to the return listeners; without, it is dropped. Publishing to a
     * missing exchange fails with 404. With publisher confirms on, returns after the broker
     * confirmed the message.
     */
    void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties, byte[] body);

    /**
     * Publishes one message like {@link #publish} but does not wait for the publisher confirm.
     * Failures known before the message leaves (closed connection, missing exchange found by the
     * first publish's check) are thrown, as from {@code publish}. The returned future completes
     * when the broker has taken responsibility for the message (at once without confirms), and
     * fails with {@link io.osloscope.engine.error.MessagingException} on a confirm nack, with
     * {@link AmqpException} when the broker closed the publish channel first (e.g. 404 for an
     * exchange deleted meanwhile), or with {@link io.osloscope.engine.error.TransportConnectionException}
     * when the connection was lost first. A mandatory message's {@code basic.return} reaches the
     * return listeners before the future completes, as RabbitMQ sends the return before the confirm.
     *
     * <p>The future may complete on a broker I/O thread: dependents must not block (use the
     * {@code ...Async} continuations to move work elsewhere). Messages published from one thread
     * keep their order, as with {@code publish}. The default publishes and waits, for
     * connections that confirm synchronously (the in-memory broker routes inside {@code publish}).
     */
    default CompletableFuture<Void> publishAsync(String exchange, String routingKey, boolean mandatory,
                                                 MessageProperties properties, byte[] body) {
        publish(exchange, routingKey, mandatory, properties, body);
        return CompletableFuture.completedFuture(null);
    }

    void addReturnListener(ReturnListener listener);

    /** Starts a consumer; deliveries go to {@code handler} on a broker thread (see {@link DeliveryHandler}). */
    ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler);

    /**
     * Takes one message from the queue ({@code basic.get}): empty when the queue holds no ready message. With
     * {@code autoAck} false the delivery must be settled like a consumer's (its tag counts on this connection;
     * closing the connection requeues it unsettled); with {@code autoAck} true it is already removed.
     * 404 for a missing queue. A stream queue refuses it with
     * {@code 540 NOT_IMPLEMENTED - basic.get not supported by stream queues ...}, which, as on RabbitMQ, is a
     * connection error: the connection is closed afterwards.
     */
    Optional<Delivery> get(String queue, boolean autoAck);

    boolean isOpen();

    /**
     * The broker's version as it announced itself when the connection opened (RabbitMQ's {@code version}
     * server property, e.g. {@code 4.0.5}), or null when the broker does not say (the in-memory broker).
     */
    default String serverVersion() {
        return null;
    }

    /**
     * The cluster's name as the broker announced it ({@code cluster_name} server property), or null when it does not
     * say. With {@link #serverVersion()} it tells whether a management API belongs to the same broker.
     */
    default String serverClusterName() {
        return null;
    }

    /** Closes the connection: cancels its consumers, requeues their unacked deliveries, deletes its exclusive queues. Idempotent. */
    @Override
    void close();
}
