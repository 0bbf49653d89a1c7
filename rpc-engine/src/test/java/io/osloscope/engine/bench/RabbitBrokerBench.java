package io.osloscope.engine.bench;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.broker.ConsumeOptions;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.rabbit.RabbitBroker;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventFilter;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.testsupport.RabbitTestSupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ publish→consume throughput through {@link RabbitBroker}, next to RabbitMQ PerfTest
 * with the same shape, in the same run: N publisher connections publishing 1 KB messages as
 * fast as they can to a direct exchange (or, with {@code --one-connection}, our publishers all on one
 * connection, to show confirms pipelining across threads), one auto-ack consumer on a queue bound to it, events
 * on (a subscriber drains the hub as the GUI would). The figure compared is the consume rate
 * averaged over the run, which is what PerfTest prints as "receiving rate avg".
 *
 * <pre>
 * mvn -B -ntp -pl rpc-engine test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp rpc-engine/target/test-classes:rpc-engine/target/classes:$(cat rpc-engine/target/bench.cp) \
 *     io.osloscope.engine.bench.RabbitBrokerBench [--seconds 15] [--rounds 3] [--size 1000] [--publishers 1,4] [--confirms] [--one-connection]
 * </pre>
 * The broker comes from OSLOSCOPE_RABBIT_* (default guest@127.0.0.1:5672). Everything it declares
 * has a random name and is deleted afterwards.
 */
public final class RabbitBrokerBench {
    private static final Pattern RECEIVED = Pattern.compile("receiving rate avg: (\\d+) msg/s");
    private static final Pattern SENT = Pattern.compile("sending rate avg: (\\d+) msg/s");

    private RabbitBrokerBench() {
    }

