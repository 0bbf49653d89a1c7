package io.osloscope.engine.broker.rabbit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to reach a RabbitMQ: one or more hosts (tried in order on connect and reconnect), credentials,
 * virtual host, heartbeat, and optional TLS. {@link #toString()} never shows the password.
 */
public record RabbitSettings(List<HostPort> hosts, String username, String password, String virtualHost,
                             int heartbeatSeconds, Tls tls) {

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** TLS: trust store (null = JVM default trust), optional client key store (PKCS12 or JKS). */
    public record Tls(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword,
                      boolean verifyHostname) {
    }

    public RabbitSettings {
        Objects.requireNonNull(hosts, "hosts");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host is needed");
        }
        hosts = List.copyOf(hosts);
        virtualHost = virtualHost == null || virtualHost.isEmpty() ? "/" : virtualHost;
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
