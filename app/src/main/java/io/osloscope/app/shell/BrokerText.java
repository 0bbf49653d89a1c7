package io.osloscope.app.shell;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.memory.InMemoryBroker;

/** How the status bar names a broker: the in-memory one by the RabbitMQ release whose rules it follows. */
final class BrokerText {
    private BrokerText() {
    }

    /** {@code RabbitMQ 4.0 rules} for the in-memory broker, else the broker's own description. */
    static String of(Broker broker) {
        if (broker == null) {
            return "no broker";
        }
        if (broker instanceof InMemoryBroker m) {
            return "RabbitMQ " + m.version().label() + " rules";
        }
        return broker.describe();
    }
}
