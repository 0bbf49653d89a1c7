package io.osloscope.engine.bench;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Publish→consume throughput of the broker SPI with 1 KB messages, 1 and 4 publishers, one
 * auto-ack consumer, observation events on (a subscriber drains them continuously), on the
 * in-memory broker and, when one answers, on RabbitMQ in the same run. Publishers keep at most
 * {@code WINDOW} messages in flight so neither broker's queue grows without bound.
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.osloscope.engine.bench.BrokerBench [-Dexec.args="1000000 200000"]
 * </pre>
 * Arguments: messages per in-memory run (default 1,000,000), per RabbitMQ run (default 50,000; 0 skips it).
 * Each in-memory configuration runs {@code -Dbench.repeat=3} times and the best is printed too (the
 * machine is shared). {@code -Dbench.eventsOff=true} adds in-memory runs without any subscriber, for comparison.
 */
public final class BrokerBench {
    private static final int SIZE = 1024;
    private static final long WINDOW = 20_000;

    private BrokerBench() {
    }

    public static void main(String[] args) throws Exception {
        long memoryMessages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long rabbitMessages = args.length > 1 ? Long.parseLong(args[1]) : 50_000;
        System.out.printf(Locale.ROOT, "BrokerBench: %d-byte messages, %d cores, events on%n", SIZE,
                Runtime.getRuntime().availableProcessors());
        Supplier<Broker> memory = () -> new InMemoryBroker(new EventHub());
        run("memory (warm-up)", memory, 1, memoryMessages / 4);
        int repeat = Integer.getInteger("bench.repeat", 3);
        for (int publishers : new int[]{1, 4}) {
            double best = 0;
            double bestComplete = 0;
            for (int i = 0; i < repeat; i++) {
                Result r = run("memory", memory, publishers, memoryMessages);
                best = Math.max(best, r.rate());
                if (r.droppedEvents() == 0) {
                    bestComplete = Math.max(bestComplete, r.rate());
                }
            }
            System.out.printf(Locale.ROOT, "memory             publishers=%d  best of %d: %,.0f msg/s; best with every event"
                    + " drained: %,.0f msg/s%n", publishers, repeat, best, bestComplete);
        }
        if (Boolean.getBoolean("bench.eventsOff")) {
            run("memory, no events", memory, 1, memoryMessages, false);
            run("memory, no events", memory, 4, memoryMessages, false);
        }
        if (rabbitMessages == 0) {
            System.out.println("rabbitmq: skipped (0 messages asked)");
        } else if (RabbitTestSupport.reachable()) {
            Supplier<Broker> rabbit = () -> new RabbitBroker(RabbitTestSupport.settings(), new EventHub());
            run("rabbitmq", rabbit, 1, rabbitMessages);
            run("rabbitmq", rabbit, 4, rabbitMessages);
        } else {
            System.out.println("rabbitmq: not reachable at " + RabbitTestSupport.host() + ":" + RabbitTestSupport.port()
                    + ", skipped");
        }
    }

    private record Result(double rate, long droppedEvents) {
    }

    private static Result run(String label, Supplier<Broker> factory, int publishers, long messages) throws Exception {
        return run(label, factory, publishers, messages, true);
    }

    /** One run; returns messages per second and how many events the subscription had to drop. */
    private static Result run(String label, Supplier<Broker> factory, int publishers, long messages, boolean events)
            throws Exception {
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

            String queue = "bench-" + UUID.randomUUID();
            BrokerConnection consumerConn = broker.connect(ConnectionOptions.named("bench-consumer"));
            consumerConn.declareQueue(QueueSpec.named(queue).withAutoDelete(true));
            AtomicLong consumed = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            consumerConn.consume(queue, ConsumeOptions.autoAcking(), d -> {
                if (consumed.incrementAndGet() == messages) {
                    done.countDown();
                }
            });
            byte[] body = new byte[SIZE];
            MessageProperties props = MessageProperties.EMPTY.withContentType("application/json");
            AtomicLong published = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<BrokerConnection> conns = new ArrayList<>();
            long perPublisher = messages / publishers;
            for (int p = 0; p < publishers; p++) {
                BrokerConnection pc = broker.connect(ConnectionOptions.named("bench-publisher-" + p));
                conns.add(pc);
                long count = p == publishers - 1 ? messages - perPublisher * (publishers - 1) : perPublisher;
                threads.add(new Thread(() -> {
                    for (long i = 0; i < count; i++) {
                        while (published.get() - consumed.get() > WINDOW) {
                            LockSupport.parkNanos(50_000);
                        }
                        pc.publish("", queue, false, props, body);
                        published.incrementAndGet();
                    }
                }, "bench-publisher-" + p));
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            done.await();
            long elapsed = System.nanoTime() - start;
            for (Thread t : threads) {
                t.join();
            }
            draining.set(false);
            drainer.join();
            double seconds = elapsed / 1e9;
            System.out.printf(Locale.ROOT, "%-18s publishers=%d messages=%,d  %,.0f msg/s  (%.2f s; events drained %,d, dropped %,d)%n",
                    label, publishers, messages, messages / seconds, seconds, drained.sum(), sub.dropped());
            long dropped = sub.dropped();
            sub.close();
            for (BrokerConnection c : conns) {
                c.close();
            }
            consumerConn.close();
            return new Result(messages / seconds, dropped);
        }
    }
}
