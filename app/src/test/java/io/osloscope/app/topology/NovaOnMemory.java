package io.osloscope.app.topology;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventSubscription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A nova-shaped topology declared on a real {@link InMemoryBroker} through its connections, as
 * oslo servers declare it (T, T.S, T_fanout_&lt;hex&gt;; reply_&lt;hex&gt;), with auto-acking
 * consumers, and a boot flow published through it. Used by view tests and previews.
 */
public final class NovaOnMemory implements AutoCloseable {
    public final Broker broker = new InMemoryBroker();
    public final EventSubscription events = broker.events().subscribe(EventFilter.ALL, 500_000);
    private final Map<String, BrokerConnection> conns = new HashMap<>();
    public final String conductorReply = "reply_" + hex();
    public final String apiReply = "reply_" + hex();
    private final List<BrokerConnection> all = new ArrayList<>();

    public NovaOnMemory(int computes) {
        BrokerConnection setup = conn("nova-api", "send");
        setup.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
        server("nova-conductor", "conductor", "ctl1");
        server("nova-scheduler", "scheduler", "ctl1");
        for (int i = 1; i <= computes; i++) {
            server("nova-compute", "compute", "host" + i);
        }
        replyQueue("nova-api", apiReply);
        replyQueue("nova-conductor", conductorReply);
    }

    private BrokerConnection conn(String program, String role) {
        return conns.computeIfAbsent(program + "/" + role, k -> {
            BrokerConnection c = broker.connect(ConnectionOptions.named(program + ":" + (1000 + conns.size()) + ":" + hex()));
            all.add(c);
            return c;
        });
    }

    private void server(String binary, String topic, String host) {
        BrokerConnection c = conn(binary, "listen-" + host);
        c.declareExchange(ExchangeSpec.of("nova", ExchangeType.TOPIC));
        c.declareExchange(ExchangeSpec.of(topic + "_fanout", ExchangeType.FANOUT).withAutoDelete(true));
        String fanoutQ = topic + "_fanout_" + hex();
        for (String[] qb : List.of(new String[]{topic, "nova", topic}, new String[]{topic + "." + host, "nova", topic + "." + host},
                new String[]{fanoutQ, topic + "_fanout", topic})) {
            c.declareQueue(QueueSpec.named(qb[0]));
            c.bind(qb[0], qb[1], qb[2], Map.of());
            c.consume(qb[0], ConsumeOptions.autoAcking(), d -> { });
        }
    }

    private void replyQueue(String binary, String name) {
        BrokerConnection c = conn(binary, "reply");
        c.declareQueue(QueueSpec.named(name).withArguments(Map.of("x-expires", 1_800_000)));
        c.consume(name, ConsumeOptions.autoAcking(), d -> { });
    }

    /** api → conductor (cast) → scheduler (call) → reply → compute.hostN (cast). */
    public void bootFlow(String host, String requestId) {
        publish("nova-api", "nova", "conductor", FakeNova.cast("build_instances", requestId));
        publish("nova-conductor", "nova", "scheduler", FakeNova.call("select_destinations", requestId, conductorReply));
        publish("nova-scheduler", "", conductorReply, FakeNova.reply(false));
        publish("nova-conductor", "nova", "compute." + host, FakeNova.cast("build_and_run_instance", requestId));
    }

    public void fanout(String method) {
        publish("nova-conductor", "compute_fanout", "", FakeNova.cast(method, "req-fanout"));
    }

    public void publish(String program, String exchange, String key, String body) {
        conn(program, "send").publish(exchange, key, exchange.isEmpty(), MessageProperties.EMPTY
                .withContentType("application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything observed so far, oldest first. */
    public List<EngineEvent> drain() {
        List<EngineEvent> out = new ArrayList<>();
        events.drainTo(out, Integer.MAX_VALUE);
        return out;
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        events.close();
        broker.close();
    }
}
