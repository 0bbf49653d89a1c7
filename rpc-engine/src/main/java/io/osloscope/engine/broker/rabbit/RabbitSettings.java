package io.osloscope.engine.broker.rabbit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to reach a RabbitMQ: one or more hosts (tried in order on connect and reconnect), credentials,
 * virtual host, heartbeat, optional TLS, and whether connections recover by themselves.
 * {@link #toString()} never shows the password.
 *
 * <p>{@code automaticRecovery} is off by default: a lost connection then raises
 * {@link io.osloscope.engine.error.TransportConnectionException} and stays closed, which is what
 * the broker SPI contract and oslo's driver (which reconnects itself) expect. Long-lived
 * observers such as the sniffer turn it on: the connection, its channels, consumers and the
 * topology it declared come back after a broker restart, reported as "lost" then "recovered".
 */
public record RabbitSettings(List<HostPort> hosts, String username, String password, String virtualHost,
                             int heartbeatSeconds, Tls tls, boolean automaticRecovery) {

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** TLS: trust store (null = JVM default trust), optional client key store (PKCS12 or JKS). */
    public record Tls(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword,
                      boolean verifyHostname) {
        @Override
        public String toString() {
            return "Tls[trustStore=" + (trustStore == null ? "JVM default" : trustStore)
                    + ", keyStore=" + (keyStore == null ? "none" : keyStore) + ", verifyHostname=" + verifyHostname + "]";
        }
    }

    public RabbitSettings {
        Objects.requireNonNull(hosts, "hosts");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        hosts = List.copyOf(hosts);
        virtualHost = virtualHost == null || virtualHost.isEmpty() ? "/" : virtualHost;
    }

    /** Settings without automatic recovery (the SPI default). */
    public RabbitSettings(List<HostPort> hosts, String username, String password, String virtualHost,
                          int heartbeatSeconds, Tls tls) {
        this(hosts, username, password, virtualHost, heartbeatSeconds, tls, false);
    }

    /** The same settings with automatic connection recovery on or off. */
    public RabbitSettings withAutomaticRecovery(boolean value) {
        return new RabbitSettings(hosts, username, password, virtualHost, heartbeatSeconds, tls, value);
    }

    /** The same settings with TLS (null for plain TCP). */
    public RabbitSettings withTls(Tls value) {
        return new RabbitSettings(hosts, username, password, virtualHost, heartbeatSeconds, value, automaticRecovery);
    }

    /** guest/guest on 127.0.0.1:5672, vhost "/", heartbeat 60 s, no TLS. */
    public static RabbitSettings localDefault() {
        return new RabbitSettings(List.of(new HostPort("127.0.0.1", 5672)), "guest", "guest", "/", 60, null);
    }

    @Override
    public String toString() {
        return "rabbit://" + (username == null ? "" : username + ":***@")
                + String.join(",", hosts.stream().map(HostPort::toString).toList())
                + "/" + ("/".equals(virtualHost) ? "" : virtualHost) + (tls != null ? " (tls)" : "");
    }
}
