package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How connecting to RabbitMQ succeeds and fails: every failure is one line a user can act on. */
@RequiresRabbit
class RabbitBrokerConnectTest {
    private final EventHub hub = new EventHub();

    private static RabbitSettings.HostPort real() {
        return new RabbitSettings.HostPort(RabbitTestSupport.host(), RabbitTestSupport.port());
    }

    private static RabbitSettings with(List<RabbitSettings.HostPort> hosts, String user, String password, String vhost) {
        return new RabbitSettings(hosts, user, password, vhost, 10, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static TransportConnectionException failToConnect(RabbitSettings settings) {
        try (RabbitBroker broker = new RabbitBroker(settings, new EventHub())) {
            return assertThrows(TransportConnectionException.class,
                    () -> broker.connect(ConnectionOptions.named("osloscope-test-connect")));
        }
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), "not one line: " + message);
    }

    @Test
    void aClosedPortIsReportedAsConnectionRefusedByThatHostAndPort() throws IOException {
        int port = closedPort();
        TransportConnectionException e = failToConnect(with(
                List.of(new RabbitSettings.HostPort("127.0.0.1", port)), "guest", "guest", "/"));
        assertEquals("connection refused by 127.0.0.1:" + port, e.getMessage());
    }

    @Test
    void aWrongPasswordIsReportedAsAuthenticationFailureWithoutThePassword() {
        String password = "wrong-" + UUID.randomUUID();
        TransportConnectionException e = failToConnect(with(List.of(real()), RabbitTestSupport.user(), password, "/"));
        assertEquals("authentication failed for user '" + RabbitTestSupport.user() + "' at " + real()
                + " (ACCESS_REFUSED: wrong user name or password)", e.getMessage());
        assertFalse(e.getMessage().contains(password));
    }

    @Test
    void anUnknownVirtualHostIsNamedInTheError() {
        String vhost = "osloscope-no-such-vhost-" + UUID.randomUUID();
        TransportConnectionException e = failToConnect(with(List.of(real()), RabbitTestSupport.user(),
                RabbitTestSupport.password(), vhost));
        assertTrue(e.getMessage().startsWith("vhost '" + vhost + "' not found or access denied"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void tlsAgainstAPlainAmqpPortFailsWithATlsHandshakeReason() {
        RabbitSettings settings = RabbitTestSupport.settings()
                .withTls(new RabbitSettings.Tls(null, null, null, null, false));
        TransportConnectionException e = failToConnect(settings);
        assertTrue(e.getMessage().startsWith("TLS handshake with " + real() + " failed: "), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void anUnreadableTrustStoreIsReportedBeforeConnecting() {
        RabbitSettings settings = RabbitTestSupport.settings().withTls(new RabbitSettings.Tls(
                java.nio.file.Path.of("no-such-dir", "truststore.p12"), "changeit", null, null, true));
        TransportConnectionException e = failToConnect(settings);
        assertTrue(e.getMessage().startsWith("cannot read TLS trust store"), e.getMessage());
    }

    @Test
    void hostsAreTriedInOrderUntilOneAccepts() throws IOException {
        int port = closedPort();
        RabbitSettings settings = with(List.of(new RabbitSettings.HostPort("127.0.0.1", port), real()),
                RabbitTestSupport.user(), RabbitTestSupport.password(), "/");
        try (RabbitBroker broker = new RabbitBroker(settings, hub);
             BrokerConnection c = broker.connect(ConnectionOptions.named("osloscope-test-failover"))) {
            assertTrue(c.isOpen());
            assertEquals("osloscope-test-failover", c.name());
        }
    }

    @Test
    void describeNamesHostsAndVhostButNeverCredentials() {
        RabbitSettings settings = with(List.of(real()), "someone", "s3cret-pw", "nova");
        RabbitBroker broker = new RabbitBroker(settings, hub);
        assertEquals("rabbit://" + real() + "/nova", broker.describe());
        assertFalse(broker.observesRouting());
        assertFalse(settings.toString().contains("s3cret-pw"));
        assertFalse(settings.withTls(new RabbitSettings.Tls(null, "tpw", null, "kpw", true)).toString().contains("pw"));
    }

    @Test
    void openingAndClosingAConnectionAreObserved() {
        try (EventSubscription sub = hub.subscribe(EventFilter.ALL, 100);
             RabbitBroker broker = new RabbitBroker(RabbitTestSupport.settings(), hub)) {
            BrokerConnection c = broker.connect(ConnectionOptions.named("osloscope-test-events"));
            c.close();
            c.close();
            assertFalse(c.isOpen());
            List<EngineEvent> events = new ArrayList<>();
            sub.drainTo(events, 100);
            List<String> states = events.stream().filter(BrokerEvents.ConnectionChanged.class::isInstance)
                    .map(BrokerEvents.ConnectionChanged.class::cast)
                    .map(e -> e.connection() + " " + e.state()).toList();
            assertEquals(List.of("osloscope-test-events opened", "osloscope-test-events closed"), states);
        }
    }

    @Test
    void aClosedConnectionRefusesFurtherWorkWithAClearReason() {
        try (RabbitBroker broker = new RabbitBroker(RabbitTestSupport.settings(), hub)) {
            BrokerConnection c = broker.connect(ConnectionOptions.named("osloscope-test-closed"));
            c.close();
            TransportConnectionException e = assertThrows(TransportConnectionException.class,
                    () -> c.declareQueuePassive("anything"));
            assertEquals("connection 'osloscope-test-closed' is closed", e.getMessage());
        }
    }
}
