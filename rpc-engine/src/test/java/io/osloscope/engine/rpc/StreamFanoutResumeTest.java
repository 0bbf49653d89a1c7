package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ForwardingBroker;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.memory.MemoryOperator;
import io.osloscope.engine.rpc.dialect.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server of the stream-fanout dialects whose connection the broker closes (an operator, a network cut) re-opens
 * its {@code <topic>_fanout} stream consumer after the last offset it was given, as oslo does: the fanouts cast
 * while it was away arrive, once each, instead of only the newest one ({@code "last"}).
 */
class StreamFanoutResumeTest {
    /** The server's endpoint: notes every fanout's number. */
    public static final class Fan {
        final List<Integer> got = new CopyOnWriteArrayList<>();

        public void fan(RpcContext ctx, int n) {
            got.add(n);
        }
    }

    static TransportOptions kolla(String processname) {
        return Dialect.KOLLA_2025_1.applyTo(TransportOptions.defaults().withControlExchange("nova"))
                .with("hostname", "vm").with("processname", processname);
    }

    static void await(List<Integer> got, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (got.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // a repeat would come now
    }

    @Test
    void aServerWhoseConnectionWasClosedGetsTheFanoutsItMissedOnceEach() throws Exception {
        InMemoryBroker broker = new InMemoryBroker();
        List<String> serverConnections = new CopyOnWriteArrayList<>();
        ForwardingBroker recording = new ForwardingBroker(broker) {
            @Override
            public BrokerConnection connect(ConnectionOptions options) {
                serverConnections.add(options.name());
                return super.connect(options);
            }

            @Override
            public void close() {
            }
        };
        Fan fan = new Fan();
        try (Transport servers = Transport.of(recording, kolla("resume-server"));
             Transport client = Transport.of(broker, kolla("resume-client"))) {
            RpcServer server = RpcServer.create(servers, Target.topic("compute").withServer("cmp1"), List.of(fan));
            server.start();
            RpcClient rpc = new RpcClient(client, Target.topic("compute"));
            rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 1));
            await(fan.got, 1);
            assertEquals(List.of(1), fan.got);

            int closed = 0;
            for (String name : serverConnections) {
                closed += MemoryOperator.closeConnection(broker, name, "Closed via management plugin");
            }
            assertEquals(true, closed > 0, "the server's connections: " + serverConnections);
            rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 2)); // the server is away: it recovers after 1 s
            rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 3));
            await(fan.got, 3);
            assertEquals(List.of(1, 2, 3), fan.got, "from offset + 1: nothing lost, nothing twice");

            rpc.prepare().fanout(true).cast(Map.of(), "fan", Map.of("n", 4));
            await(fan.got, 4);
            assertEquals(List.of(1, 2, 3, 4), fan.got);
            server.stop();
        } finally {
            broker.close();
        }
    }
}
