package io.osloscope.engine.interop;

import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.rpc.dialect.DialectResolver;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RabbitTestSupport;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --dialect auto} on RabbitMQ 4.x against a vhost that real oslo.messaging (16.1 on 4.0.5) populated in
 * kolla-ansible 2025.1's dialect: read from the management API, found next to the AMQP port (15673 beside 5673), it
 * sees the queue-manager reply queue; an API of another broker is not trusted and passive declares decide; an empty
 * vhost gets the 4.x default.
 */
@RequiresRabbit4
@ExtendWith(ModernOslo.class)
class AutoDialectRabbit4Test {
    private static DialectResolver.Resolved auto(String url, URI management) {
        return new DialectResolver().resolve(new DialectResolver.Request(url, List.of(), null, null, "nova", Map.of(),
                List.of("compute"), management));
    }

    @Test
    void aVhostOfRealOslo16InKolla2025IsReadFromTheManagementApi() {
        try (RealKollaVhost cloud = RealKollaVhost.start()) {
            DialectResolver.Resolved r = auto(cloud.transportUrl(), null);
            assertEquals(Dialect.KOLLA_2025_1, r.dialect(), r.reason());
            assertTrue(r.reason().startsWith("dialect kolla-2025.1 (auto from management API http://"
                    + Rabbit4TestSupport.host() + ":" + Rabbit4TestSupport.managementPort() + "/: "), r.reason());
            assertTrue(r.reason().contains("reply_vm:py-client:1 quorum"), "the queue manager's reply queue: "
                    + r.reason());
            assertTrue(r.reason().contains("stream compute_fanout"), r.reason());
            assertTrue(r.options().useQueueManager(), "kolla-2025.1 runs the queue manager");

            // the host's 3.10 management API does not answer for this broker: passive declares decide
            URI other = URI.create("http://" + RabbitTestSupport.host() + ":" + RabbitTestSupport.managementPort() + "/");
            DialectResolver.Resolved passive = auto(cloud.transportUrl(), other);
            assertEquals(Dialect.KOLLA_2025_1, passive.dialect(), passive.reason());
            assertTrue(passive.reason().startsWith("dialect kolla-2025.1 (auto from passive declares; management API "
                    + other + " is another broker's (RabbitMQ 3."), passive.reason());
            assertTrue(passive.reason().contains("stream compute_fanout"), passive.reason());
        }
    }

    @Test
    void anEmptyVhostGetsTheDefaultOfRabbitMq4AndSaysItLookedThroughTheApi() {
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            DialectResolver.Resolved r = auto(vhost.transportUrl(null), null);
            assertEquals(Dialect.KOLLA_2025_1, r.dialect(), r.reason());
            assertTrue(r.reason().contains("auto from management API") && r.reason().contains("nothing of exchange nova"),
                    r.reason());
        }
    }
}
