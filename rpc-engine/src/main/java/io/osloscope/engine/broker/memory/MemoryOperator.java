package io.osloscope.engine.broker.memory;

import io.osloscope.engine.error.AmqpException;

/**
 * What an operator does to a running in-memory broker from outside its clients, as with RabbitMQ's management API or
 * {@code rabbitmqctl}: closing connections.
 */
public final class MemoryOperator {
    private MemoryOperator() {
    }

    /**
     * Closes the connections of {@code broker} named {@code name} (320 CONNECTION_FORCED with {@code reason}): their
     * consumers end as cancelled by the broker, unacked deliveries return to their queues, later calls fail as
     * closed. Returns how many were closed.
     */
    public static int closeConnection(InMemoryBroker broker, String name, String reason) {
        int n = 0;
        for (MemoryConnection c : broker.openConnections()) {
            if (name == null || c.name().equals(name)) {
                c.closeByBroker(new AmqpException(AmqpException.CONNECTION_FORCED, "CONNECTION_FORCED - " + reason));
                n++;
            }
        }
        return n;
    }

    /** Closes every connection of {@code broker}, as the broker going away would; the broker keeps running. */
    static void closeAll(InMemoryBroker broker, String reason) {
        closeConnection(broker, null, reason);
    }
}
