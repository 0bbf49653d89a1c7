package io.osloscope.engine.broker;

/**
 * A running consumer. Deliveries not yet acknowledged when it is cancelled stay unacknowledged
 * until settled or until the connection closes, when they are requeued (as on RabbitMQ).
 */
public interface ConsumerHandle {
    String consumerTag();

    String queue();

    /** Stops deliveries to this consumer. Idempotent. An auto-delete queue is deleted when its last consumer cancels. */
    void cancel();
}
