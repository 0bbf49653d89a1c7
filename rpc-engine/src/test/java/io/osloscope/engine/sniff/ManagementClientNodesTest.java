package io.osloscope.engine.sniff;

import com.sun.net.httpserver.HttpServer;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster's management listeners, as {@code api/overview} lists them, against two stub nodes: every node's URL is
 * found (a listener on every address is reached by the node's host name), and when the node behind the URL the
 * user gave stops answering, calls go to the other node.
 */
class ManagementClientNodesTest {
    private final List<HttpServer> servers = new ArrayList<>();

    private HttpServer node(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        servers.add(s);
        s.createContext("/api/vhosts/", ex -> answer(ex, "{\"name\":\"nova\",\"tracing\":false,\"served_by\":\"" + name
                + "\"}"));
        s.start();
        return s;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void findsEveryNodesListenerAndMovesToAnotherWhenItsOwnStops() throws IOException {
        HttpServer a = node("a");
        HttpServer b = node("b");
        int pa = a.getAddress().getPort();
        int pb = b.getAddress().getPort();
        String overview = "{\"listeners\":["
                + "{\"node\":\"rabbit@127.0.0.1\",\"protocol\":\"amqp\",\"ip_address\":\"::\",\"port\":5672},"
                + "{\"node\":\"rabbit@127.0.0.1\",\"protocol\":\"http\",\"ip_address\":\"::\",\"port\":" + pa + "},"
                + "{\"node\":\"rabbit-b@elsewhere\",\"protocol\":\"http\",\"ip_address\":\"127.0.0.1\",\"port\":" + pb
                + "}]}";
        a.createContext("/api/overview", ex -> answer(ex, overview));
        ManagementClient client = new ManagementClient(URI.create("http://localhost:" + pa + "/"), "ops", "pw",
                Duration.ofSeconds(5), null);

        List<URI> nodes = client.nodeUrls();

        assertEquals(List.of(URI.create("http://127.0.0.1:" + pa + "/"), URI.create("http://127.0.0.1:" + pb + "/")),
                nodes, "the AMQP listener is left out; a wildcard listener is reached by the node's host name");
        assertEquals("nova", client.vhost("nova").name());
        a.stop(0);
        assertEquals("nova", client.vhost("nova").name(), "answered by node b once node a stopped");
        assertTrue(client.baseUrl().toString().endsWith(":" + pb + "/"), client.baseUrl().toString());
    }

    @Test
    void aSingleNodeKeepsTheUrlTheUserGave() throws IOException {
        HttpServer a = node("a");
        int pa = a.getAddress().getPort();
        a.createContext("/api/overview", ex -> answer(ex, "{\"listeners\":[{\"node\":\"rabbit@host1\","
                + "\"protocol\":\"http\",\"ip_address\":\"::\",\"port\":15672}]}"));
        URI given = URI.create("http://localhost:" + pa + "/");
        ManagementClient client = new ManagementClient(given, "ops", "pw", Duration.ofSeconds(5), null);

        assertEquals(List.of(given), client.nodeUrls(), "behind a proxy the listener's own port may be unreachable");
    }
}
