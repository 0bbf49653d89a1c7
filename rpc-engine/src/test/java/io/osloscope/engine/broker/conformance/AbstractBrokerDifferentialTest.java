package io.osloscope.engine.broker.conformance;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EventHub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded randomized differential test: random topologies (exchanges of every type, bindings with
 * wildcard patterns, empty words and header arguments) and random publishes, run on the in-memory
 * broker and on RabbitMQ; which queue received which message, in which order, must be the same.
 * A divergence fails with the seed and the topology. Batches of topologies run in parallel, each on its own connections. Re-run one seed with
 * {@code -Dosloscope.diff.seed=N}; change the amount with {@code -Dosloscope.diff.topologies=N}.
 * Subclasses name the RabbitMQ, the release the in-memory broker follows to mirror it, and whether quorum queues
 * are among the random queues.
 */
abstract class AbstractBrokerDifferentialTest {
    private static final int BATCH = 10;
    private static final int PARALLEL = 6;
    private static final String[] WORDS = {"a", "b", "c", ""};
    private static final String[] PATTERN_WORDS = {"a", "b", "c", "", "*", "#"};
    private static final String[] SPECIAL = {"#", "#.#", "a.#.b", "*", "*.*", "", "a..b", "#.a", "a.*.#"};
    private static final Object[] HEADER_VALUES = {"x", "y", 1, 2};
    private static final String[] HEADER_KEYS = {"h1", "h2", "h3"};

    record BindingDef(int exchange, int queue, String key, Map<String, Object> args) {
    }

    record PublishDef(int exchange, String key, Map<String, Object> headers, String id) {
    }

    /** The RabbitMQ the in-memory broker is compared with. */
    protected abstract RabbitSettings rabbit();

    /** The release the in-memory broker follows: the one {@link #rabbit()} runs. */
    protected abstract RabbitVersion version();

    /**
     * Whether some random queues are quorum queues (durable, {@code x-queue-type: quorum}) and some streams (read by a
     * consumer of their own from offset {@code first}, with a prefetch and acks, as stream consumers must).
     */
    protected abstract boolean withModernQueues();

    /**
     * One random topology: exchange i is named prefix-x{i} (-1 = the default exchange), queue j prefix-q{j}, quorum
     * when {@code quorum} has j, a stream when {@code streams} has j.
     */
    record Topology(int index, List<ExchangeType> exchanges, int queues, List<Integer> quorum, List<Integer> streams,
                    List<BindingDef> bindings, List<PublishDef> publishes) {
        String describe(String prefix) {
            StringBuilder b = new StringBuilder("topology #" + index + ":\n");
            for (int i = 0; i < exchanges.size(); i++) {
                b.append("  exchange x").append(i).append(' ').append(exchanges.get(i).amqpName()).append('\n');
            }
            for (int q : quorum) {
                b.append("  queue q").append(q).append(" quorum\n");
            }
            for (int q : streams) {
                b.append("  queue q").append(q).append(" stream\n");
            }
            for (BindingDef d : bindings) {
                b.append("  bind q").append(d.queue).append(" to x").append(d.exchange).append(" key '").append(d.key)
                        .append("'").append(d.args.isEmpty() ? "" : " args " + d.args).append('\n');
            }
            for (PublishDef p : publishes) {
                b.append("  publish ").append(p.id).append(" to ").append(p.exchange < 0 ? "default" : "x" + p.exchange)
                        .append(" key '").append(p.key.replace(prefix, "")).append("'")
                        .append(p.headers == null ? "" : " headers " + p.headers).append('\n');
            }
            return b.toString();
        }
    }

