package io.osloscope.engine.rpc;

import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;
import io.osloscope.engine.testsupport.Rabbit4Vhost;
import io.osloscope.engine.testsupport.RequiresRabbit4;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link StreamFanoutResumeTest} on the real RabbitMQ 4.x: the server's connections are closed through the management
 * API (as an operator would), the fanouts cast meanwhile go into the {@code compute_fanout} stream, and the recovered
 * server reads them from the offset after the last one it had, once each.
 */
@RequiresRabbit4
class StreamFanoutResumeRabbit4Test {
    @Test
    void aServerWhoseConnectionWasClosedGetsTheFanoutsItMissedOnceEach() throws Exception {
        ManagementClient m = new ManagementClient(URI.create("http://" + Rabbit4TestSupport.host() + ":"
                + Rabbit4TestSupport.managementPort() + "/"), Rabbit4TestSupport.user(), Rabbit4TestSupport.password(),
                Duration.ofSeconds(10), null);
        StreamFanoutResumeTest.Fan fan = new StreamFanoutResumeTest.Fan();
        try (Rabbit4Vhost vhost = Rabbit4Vhost.create()) {
            TransportUrl url = TransportUrl.parse(vhost.transportUrl(null));
            try (Transport servers = Transport.open(url, StreamFanoutResumeTest.kolla("resume-server")
                    .withProgramName("resume-server"));
                 Transport client = Transport.open(url, StreamFanoutResumeTest.kolla("resume-client"))) {
                RpcServer server = RpcServer.create(servers, Target.topic("compute").withServer("cmp1"), List.of(fan));
                server.start();
                RpcClient rpc = new RpcClient(client, Target.topic("compute"));
                rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 1));
                StreamFanoutResumeTest.await(fan.got, 1);
                assertEquals(List.of(1), fan.got);

                List<ManagementSnapshot.Connection> mine = List.of();
                for (int i = 0; i < 200 && mine.isEmpty(); i++) { // the API lists a connection within a few seconds
                    mine = m.connections(vhost.name()).stream().filter(c -> c.connectionName() != null
                            && c.connectionName().startsWith("resume-server:")).toList();
                    Thread.sleep(100);
                }
                for (ManagementSnapshot.Connection c : mine) {
                    m.closeConnection(c.name(), "test: the server loses its connection");
                }
                rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 2)); // it recovers after 1 s
                rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 3));
                StreamFanoutResumeTest.await(fan.got, 3);
                assertEquals(List.of(1, 2, 3), fan.got, "from offset + 1 (closed " + mine.size() + " connections)");
                server.stop();
            }
        }
    }
}
