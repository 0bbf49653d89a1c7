package io.osloscope.engine.testsupport;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tests find RabbitMQ 4.x, the broker {@code .ci/rabbit4 start trixie} (or {@code sid}) runs from a
 * Debian chroot beside the host's 3.10: 127.0.0.1:5673, management on 15673, guest/guest, unless
 * OSLOSCOPE_RABBIT4_HOST, OSLOSCOPE_RABBIT4_PORT or OSLOSCOPE_RABBIT4_MANAGEMENT_PORT (default: port + 10000, as
 * {@code .ci/rabbit4} places it) say otherwise.
 * Which 4.x it is (4.0.5 on trixie, 4.3.6 on sid) is read from the management API, so a test asserts what
 * that version does.
 */
public final class Rabbit4TestSupport {
    private static volatile String version;
    private static volatile Boolean strict;

    private Rabbit4TestSupport() {
    }

    public static String host() {
        return RabbitTestSupport.env("OSLOSCOPE_RABBIT4_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(RabbitTestSupport.env("OSLOSCOPE_RABBIT4_PORT", "5673"));
    }

    public static int managementPort() {
        return Integer.parseInt(RabbitTestSupport.env("OSLOSCOPE_RABBIT4_MANAGEMENT_PORT", String.valueOf(port() + 10000)));
    }

    public static String user() {
        return "guest";
    }

    public static String password() {
        return "guest";
    }

    /** {@code rabbit://guest:guest@127.0.0.1:5673/} for tests that take a transport URL. */
    public static String transportUrl() {
        return "rabbit://" + user() + ":" + password() + "@" + host() + ":" + port() + "/";
    }

    public static RabbitSettings settings() {
        return new RabbitSettings(List.of(new RabbitSettings.HostPort(host(), port())), user(), password(), "/", 60,
                null);
    }

    public static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The broker's version as its management API reports it, e.g. {@code 4.0.5}. */
    public static String version() {
        if (version == null) {
            Matcher m = Pattern.compile("\"rabbitmq_version\"\\s*:\\s*\"([^\"]+)\"").matcher(management("/api/overview"));
            if (!m.find()) {
                throw new IllegalStateException("no rabbitmq_version in the management overview on " + managementPort());
            }
            version = m.group(1);
        }
        return version;
    }

    /**
     * True when the broker refuses non-durable, non-exclusive queues (upstream 4.3's rule, {@code .ci/rabbit4 start sid
     * --strict}): found out once by declaring such a queue on a throwaway connection, which a strict broker closes with 541.
     */
    public static boolean refusesTransientQueues() {
        if (strict == null) {
            String probe = "osloscope-strictness-probe-" + java.util.UUID.randomUUID();
            try (RabbitBroker b = new RabbitBroker(settings(), new EventHub());
                 BrokerConnection c = b.connect(ConnectionOptions.named("osloscope-test-probe"))) {
                c.declareQueue(io.osloscope.engine.broker.QueueSpec.named(probe).withAutoDelete(true));
                c.deleteQueue(probe, false, false);
                strict = false;
            } catch (RuntimeException e) {
                if (!(e instanceof io.osloscope.engine.error.AmqpException a && a.replyCode() == 541)
                        && !String.valueOf(e.getMessage()).contains("541")) {
                    throw e;
                }
                strict = true;
            }
        }
        return strict;
    }

    /** GET on the management API; the body, or throws with the status. */
    public static String management(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host() + ":" + managementPort() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user() + ":" + password()).getBytes(StandardCharsets.UTF_8)))
                    .GET().build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + path + " on RabbitMQ 4.x management: HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ 4.x management on " + managementPort() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes what a test declared, on a connection of its own; names that are gone already are fine. */
    public static void deleteAll(List<String> queues, List<String> exchanges) {
        try (RabbitBroker cleaner = new RabbitBroker(settings(), new EventHub());
             BrokerConnection c = cleaner.connect(ConnectionOptions.named("osloscope-test-cleanup"))) {
            queues.forEach(q -> c.deleteQueue(q, false, false));
            exchanges.forEach(x -> c.deleteExchange(x, false));
        }
    }
}
