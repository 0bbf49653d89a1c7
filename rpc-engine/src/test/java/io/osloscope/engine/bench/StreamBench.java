package io.osloscope.engine.bench;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.Delivery;
import io.osloscope.engine.broker.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Stream append throughput with three concurrent readers: one publisher appends 1 KB messages to a stream queue,
 * three consumers (own connections, {@code x-stream-offset: first}, prefetch 1,000, one multiple ack per 100
 * deliveries) read every message; a subscriber drains every observation event. The publisher keeps at most
 * {@code WINDOW} messages ahead of the slowest reader, so retention never overtakes one. The rate is messages
 * appended per second until every reader has read the last one. RabbitMQ 4.x (.ci/rabbit4, port 5673) runs the
 * same cell in the same run when it answers.
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.osloscope.engine.bench.StreamBench [-Dexec.args="2000000 100000"]
 * </pre>
 * Arguments: messages per in-memory run (default 2,000,000, best of {@code -Dbench.repeat=3}), per RabbitMQ run
 * (default 100,000; 0 skips it). {@code -Dbench.eventsOff=true} adds an in-memory run without any subscriber.
 */
public final class StreamBench {
    private static final int SIZE = 1024;
    private static final int READERS = 3;
    private static final int PREFETCH = 1000;
    private static final int ACK_EVERY = 100;
    private static final long WINDOW = 50_000;

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        long memoryMessages = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long rabbitMessages = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        System.out.printf(Locale.ROOT, "StreamBench: %d-byte messages, %d readers, %d cores, events drained%n", SIZE,
                READERS, Runtime.getRuntime().availableProcessors());
        Supplier<Broker> memory = () -> new InMemoryBroker(new EventHub());
        run("memory (warm-up)", memory, memoryMessages / 4);
        double best = 0;
        for (int i = 0, n = Integer.getInteger("bench.repeat", 3); i < n; i++) {
            best = Math.max(best, run("memory", memory, memoryMessages));
        }
        System.out.printf(Locale.ROOT, "memory             best: %,.0f msg/s appended%n", best);
        if (Boolean.getBoolean("bench.eventsOff")) {
            run("memory, no events", memory, memoryMessages, false);
        }
        if (rabbitMessages == 0) {
            System.out.println("rabbitmq 4.x: skipped (0 messages asked)");
        } else if (Rabbit4TestSupport.reachable()) {
            run("rabbitmq " + Rabbit4TestSupport.version(),
                    () -> new RabbitBroker(Rabbit4TestSupport.settings(), new EventHub()), rabbitMessages);
        } else {
            System.out.println("rabbitmq 4.x: not reachable on port " + Rabbit4TestSupport.port() + ", skipped");
        }
    }

    /** One run; returns messages appended per second. */
    private static double run(String label, Supplier<Broker> factory, long messages) throws Exception {
        return run(label, factory, messages, true);
    }

    private static double run(String label, Supplier<Broker> factory, long messages, boolean events) throws Exception {
        try (Broker broker = factory.get()) {
            EventSubscription sub = broker.events().subscribe(events ? EventFilter.ALL : e -> false, 1 << 18);
            if (!events) {
                sub.close();
            }
            AtomicBoolean draining = new AtomicBoolean(true);
            LongAdder drained = new LongAdder();
            Thread drainer = new Thread(() -> {
                List<EngineEvent> batch = new ArrayList<>(8192);
                while (draining.get()) {
                    int n = sub.drainTo(batch, 8192);
                    drained.add(n);
                    batch.clear();
                    if (n == 0) {
                        LockSupport.parkNanos(200_000);
                    }
                }
            }, "bench-event-drainer");
            drainer.setDaemon(true);
            drainer.start();

            String stream = "bench-stream-" + UUID.randomUUID();
            BrokerConnection admin = broker.connect(ConnectionOptions.named("bench-admin"));
            admin.declareQueue(new QueueSpec(stream, true, false, false, Map.of("x-queue-type", "stream")));
            AtomicLong[] read = new AtomicLong[READERS];
            CountDownLatch done = new CountDownLatch(READERS);
            List<BrokerConnection> conns = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                AtomicLong count = new AtomicLong();
                read[r] = count;
                BrokerConnection rc = broker.connect(ConnectionOptions.named("bench-reader-" + r));
                conns.add(rc);
                rc.consume(stream, new ConsumeOptions(null, false, PREFETCH, false, Map.of("x-stream-offset", "first")),
                        (Delivery d) -> {
                            long n = count.incrementAndGet();
                            if (n % ACK_EVERY == 0 || n == messages) {
                                d.ackMultiple();
                            }
                            if (n == messages) {
                                done.countDown();
                            }
                        });
            }
            BrokerConnection pc = broker.connect(ConnectionOptions.named("bench-publisher"));
            conns.add(pc);
            byte[] body = new byte[SIZE];
            MessageProperties props = MessageProperties.EMPTY.withContentType("application/json");
            long start = System.nanoTime();
            for (long i = 0; i < messages; i++) {
                while (i - slowest(read) > WINDOW) {
                    LockSupport.parkNanos(50_000);
                }
                pc.publish("", stream, false, props, body);
            }
            done.await();
            long elapsed = System.nanoTime() - start;
            draining.set(false);
            drainer.join();
            double seconds = elapsed / 1e9;
            System.out.printf(Locale.ROOT, "%-18s messages=%,d  %,.0f msg/s appended, %,.0f reads/s  (%.2f s; events"
                            + " drained %,d, dropped %,d)%n", label, messages, messages / seconds,
                    READERS * messages / seconds, seconds, drained.sum(), sub.dropped());
            sub.close();
            for (BrokerConnection c : conns) {
                c.close();
            }
            admin.deleteQueue(stream, false, false);
            admin.close();
            return messages / seconds;
        }
    }

    private static long slowest(AtomicLong[] read) {
        long min = Long.MAX_VALUE;
        for (AtomicLong r : read) {
            min = Math.min(min, r.get());
        }
        return min;
    }
}
