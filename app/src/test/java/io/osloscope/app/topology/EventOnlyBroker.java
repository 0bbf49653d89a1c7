package io.osloscope.app.topology;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.observe.EventHub;

/** A broker that only has an event hub: lets view tests feed hand-made events before a real broker exists. */
public final class EventOnlyBroker implements Broker {
    private final EventHub hub = new EventHub();

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        throw new UnsupportedOperationException("event-only test broker accepts no connections");
    }

    @Override
    public EventHub events() {
        return hub;
    }

    @Override
    public String describe() {
        return "memory://";
    }

    @Override
    public boolean observesRouting() {
        return true;
    }

    @Override
    public void close() {
    }
}