    @Test
    void randomTopologiesRouteIdenticallyOnMemoryAndRabbitMQ() {
        long seed = Long.getLong("osloscope.diff.seed", new Random().nextLong());
        int count = Integer.getInteger("osloscope.diff.topologies", 500);
        String name = getClass().getSimpleName();
        System.out.println(name + " seed=" + seed + " topologies=" + count
                + " (re-run with -Dosloscope.diff.seed=" + seed + ")");
        Random random = new Random(seed);
        String run = "diff-" + UUID.randomUUID().toString().substring(0, 8);
        List<Topology> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(generate(i, random, run + "-" + i + "-", withModernQueues()));
        }
        AtomicLong messages = new AtomicLong();
        AtomicLong memoryNanos = new AtomicLong();
        AtomicLong rabbitNanos = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try (Broker memory = new InMemoryBroker(version());
             Broker rabbit = new RabbitBroker(rabbit(), new EventHub())) {
            List<Future<?>> results = new ArrayList<>();
            for (int from = 0; from < all.size(); from += BATCH) {
                List<Topology> batch = all.subList(from, Math.min(all.size(), from + BATCH));
                results.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Map<String, List<String>> expected = runBatch(memory, batch, run, -1);
                    int total = expected.values().stream().mapToInt(List::size).sum();
                    long t1 = System.nanoTime();
                    Map<String, List<String>> actual = runBatch(rabbit, batch, run, total);
                    memoryNanos.addAndGet(t1 - t0);
                    rabbitNanos.addAndGet(System.nanoTime() - t1);
                    messages.addAndGet(total);
                    for (Topology t : batch) {
                        compare(seed, run, t, expected, actual);
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(name + ": " + count + " topologies, " + messages
                + " deliveries, no divergence (seed " + seed + "); busy time memory " + memoryNanos.get() / 1_000_000
                + " ms, RabbitMQ " + rabbitNanos.get() / 1_000_000 + " ms");
    }

    private static void compare(long seed, String run, Topology t, Map<String, List<String>> memory,
                                Map<String, List<String>> rabbit) {
        String prefix = run + "-" + t.index + "-";
        Map<String, List<String>> m = new TreeMap<>();
        Map<String, List<String>> r = new TreeMap<>();
        for (int q = 0; q < t.queues; q++) {
            String name = prefix + "q" + q;
            m.put("q" + q, memory.getOrDefault(name, List.of()));
            r.put("q" + q, rabbit.getOrDefault(name, List.of()));
        }
        if (!m.equals(r)) {
            fail("memory and RabbitMQ diverge (seed " + seed + ")\n" + t.describe(prefix)
                    + "  memory:   " + m + "\n  RabbitMQ: " + r);
        }
    }

    private static Topology generate(int index, Random r, String prefix, boolean modernQueues) {
        List<ExchangeType> exchanges = new ArrayList<>();
        int nx = 1 + r.nextInt(3);
        for (int i = 0; i < nx; i++) {
            exchanges.add(ExchangeType.values()[r.nextInt(4)]);
        }
        int nq = 1 + r.nextInt(4);
        List<Integer> quorum = new ArrayList<>();
        List<Integer> streams = new ArrayList<>();
        for (int q = 0; modernQueues && q < nq; q++) {
            int kind = r.nextInt(6);
            if (kind < 2) {
                quorum.add(q);
            } else if (kind == 2) {
                streams.add(q);
            }
        }
        List<BindingDef> bindings = new ArrayList<>();
        int nb = r.nextInt(7);
        for (int i = 0; i < nb; i++) {
            int x = r.nextInt(nx);
            ExchangeType type = exchanges.get(x);
            String key = switch (type) {
                case TOPIC -> r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : key(r, PATTERN_WORDS, 4);
                case DIRECT -> key(r, WORDS, 3);
                default -> r.nextBoolean() ? "" : key(r, WORDS, 2);
            };
            Map<String, Object> args = type == ExchangeType.HEADERS ? bindingHeaders(r) : Map.of();
            bindings.add(new BindingDef(x, r.nextInt(nq), key, args));
        }
        List<PublishDef> publishes = new ArrayList<>();
        int np = 5 + r.nextInt(16);
        for (int i = 0; i < np; i++) {
            int x = r.nextInt(nx + 1) - 1;
            String key = x < 0 ? (r.nextInt(4) == 0 ? "nobody" : prefix + "q" + r.nextInt(nq)) : key(r, WORDS, 4);
            Map<String, Object> headers = r.nextInt(5) == 0 ? null : messageHeaders(r);
            publishes.add(new PublishDef(x, key, headers, "t" + index + "m" + i));
        }
        return new Topology(index, exchanges, nq, List.copyOf(quorum), List.copyOf(streams), bindings, publishes);
    }

    private static String key(Random r, String[] words, int maxWords) {
        int n = r.nextInt(maxWords + 1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = words[r.nextInt(words.length)];
            parts.add(w.isEmpty() && r.nextInt(3) != 0 ? "a" : w);
        }
        return String.join(".", parts);
    }

    private static Map<String, Object> bindingHeaders(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        int kind = r.nextInt(5);
        if (kind > 0) {
            m.put("x-match", new String[]{"all", "any", "all-with-x", "any-with-x"}[kind - 1]);
        }
        if (r.nextInt(4) == 0) {
            m.put("x-extra", "x");
        }
        for (String k : HEADER_KEYS) {
            if (r.nextInt(3) == 0) {
                m.put(k, HEADER_VALUES[r.nextInt(HEADER_VALUES.length)]);
            }
        }
        return m;
    }

    private static Map<String, Object> messageHeaders(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : HEADER_KEYS) {
            if (r.nextInt(2) == 0) {
                m.put(k, HEADER_VALUES[r.nextInt(HEADER_VALUES.length)]);
            }
        }
        if (r.nextInt(4) == 0) {
            m.put("x-extra", "x");
        }
        return m;
    }

    /**
     * Declares the batch, consumes every queue, publishes, collects until {@code expectedTotal}
     * deliveries arrived (or, when unknown, until quiet), then deletes everything it declared.
     */
    private static Map<String, List<String>> runBatch(Broker broker, List<Topology> batch, String run,
                                                      int expectedTotal) {
        Map<String, List<String>> got = new ConcurrentHashMap<>();
        AtomicInteger received = new AtomicInteger();
        List<String> queues = new ArrayList<>();
        List<String> exchanges = new ArrayList<>();
        try (BrokerConnection c = broker.connect(ConnectionOptions.named(run))) {
            try {
                for (Topology t : batch) {
                    String prefix = run + "-" + t.index + "-";
                    for (int i = 0; i < t.exchanges.size(); i++) {
                        c.declareExchange(ExchangeSpec.of(prefix + "x" + i, t.exchanges.get(i)));
                        exchanges.add(prefix + "x" + i);
                    }
                    for (int q = 0; q < t.queues; q++) {
                        String name = prefix + "q" + q;
                        boolean stream = t.streams.contains(q);
                        c.declareQueue(t.quorum.contains(q) || stream ? QueueSpec.named(name).withDurable(true)
                                .withArguments(Map.of("x-queue-type", stream ? "stream" : "quorum"))
                                : QueueSpec.named(name));
                        queues.add(name);
                        List<String> sink = Collections.synchronizedList(new ArrayList<>());
                        got.put(name, sink);
                        ConsumeOptions how = stream ? new ConsumeOptions(null, false, 1000, false,
                                Map.of("x-stream-offset", "first")) : ConsumeOptions.autoAcking();
                        c.consume(name, how, d -> {
                            sink.add(new String(d.body(), StandardCharsets.UTF_8));
                            received.incrementAndGet();
                            d.ack();
                        });
                    }
                    for (BindingDef b : t.bindings) {
                        c.bind(prefix + "q" + b.queue, prefix + "x" + b.exchange, b.key, b.args);
                    }
                }
                for (Topology t : batch) {
                    String prefix = run + "-" + t.index + "-";
                    for (PublishDef p : t.publishes) {
                        MessageProperties props = MessageProperties.EMPTY.withHeaders(p.headers);
                        c.publish(p.exchange < 0 ? "" : prefix + "x" + p.exchange, p.key, false, props,
                                p.id.getBytes(StandardCharsets.UTF_8));
                    }
                }
                awaitDeliveries(received, expectedTotal);
            } finally {
                for (String q : queues) {
                    c.deleteQueue(q, false, false);
                }
                for (String x : exchanges) {
                    c.deleteExchange(x, false);
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        got.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private static void awaitDeliveries(AtomicInteger received, int expectedTotal) {
        long end = System.currentTimeMillis() + 10_000;
        int last = -1;
        while (System.currentTimeMillis() < end) {
            int now = received.get();
            if (expectedTotal >= 0 ? now >= expectedTotal : now == last) {
                break;
            }
            last = now;
            sleepQuietly(expectedTotal >= 0 ? 10 : 60);
        }
        sleepQuietly(expectedTotal >= 0 ? 100 : 0);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
