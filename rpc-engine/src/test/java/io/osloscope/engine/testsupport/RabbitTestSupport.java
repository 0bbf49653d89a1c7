package io.osloscope.engine.testsupport;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * Where the tests find RabbitMQ: 127.0.0.1:5672 guest/guest unless OSLOSCOPE_RABBIT_HOST,
 * OSLOSCOPE_RABBIT_PORT, OSLOSCOPE_RABBIT_USER, OSLOSCOPE_RABBIT_PASSWORD or
 * OSLOSCOPE_RABBIT_MANAGEMENT_PORT say otherwise.
 */
public final class RabbitTestSupport {
    private static volatile RabbitVersion version;

    private RabbitTestSupport() {
    }

    /**
     * The release of the broker under test, from the {@code version} server property of a throwaway connection (the
     * host's management plugin may be off): {@code 3.10.8} is {@link RabbitVersion#V3_10}.
     */
    public static RabbitVersion version() {
        if (version == null) {
            com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
            f.setHost(host());
            f.setPort(port());
            f.setUsername(user());
            f.setPassword(password());
            try (com.rabbitmq.client.Connection c = f.newConnection("osloscope-test-version-probe")) {
                version = RabbitVersion.parse(String.valueOf(c.getServerProperties().get("version")));
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("cannot read RabbitMQ's version on " + host() + ":" + port(), e);
            }
        }
        return version;
    }

    public static String host() {
        return env("OSLOSCOPE_RABBIT_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(env("OSLOSCOPE_RABBIT_PORT", "5672"));
    }

    public static String user() {
        return env("OSLOSCOPE_RABBIT_USER", "guest");
    }

    public static String password() {
        return env("OSLOSCOPE_RABBIT_PASSWORD", "guest");
    }

    public static int managementPort() {
        return Integer.parseInt(env("OSLOSCOPE_RABBIT_MANAGEMENT_PORT", "15672"));
    }

    /** {@code rabbit://user:pass@host:port/} for tests that take a transport URL. */
    public static String transportUrl() {
        return "rabbit://" + user() + ":" + password() + "@" + host() + ":" + port() + "/";
    }

    public static RabbitSettings settings() {
        return new RabbitSettings(List.of(new RabbitSettings.HostPort(host(), port())), user(), password(), "/", 60,
                null);
    }

    /** True under CI ({@code CI=true}), where a missing broker is a failure, not a skip. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getenv("RABBITMQ_REQUIRED"));
    }

    public static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes what a test declared, on a connection of its own (the test's may be broken by then): the queues,
     * then the exchanges. Names that are gone already are fine.
     */
    public static void deleteAll(List<String> queues, List<String> exchanges) {
        try (RabbitBroker cleaner = new RabbitBroker(settings(), new EventHub());
             BrokerConnection c = cleaner.connect(ConnectionOptions.named("osloscope-test-cleanup"))) {
            queues.forEach(q -> c.deleteQueue(q, false, false));
            exchanges.forEach(x -> c.deleteExchange(x, false));
        }
    }

    public static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
