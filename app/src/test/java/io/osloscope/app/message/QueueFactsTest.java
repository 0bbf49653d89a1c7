package io.osloscope.app.message;

import io.osloscope.app.traffic.TrafficAssembler;
import io.osloscope.app.traffic.TrafficRow;
import io.osloscope.app.traffic.Wire;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.TopologySource;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector's routing card says what a quorum queue or a stream did with the message: the queue's type and
 * delivery limit, how often the message was returned and redelivered; for a stream the offset it was appended at and
 * read from. Events from the real in-memory broker (RabbitMQ 4.0 rules), as the window's simulation produces them.
 */
class QueueFactsTest {
    private static List<String> facts(InMemoryBroker broker, List<EngineEvent> events, String routingKey) {
        TrafficAssembler assembler = new TrafficAssembler();
        TrafficRow row = assembler.assemble(events).rows().stream().filter(r -> r.routingKey().equals(routingKey))
                .findFirst().orElseThrow();
        return MessageDetails.of(row, List.of(), MessageDetails.QueueDescriber.fromTopology(
                broker.capability(TopologySource.class).orElseThrow())).routing().queueFacts();
    }

    private static List<EngineEvent> drain(EventSubscription sub, int atLeast) throws InterruptedException {
        List<EngineEvent> out = new ArrayList<>();
        for (int i = 0; i < 200 && out.size() < atLeast; i++) {
            sub.drainTo(out, 10_000);
            Thread.sleep(10);
        }
        Thread.sleep(100);
        sub.drainTo(out, 10_000);
        return out;
    }

    @Test
    void aQuorumQueueShowsItsLimitAndTheMessagesReturnsAStreamItsOffsets() throws Exception {
        InMemoryBroker broker = new InMemoryBroker();
        try (EventSubscription sub = broker.events().subscribe(EventFilter.ALL, 10_000);
             BrokerConnection c = broker.connect(ConnectionOptions.named("test"))) {
            c.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC).withDurable(true));
            c.declareQueue(QueueSpec.named("compute").withDurable(true).withArguments(Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 5)));
            c.bind("compute", "nova", "compute", Map.of());
            c.declareExchange(ExchangeSpec.of("compute_fanout", ExchangeType.FANOUT).withDurable(true));
            c.declareQueue(QueueSpec.named("compute_fanout").withDurable(true).withArguments(Map.of("x-queue-type",
                    "stream", "x-max-age", "1800s")));
            c.bind("compute_fanout", "compute_fanout", "", Map.of());

            List<Delivery> got = new CopyOnWriteArrayList<>();
            c.consume("compute", new ConsumeOptions("q", false, 1, false, Map.of()), d -> {
                got.add(d);
                if (got.size() == 1) {
                    d.nack(true); // returned once: delivery count 1
                } else {
                    d.ack();
                }
            });
            c.publish("nova", "compute", false, Wire.OSLO, Wire.body("cast-request"));
            c.publish("compute_fanout", "compute-fan", false, Wire.OSLO, Wire.body("fanout-request"));
            c.consume("compute_fanout", new ConsumeOptions("s", false, 10, false, Map.of("x-stream-offset", "first")),
                    Delivery::ack);
            List<EngineEvent> events = drain(sub, 12);

            List<String> quorum = facts(broker, events, "compute");
            assertEquals(1, quorum.size(), quorum.toString());
            String q = quorum.get(0);
            assertTrue(q.startsWith("queue compute: now quorum · delivery limit 5"), q);
            assertTrue(q.contains("delivery count 1 of limit 5") && q.contains("1 redelivery"), q);

            List<String> stream = facts(broker, events, "compute-fan");
            assertEquals(1, stream.size(), stream.toString());
            String s = stream.get(0);
            assertTrue(s.startsWith("queue compute_fanout: now stream · retention max-age 1800s"), s);
            assertTrue(s.contains("appended at offset 0") && s.contains("read at offset 0 (tag s)"), s);
        } finally {
            broker.close();
        }
    }
}
