package io.osloscope.engine.sniff;

import com.sun.net.httpserver.HttpServer;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.ManagementException.Reason;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Management API failures become one actionable line; checked against a stub HTTP server. */
class ManagementClientErrorsTest {
    private HttpServer server;

    private ManagementClient stub(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return new ManagementClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "ops", "pw",
                Duration.ofSeconds(5), null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void badCredentialsSayWhichUserWasRefused() throws IOException {
        ManagementException e = assertThrows(ManagementException.class,
                () -> stub(401, "{\"error\":\"not_authorized\",\"reason\":\"Login failed\"}").rabbitVersion());
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
        assertTrue(e.getMessage().contains("refused the credentials of user 'ops'"), e.getMessage());
    }

    @Test
    void aMissingTagIsExplained() throws IOException {
        ManagementException e = assertThrows(ManagementException.class,
                () -> stub(403, "{\"error\":\"not_authorised\",\"reason\":\"Not administrator user\"}").setTracing("/", true));
        assertEquals(Reason.FORBIDDEN, e.reason());
        assertTrue(e.getMessage().contains("'administrator'") && e.getMessage().contains("Not administrator user"),
                e.getMessage());
    }

    @Test
    void anUnknownVhostIsNotFound() throws IOException {
        ManagementException e = assertThrows(ManagementException.class,
                () -> stub(404, "{\"error\":\"Object Not Found\",\"reason\":\"Not Found\"}").queues("nova"));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("does the vhost exist"), e.getMessage());
    }

    @Test
    void somethingThatIsNotTheManagementPluginIsCalledOut() throws IOException {
        ManagementException e = assertThrows(ManagementException.class, () -> stub(200, "<html>hi</html>").exchanges("/"));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
    }

    @Test
    void aRefusedConnectionTellsHowToEnableThePlugin() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ManagementClient c = new ManagementClient(URI.create("http://127.0.0.1:" + port + "/"), "guest", "guest",
                Duration.ofSeconds(5), null);
        ManagementException e = assertThrows(ManagementException.class, c::rabbitVersion);
        assertEquals(Reason.UNREACHABLE, e.reason());
        assertEquals("management plugin not reachable at http://127.0.0.1:" + port
                + "/: enable it with rabbitmq-plugins enable rabbitmq_management", e.getMessage());
    }

    @Test
    void theManagementUrlDefaultsToPort15672OfTheBrokerHost() {
        assertEquals(URI.create("http://rabbit1:15672/"), ManagementClient.defaultUrl("rabbit1", false));
        assertEquals(URI.create("https://rabbit1:15671/"), ManagementClient.defaultUrl("rabbit1", true));
        assertEquals(URI.create("http://[::1]:15672/"), ManagementClient.defaultUrl("::1", false));
    }

    @Test
    void osloConnectionNamesMapToServiceAndPid() {
        assertArrayEquals(new String[]{"nova-compute", "1234"},
                ManagementSnapshot.parseOsloConnectionName("nova-compute:1234:7876eb5e-21cd-4ade-b149-3a9928918aaa"));
        assertNull(ManagementSnapshot.parseOsloConnectionName("127.0.0.1:5555 -> 127.0.0.1:5672"));
        assertNull(ManagementSnapshot.parseOsloConnectionName(null));
    }
}