    record Result(double sentPerSecond, double receivedPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        // PerfTest puts logback on the test class path next to slf4j-nop; the bench itself logs nothing.
        System.setProperty("slf4j.provider", System.getProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider"));
        int seconds = 15;
        int rounds = 3;
        int size = 1000;
        boolean confirms = false;
        boolean oneConnection = false;
        List<Integer> publishers = List.of(1, 4);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--confirms" -> confirms = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--one-connection" -> oneConnection = true;
                case "--publishers" -> publishers = java.util.Arrays.stream(args[++i].split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --seconds N, --rounds N, --size BYTES, --publishers 1,4, --confirms, --one-connection)");
            }
        }
        RabbitSettings settings = RabbitTestSupport.settings();
        System.out.printf(Locale.ROOT, "RabbitMQ %s:%d, %d-byte messages, %d s per run, confirms %s, %s, %d cores%n",
                RabbitTestSupport.host(), RabbitTestSupport.port(), size, seconds, confirms ? "on" : "off",
                oneConnection ? "our publishers share one connection" : "one connection per publisher",
                Runtime.getRuntime().availableProcessors());
        List<String> rows = new ArrayList<>();
        for (int p : publishers) {
            // NOTE(noise): alternate the two tools round by round and compare medians, so a burst of
            // load from elsewhere on a shared machine hits both sides alike.
            List<Double> oursRates = new ArrayList<>();
            List<Double> perfRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Result ours = runOurs(settings, p, size, seconds, confirms, oneConnection);
                System.out.printf(Locale.ROOT, "round %d osloscope publishers=%d  sent %,.0f msg/s  received %,.0f msg/s%n",
                        round, p, ours.sentPerSecond(), ours.receivedPerSecond());
                Result perf = runPerfTest(settings, p, size, seconds, confirms);
                System.out.printf(Locale.ROOT, "round %d PerfTest  publishers=%d  sent %,.0f msg/s  received %,.0f msg/s%n",
                        round, p, perf.sentPerSecond(), perf.receivedPerSecond());
                oursRates.add(ours.receivedPerSecond());
                perfRates.add(perf.receivedPerSecond());
            }
            double ours = median(oursRates);
            double perf = median(perfRates);
            rows.add(String.format(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %.2f |", p, confirms ? "on" : "off",
                    ours, perf, ours / perf));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "median of %d rounds, consume rate (messages received per second of the run)%n",
                rounds);
        System.out.println("| publishers | confirms | osloscope msg/s | PerfTest msg/s | ratio |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static Result runOurs(RabbitSettings settings, int publishers, int size, int seconds, boolean confirms,
                          boolean oneConnection) throws InterruptedException {
        EventHub hub = new EventHub();
        EventSubscription sub = hub.subscribe(EventFilter.ALL, 1_000_000);
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder events = new LongAdder();
        Thread drainer = new Thread(() -> {
            List<EngineEvent> batch = new ArrayList<>(100_000);
            while (running.get() || !sub.isEmpty()) {
                int n = sub.drainTo(batch, 100_000);
                events.add(n);
                batch.clear();
                if (n == 0) {
                    sleep(20);
                }
            }
        }, "bench-event-drainer");
        drainer.setDaemon(true);
        drainer.start();

        String exchange = "osloscope-bench-" + UUID.randomUUID();
        byte[] body = new byte[size];
        LongAdder sent = new LongAdder();
        LongAdder received = new LongAdder();
        try (RabbitBroker broker = new RabbitBroker(settings, hub)) {
            BrokerConnection consumerConn = broker.connect(ConnectionOptions.named("osloscope-bench-consumer"));
            consumerConn.declareExchange(ExchangeSpec.of(exchange, ExchangeType.DIRECT));
            String queue = consumerConn.declareQueue(QueueSpec.serverNamedExclusive()).name();
            consumerConn.bind(queue, exchange, "bench", java.util.Map.of());
            consumerConn.consume(queue, ConsumeOptions.autoAcking(), d -> received.increment());

            List<Thread> threads = new ArrayList<>();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            BrokerConnection shared = oneConnection ? broker.connect(ConnectionOptions.named("osloscope-bench-publisher")
                    .withPublisherConfirms(confirms)) : null;
            for (int i = 0; i < publishers; i++) {
                BrokerConnection pub = shared != null ? shared : broker.connect(ConnectionOptions
                        .named("osloscope-bench-publisher-" + i).withPublisherConfirms(confirms));
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        pub.publish(exchange, "bench", false, MessageProperties.EMPTY, body);
                        sent.increment();
                    }
                }, "bench-publisher-" + i);
                threads.add(t);
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            while (System.nanoTime() < deadline) {
                sleep(50);
            }
            long receivedAtEnd = received.sum();
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (Thread t : threads) {
                t.join();
            }
            double sentRate = sent.sum() / elapsed;
            consumerConn.deleteExchange(exchange, false);
            running.set(false);
            drainer.join(5_000);
            System.out.printf(Locale.ROOT, "  (events observed: %,d, dropped: %,d)%n", events.sum(), sub.dropped());
            return new Result(sentRate, receivedAtEnd / elapsed);
        } finally {
            sub.close();
        }
    }

    static Result runPerfTest(RabbitSettings settings, int publishers, int size, int seconds, boolean confirms)
            throws IOException, InterruptedException {
        String exchange = "osloscope-bench-perftest-" + UUID.randomUUID();
        RabbitSettings.HostPort hp = settings.hosts().get(0);
        String uri = "amqp://" + settings.username() + ":" + settings.password() + "@" + hp.host() + ":" + hp.port();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", perfTestClasspath(), "com.rabbitmq.perf.PerfTest",
                "--uri", uri, "--producers", String.valueOf(publishers), "--consumers", "1",
                "--size", String.valueOf(size), "--time", String.valueOf(seconds), "--autoack",
                "--exchange", exchange, "--type", "direct", "--routing-key", "bench"));
        if (confirms) {
            // the same shape as ours and oslo's: each publisher waits for its confirm before the next publish
            cmd.addAll(List.of("--confirm", "1"));
        }
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> tail = new java.util.LinkedList<>();
        double sentRate = Double.NaN;
        double receivedRate = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                tail.add(line);
                if (tail.size() > 5) {
                    tail.remove(0);
                }
                Matcher m = RECEIVED.matcher(line);
                if (m.find()) {
                    receivedRate = Double.parseDouble(m.group(1));
                }
                m = SENT.matcher(line);
                if (m.find()) {
                    sentRate = Double.parseDouble(m.group(1));
                }
            }
        }
        int rc = process.waitFor();
        try (RabbitBroker cleaner = new RabbitBroker(settings, new EventHub());
             BrokerConnection c = cleaner.connect(ConnectionOptions.named("osloscope-bench-cleanup"))) {
            c.deleteExchange(exchange, false);
        }
        if (rc != 0 || Double.isNaN(receivedRate)) {
            throw new IllegalStateException("PerfTest exited with " + rc + " without a receiving rate; last lines:\n"
                    + String.join("\n", tail));
        }
        return new Result(sentRate, receivedRate);
    }

    /** Our class path minus slf4j-nop: PerfTest configures logback and needs it as the binding. */
    private static String perfTestClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("slf4j-nop"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
