package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.TransportConnectionException;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Missing permissions, with a throw-away user made through the management API (and removed
 * afterwards): no access to the vhost fails the connect, no configure right fails the declare
 * with 403, and both say so in one line.
 */
@RequiresRabbit
class RabbitBrokerPermissionsTest {
    private final String user = "osloscope-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private boolean created;

    private int management(String method, String path, String json) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString(
                (RabbitTestSupport.user() + ":" + RabbitTestSupport.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + RabbitTestSupport.host() + ":"
                        + RabbitTestSupport.managementPort() + "/api" + path))
                .header("Authorization", "Basic " + auth).header("content-type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @BeforeEach
    void createUser() throws Exception {
        int status;
        try {
            status = management("PUT", "/users/" + user, "{\"password\":\"" + password + "\",\"tags\":\"\"}");
        } catch (IOException e) {
            status = -1;
        }
        assumeTrue(status / 100 == 2, "the RabbitMQ management API is needed to make a throw-away user");
        created = true;
    }

    @AfterEach
    void deleteUser() throws Exception {
        if (created) {
            management("DELETE", "/users/" + user, null);
        }
    }

    private RabbitSettings settings() {
        return new RabbitSettings(List.of(new RabbitSettings.HostPort(RabbitTestSupport.host(), RabbitTestSupport.port())),
                user, password, "/", 10, null);
    }

    @Test
    void aUserWithoutAccessToTheVhostIsToldSoOnConnect() {
        try (RabbitBroker broker = new RabbitBroker(settings(), new EventHub())) {
            TransportConnectionException e = assertThrows(TransportConnectionException.class,
                    () -> broker.connect(ConnectionOptions.named(user)));
            assertTrue(e.getMessage().startsWith("vhost '/' not found or access denied for user '" + user + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aUserWithoutConfigureRightsGets403NamingTheExchange() throws Exception {
        assertEquals(2, management("PUT", "/permissions/%2F/" + URLEncoder.encode(user, StandardCharsets.UTF_8),
                "{\"configure\":\"^$\",\"write\":\"^$\",\"read\":\".*\"}") / 100);
        String exchange = "osloscope-test-forbidden-" + UUID.randomUUID();
        try (RabbitBroker broker = new RabbitBroker(settings(), new EventHub());
             BrokerConnection c = broker.connect(ConnectionOptions.named(user))) {
            AmqpException e = assertThrows(AmqpException.class,
                    () -> c.declareExchange(ExchangeSpec.of(exchange, ExchangeType.TOPIC)));
            assertEquals(403, e.replyCode());
            assertTrue(e.replyText().contains("access to exchange '" + exchange + "'")
                    && e.replyText().contains("refused for user '" + user + "'"), e.replyText());
            assertTrue(c.isOpen(), "a refused operation leaves the connection usable");
        }
    }
}
