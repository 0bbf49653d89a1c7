package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.engine.rpc.RpcServer;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --dialect auto} on the host's RabbitMQ 3.x with 14.0.3's (zed) shapes on a vhost of its own: read from the
 * management API on 15672, reply queues named by uuid and classic; without a reachable API the passive declares
 * give the same answer and the line says why they were used.
 */
@RequiresRabbit
class AutoDialectRabbitTest {
    /** The endpoint of the zed server. */
    public static final class Pinger {
        public String ping(RpcContext ctx) {
            return "pong";
        }
    }

    private static DialectResolver.Resolved auto(String url, URI management) {
        return new DialectResolver().resolve(new DialectResolver.Request(url, List.of(), null, null, "nova", Map.of(),
                List.of("compute"), management));
    }

    @Test
    void zedShapesAreReadFromTheManagementApiOrElseByPassiveDeclares() {
        URI api = URI.create("http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/");
        ManagementClient m = new ManagementClient(api, RabbitTestSupport.user(), RabbitTestSupport.password(),
                Duration.ofSeconds(10), null);
        String vhost = "osloscope-auto-" + UUID.randomUUID().toString().substring(0, 8);
        m.createVhost(vhost, RabbitTestSupport.user());
        String url = "rabbit://" + RabbitTestSupport.user() + ":" + RabbitTestSupport.password() + "@"
                + RabbitTestSupport.host() + ":" + RabbitTestSupport.port() + "/" + vhost;
        try (Transport zed = Transport.open(TransportUrl.parse(url), TransportOptions.defaults()
                .withControlExchange("nova"))) {
            RpcServer server = RpcServer.create(zed, Target.topic("compute").withServer("cmp1"), List.of(new Pinger()));
            server.start();
            assertEquals("\"pong\"", new RpcClient(zed, Target.topic("compute")).prepare().server("cmp1")
                    .timeout(Duration.ofSeconds(20)).call(Map.of(), "ping", Map.of()).toString());

            DialectResolver.Resolved r = auto(url, null);
            assertEquals(Dialect.ZED, r.dialect(), r.reason());
            assertTrue(r.reason().startsWith("dialect zed (auto from management API " + api + ": found exchange nova"
                    + " non-durable, queue compute classic non-durable"), r.reason());
            assertTrue(r.reason().matches(".*reply_[0-9a-f]{32} classic.*"), "the uuid reply queue: " + r.reason());

            URI nowhere = URI.create("http://" + RabbitTestSupport.host() + ":1/");
            DialectResolver.Resolved passive = auto(url, nowhere);
            assertEquals(Dialect.ZED, passive.dialect(), passive.reason());
            assertTrue(passive.reason().startsWith("dialect zed (auto from passive declares; management API not"
                    + " reachable at " + nowhere + ": found exchange nova non-durable"), passive.reason());
            server.stop();
        } finally {
            m.deleteVhost(vhost);
        }
    }
}
