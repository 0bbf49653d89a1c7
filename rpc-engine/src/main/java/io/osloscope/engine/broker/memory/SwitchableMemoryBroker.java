package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.BrokerRelease;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.EventHub;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory broker whose RabbitMQ release can be switched while its users run, for the window's migration
 * rehearsal ({@link BrokerRelease#restartAs}): it hands everything to the current {@link InMemoryBroker} and, on a
 * switch, deletes that broker's queues and exchanges (so views following the events see them go), closes it and
 * starts a fresh one of the new release on the same event stream. Capabilities asked for are views that always act
 * on the current broker, so a view that kept one keeps working after a switch.
 */
public final class SwitchableMemoryBroker implements Broker {
    private final EventHub hub;
    private final InMemoryBroker first;
    private volatile InMemoryBroker current;
    private final Object switching = new Object();

    /** Starts on {@code first}; later releases share its event stream and limits. */
    public SwitchableMemoryBroker(InMemoryBroker first) {
        this.first = Objects.requireNonNull(first, "first");
        this.current = first;
        this.hub = first.events();
    }

    @Override
    public BrokerConnection connect(ConnectionOptions options) {
        return current.connect(options);
    }

    @Override
    public EventHub events() {
        return hub;
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public boolean observesRouting() {
        return current.observesRouting();
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == BrokerRelease.class) {
            return Optional.of(type.cast(new BrokerRelease() {
                @Override
                public RabbitVersion version() {
                    return current.version();
                }

                @Override
                public boolean switchable() {
                    return true;
                }

                @Override
                public void restartAs(RabbitVersion release) {
                    restart(release);
                }
            }));
        }
        if (!type.isInterface() || current.capability(type).isEmpty()) {
            return Optional.empty();
        }
        Object view = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "capability " + type.getSimpleName() + " of " + describe();
                };
            }
            Object target = current.capability(type).orElseThrow(() -> new UnsupportedOperationException(
                    describe() + " has no " + type.getSimpleName()));
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return Optional.of(type.cast(view));
    }

    private void restart(RabbitVersion release) {
        synchronized (switching) {
            InMemoryBroker old = current;
            TopologySnapshot t = old.topology();
            try (BrokerConnection c = old.connect(ConnectionOptions.named("osloscope-broker-restart"))) {
                for (TopologySnapshot.QueueView q : t.queues()) {
                    c.deleteQueue(q.name(), false, false);
                }
                for (TopologySnapshot.ExchangeView x : t.exchanges()) {
                    if (!x.builtIn()) {
                        c.deleteExchange(x.name(), false);
                    }
                }
            }
            current = new InMemoryBroker(hub, old.limits(), old.name(), release);
            if (old == first) {
                // the shared broker of its name: only its connections go (its topology was deleted above)
                MemoryOperator.closeAll(old, "broker restarting");
            } else {
                old.close();
            }
        }
    }

    /** Closes the broker a switch started, if any; the first one is shared and stays open. */
    @Override
    public void close() {
        InMemoryBroker c = current;
        if (c != first) {
            c.close();
        }
    }
}
