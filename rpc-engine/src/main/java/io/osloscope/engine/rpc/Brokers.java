package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.memory.Limits;
import io.osloscope.engine.broker.memory.SwitchableMemoryBroker;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the broker behind a transport URL. {@code memory://} is one JVM-wide in-memory broker and
 * {@code memory://NAME} one per name, created on first use and shared by every transport that
 * names it (as oslo's fake driver shares its exchanges within a process).
 */
public final class Brokers {
    private static final Map<String, InMemoryBroker> MEMORY = new ConcurrentHashMap<>();

    private Brokers() {
    }

    /** The shared in-memory broker of that name ({@code null} or {@code ""}: the default one). */
    public static InMemoryBroker memory(String name) {
        return memory(name, null);
    }

    /**
     * The shared in-memory broker of that name, created with {@code version}'s rules (null: the broker's default).
     * Asking an existing broker for another release is refused: one broker cannot follow two.
     */
    public static InMemoryBroker memory(String name, RabbitVersion version) {
        String key = name == null ? "" : name;
        InMemoryBroker b = MEMORY.computeIfAbsent(key, k -> new InMemoryBroker(new EventHub(), Limits.DEFAULT, k,
                version == null ? InMemoryBroker.DEFAULT_VERSION : version));
        if (version != null && b.version() != version) {
            throw new MessagingException(b.describe() + " already runs with RabbitMQ " + b.version()
                    + " rules; use another name for a broker with RabbitMQ " + version + " rules");
        }
        return b;
    }

    /**
     * The shared in-memory broker of a {@code memory://} URL behind a wrapper whose RabbitMQ release can be switched
     * while its users run ({@code BrokerRelease.restartAs}, the window's migration rehearsal). Closing the wrapper
     * closes only a broker a switch started; the shared one stays with the other users of its name.
     */
    public static Broker switchableMemory(TransportUrl url) {
        return new SwitchableMemoryBroker(memory(url.memoryName(), url.memoryVersion()));
    }

    /**
     * A new broker for a {@code rabbit://} URL with these options' heartbeat, and TLS (JVM default trust) when the
     * options or the URL ({@code rabbits://}, {@code ?ssl=1}) ask for it; the caller closes it.
     */
    public static Broker rabbit(TransportUrl url, TransportOptions options) {
        RabbitSettings.Tls tls = options.ssl() || url.tls() ? new RabbitSettings.Tls(null, null, null, null, false) : null;
        return rabbit(url.toRabbitSettings(options.heartbeatSeconds(), tls));
    }

    static Broker rabbit(RabbitSettings settings) {
        return new RabbitBroker(settings, new EventHub());
    }
}
