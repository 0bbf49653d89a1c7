package io.osloscope.engine.broker;

/**
 * Receives the deliveries of one consumer. Called on a broker thread, one delivery at a time per
 * consumer and in queue order; a handler that blocks delays only its own consumer. An exception
 * thrown by the handler is reported on the event stream and never kills the broker thread;
 * the delivery stays unacknowledged until the handler settles it (manual ack).
 */
@FunctionalInterface
public interface DeliveryHandler {
    void handle(Delivery delivery);

    /**
     * The consumer has ended: {@code byBroker} is true when the broker cancelled it (queue
     * deleted, connection lost) rather than the client. Default: nothing.
     */
    default void cancelled(String consumerTag, boolean byBroker) {
    }
}
