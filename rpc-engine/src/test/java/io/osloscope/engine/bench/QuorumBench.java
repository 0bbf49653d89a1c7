package io.osloscope.engine.bench;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.broker.memory.InMemoryBroker;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.testsupport.Rabbit4TestSupport;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Quorum-queue publish → consume throughput as oslo consumes (manual ack of every message, prefetch 10 as kolla
 * and OSA set {@code rabbit_qos_prefetch_count}), 1 KB messages, one publisher and one consumer, no event
 * subscriber: the in-memory broker following RabbitMQ 4.0 and, when it answers, RabbitMQ 4.x on 5673 in the same
 * run. Publishers keep at most {@code WINDOW} messages in flight.
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.osloscope.engine.bench.QuorumBench [-Dexec.args="1000000 50000"]
 * </pre>
 * Arguments: messages per in-memory run (default 1,000,000), per RabbitMQ run (default 50,000; 0 skips it).
 * The in-memory cell runs {@code -Dbench.repeat=3} times after a warm-up and the best is printed (shared machine).
 */
public final class QuorumBench {
    private static final int SIZE = 1024;
    private static final int PREFETCH = 10;
    private static final long WINDOW = 20_000;

    private QuorumBench() {
    }

    public static void main(String[] args) throws Exception {
        long memoryMessages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long rabbitMessages = args.length > 1 ? Long.parseLong(args[1]) : 50_000;
        System.out.printf(Locale.ROOT, "QuorumBench: quorum queue, %d-byte messages, manual ack, prefetch %d, %d cores%n",
                SIZE, PREFETCH, Runtime.getRuntime().availableProcessors());
        Supplier<Broker> memory = () -> new InMemoryBroker(RabbitVersion.V4_0);
        run("memory 4.0 (warm-up)", memory, memoryMessages / 4);
        double best = 0;
        int repeat = Integer.getInteger("bench.repeat", 3);
        for (int i = 0; i < repeat; i++) {
            best = Math.max(best, run("memory 4.0", memory, memoryMessages));
        }
        System.out.printf(Locale.ROOT, "memory 4.0           best of %d: %,.0f msg/s%n", repeat, best);
        if (rabbitMessages == 0) {
            System.out.println("rabbitmq 4.x: skipped (0 messages asked)");
        } else if (Rabbit4TestSupport.reachable()) {
            run("rabbitmq " + Rabbit4TestSupport.version(),
                    () -> new RabbitBroker(Rabbit4TestSupport.settings(), new EventHub()), rabbitMessages);
        } else {
            System.out.println("rabbitmq 4.x: not reachable on port " + Rabbit4TestSupport.port() + ", skipped");
        }
    }

    /** One run; returns messages per second. Deletes its queue. */
    private static double run(String label, Supplier<Broker> factory, long messages) throws Exception {
        try (Broker broker = factory.get()) {
            String queue = "bench-quorum-" + UUID.randomUUID();
            BrokerConnection consumerConn = broker.connect(ConnectionOptions.named("bench-consumer"));
            BrokerConnection publisher = broker.connect(ConnectionOptions.named("bench-publisher"));
            try {
                consumerConn.declareQueue(QueueSpec.named(queue).withDurable(true)
                        .withArguments(Map.of("x-queue-type", "quorum")));
                AtomicLong consumed = new AtomicLong();
                CountDownLatch done = new CountDownLatch(1);
                consumerConn.consume(queue, ConsumeOptions.manualAck(PREFETCH), d -> {
                    d.ack();
                    if (consumed.incrementAndGet() == messages) {
                        done.countDown();
                    }
                });
                byte[] body = new byte[SIZE];
                MessageProperties props = MessageProperties.EMPTY.withContentType("application/json")
                        .withDeliveryMode(2);
                long start = System.nanoTime();
                for (long i = 0; i < messages; i++) {
                    while (i - consumed.get() > WINDOW) {
                        LockSupport.parkNanos(50_000);
                    }
                    publisher.publish("", queue, false, props, body);
                }
                if (!done.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException(label + ": only " + consumed.get() + " of " + messages + " consumed");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%-20s messages=%,d  %,.0f msg/s  (%.2f s)%n", label, messages,
                        messages / seconds, seconds);
                return messages / seconds;
            } finally {
                publisher.deleteQueue(queue, false, false);
                publisher.close();
                consumerConn.close();
            }
        }
    }
}
