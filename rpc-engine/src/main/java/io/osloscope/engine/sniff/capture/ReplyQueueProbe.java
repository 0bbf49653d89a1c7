package io.osloscope.engine.sniff.capture;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tells whether a reply queue no longer exists, with a passive declare on the sniffer's own connection (no side
 * effects: a missing queue is not created). A reply published to a missing queue is dropped by the broker (or
 * returned, as oslo publishes replies mandatory). A queue that exists but has no consumer is not gone: the reply
 * waits there, and a queue-manager reply queue ({@code reply_<host>:<process>:<n>}) is read again by the next
 * process with that name. Results are cached per queue for {@code ttlMillis}, so a busy client's one reply queue
 * costs one round trip per period. Used on the pipeline thread only.
 *
 * <p>NOTE(firehose): the trace's {@code routed_queues} cannot answer this: the default exchange "routes" to any
 * queue name, existing or not (measured on RabbitMQ 3.10.8 and 4.0.5: a publish to a missing queue is traced with
 * {@code routed_queues [<that name>]}), and the firehose does not trace {@code basic.return}.
 */
public final class ReplyQueueProbe implements Predicate<String> {
    private final Supplier<Connection> connection;
    private final long ttlMillis;
    private final Map<String, long[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 10_000;
        }
    };
    private Channel channel;

    public ReplyQueueProbe(Supplier<Connection> connection, long ttlMillis) {
        this.connection = connection;
        this.ttlMillis = ttlMillis;
    }

    /** True when {@code queue} does not exist; false when it exists (with or without consumer) or is unknown. */
    @Override
    public boolean test(String queue) {
        long now = System.currentTimeMillis();
        long[] c = cache.get(queue);
        if (c != null && now - c[0] < ttlMillis) {
            return c[1] == 1;
        }
        Boolean gone = probe(queue);
        if (gone == null) {
            return false;
        }
        cache.put(queue, new long[]{now, gone ? 1 : 0});
        return gone;
    }

    private Boolean probe(String queue) {
        Connection conn = connection.get();
        if (conn == null || !conn.isOpen()) {
            return null;
        }
        try {
            if (channel == null || !channel.isOpen()) {
                channel = conn.createChannel();
            }
            channel.queueDeclarePassive(queue);
            return false;
        } catch (IOException e) {
            // 404 closes the channel: the queue is gone.
            channel = null;
            return String.valueOf(e.getCause()).contains("NOT_FOUND") ? Boolean.TRUE : null;
        } catch (RuntimeException e) {
            channel = null;
            return null;
        }
    }
}
