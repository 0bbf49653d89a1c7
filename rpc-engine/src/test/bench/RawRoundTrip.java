import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under any RPC call over RabbitMQ on this machine: a bare amqp-client request/reply round trip with
 * nothing of oslo in it (no JSON, no envelope), for bench_compare.py to measure in the same run as osloscope's
 * and oslo.messaging's calls. One server connection consumes a request queue, acks, and publishes the body back
 * to the request's reply_to through the default exchange; N caller threads share a client connection and one
 * exclusive reply queue, correlated by correlation_id. Deliveries are handled on each connection's I/O thread,
 * the fastest set-up amqp-client offers.
 *
 * <p>Bare, it has no publisher confirms and answers on the I/O thread. Two oslo semantics can be added, each
 * with a known cost: {@code --confirms true} puts both publishing channels in confirm mode, as oslo's send
 * connections are (no one waits for a confirm, as osloscope's calls do not), and {@code --executor true} answers
 * from a 64-thread pool instead of the I/O thread, as an oslo server runs every request on its executor so that
 * a slow method does not hold up the others. With both, it is the floor for any implementation of oslo's call.
 *
 * <p>Not compiled by Maven: bench_compare.py runs it as a single-file program on PerfTest's classpath:
 * {@code java -cp <amqp-client...> RawRoundTrip.java --uri amqp://guest:guest@127.0.0.1:5672 --callers 1
 * --duration 10 --warmup 5 --size 1024 [--confirms true] [--executor true]}. Prints one JSON line with msgs_per_s, p50_ms, p99_ms. Deletes its
 * request queue at the end (the reply queue is exclusive and goes with its connection).
 */
public final class RawRoundTrip {
    /** Runs every task on the calling thread: amqp-client then dispatches on the connection's I/O thread. */
    private static final class Inline extends AbstractExecutorService {
        private volatile boolean shut;

        @Override
        public void execute(Runnable r) {
            r.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new ConcurrentHashMap<>(Map.of("--uri", "amqp://guest:guest@127.0.0.1:5672",
                "--callers", "1", "--duration", "10", "--warmup", "5", "--size", "1024", "--confirms", "false",
                "--executor", "false"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opt.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            opt.put(args[i], args[i + 1]);
        }
        int callers = Integer.parseInt(opt.get("--callers"));
        double duration = Double.parseDouble(opt.get("--duration"));
        double warmup = Double.parseDouble(opt.get("--warmup"));
        boolean confirms = Boolean.parseBoolean(opt.get("--confirms"));
        boolean executor = Boolean.parseBoolean(opt.get("--executor"));
        byte[] body = new byte[Integer.parseInt(opt.get("--size"))];
        Arrays.fill(body, (byte) 'x');

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(opt.get("--uri"));
        Connection server = factory.newConnection(new Inline(), "raw-roundtrip-server");
        Connection client = factory.newConnection(new Inline(), "raw-roundtrip-client");
        String requests = "raw_roundtrip_" + Long.toHexString(System.nanoTime());
        Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "raw-server-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            Channel serve = server.createChannel();
            Channel answer = server.createChannel();
            if (confirms) {
                answer.confirmSelect();
            }
            serve.queueDeclare(requests, false, false, false, null);
            serve.basicConsume(requests, false, (tag, d) -> {
                serve.basicAck(d.getEnvelope().getDeliveryTag(), false);
                AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                        .correlationId(d.getProperties().getCorrelationId()).build();
                Runnable send = () -> {
                    try {
                        answer.basicPublish("", d.getProperties().getReplyTo(), true, reply, d.getBody());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                if (executor) {
                    pool.execute(send);
                } else {
                    send.run();
                }
            }, tag -> { });
            Channel replies = client.createChannel();
            String replyQueue = replies.queueDeclare("", false, true, true, null).getQueue();
            replies.basicConsume(replyQueue, false, (tag, d) -> {
                replies.basicAck(d.getEnvelope().getDeliveryTag(), false);
                CompletableFuture<byte[]> f = waiting.remove(d.getProperties().getCorrelationId());
                if (f != null) {
                    f.complete(d.getBody());
                }
            }, tag -> { });

            run(client, requests, replyQueue, waiting, body, callers, warmup, confirms);
            long[] result = run(client, requests, replyQueue, waiting, body, callers, duration, confirms);
            long count = result.length;
            Arrays.sort(result);
            System.out.printf(java.util.Locale.ROOT,
                    "{\"impl\": \"amqp-client raw round trip\", \"confirms\": %b, \"executor\": %b, \"mode\": \"call\", "
                            + "\"concurrency\": %d, \"size\": %d, "
                            + "\"messages\": %d, \"seconds\": %.3f, \"msgs_per_s\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f}%n",
                    confirms, executor, callers, body.length, count, duration, count / duration, pct(result, 0.50), pct(result, 0.99));
            serve.queueDelete(requests);
        } finally {
            client.close();
            server.close();
            pool.shutdownNow();
        }
    }

    /** N callers, each waiting for its reply before the next request; returns every round trip in ns. */
    private static long[] run(Connection client, String requests, String replyQueue,
                              Map<String, CompletableFuture<byte[]>> waiting, byte[] body, int callers,
                              double seconds, boolean confirms) throws Exception {
        long stopAt = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong ids = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long[][] latencies = new long[callers][];
        for (int i = 0; i < callers; i++) {
            int me = i;
            Channel publish = client.createChannel();
            if (confirms) {
                publish.confirmSelect();
            }
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                try {
                    while (System.nanoTime() < stopAt) {
                        String id = Long.toString(ids.incrementAndGet());
                        CompletableFuture<byte[]> f = new CompletableFuture<>();
                        waiting.put(id, f);
                        long t0 = System.nanoTime();
                        publish.basicPublish("", requests, new AMQP.BasicProperties.Builder().replyTo(replyQueue)
                                .correlationId(id).build(), body);
                        f.get(30, TimeUnit.SECONDS);
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t0;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("round trip failed", e);
                }
                latencies[me] = Arrays.copyOf(lat, n);
            }, "raw-caller-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}
