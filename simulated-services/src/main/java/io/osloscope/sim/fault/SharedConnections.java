package io.osloscope.sim.fault;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of broker connections shared by many simulated nodes, for running far more nodes
 * than a broker accepts connections (1,000 computes would otherwise open 2,000+ connections:
 * oslo gives each RPC server its own listen connection). Connections are opened lazily and handed
 * out round-robin; nodes then close only their own consumers, and {@link #close()} closes the
 * connections. Unlike real nova services, nodes sharing a connection share its fate.
 */
public final class SharedConnections implements AutoCloseable {
    private final Broker broker;
    private final int size;
    private final String namePrefix;
    private final List<BrokerConnection> connections = new ArrayList<>();
    private int next;

    public SharedConnections(Broker broker, int size, String namePrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("need at least one shared connection, got " + size);
        }
        this.broker = broker;
        this.size = size;
        this.namePrefix = namePrefix;
    }

    public synchronized BrokerConnection acquire() {
        int i = next++ % size;
        while (connections.size() <= i) {
            connections.add(null);
        }
        BrokerConnection c = connections.get(i);
        if (c == null || !c.isOpen()) {
            c = broker.connect(ConnectionOptions.named(namePrefix + ":shared-" + i));
            connections.set(i, c);
        }
        return c;
    }

    public synchronized int opened() {
        return (int) connections.stream().filter(c -> c != null).count();
    }

    @Override
    public synchronized void close() {
        for (BrokerConnection c : connections) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // closing is best effort
                }
            }
        }
        connections.clear();
    }
}
