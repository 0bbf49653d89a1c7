package io.osloscope.engine.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.sniff.capture.FirehoseTrace;
import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.mgmt.ManagementSnapshot;
import io.osloscope.engine.sniff.mgmt.QueueDetails;
import io.osloscope.engine.wire.OsloKeys;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The {@link Sniffer}'s readers of oslo's {@code <topic>_fanout} streams ({@link SnifferOptions#streamFrom()}): which
 * streams are read, the offset to resume each at after a reconnect, and the consumers of the current connection.
 * Every message read becomes a capture with direction {@code stream}. Thread-safe.
 */
final class StreamReaders {
    private static final int STREAM_PREFETCH = 100;

    private final StreamStart from;
    private final SniffPipeline pipeline;
    private final Clock clock;
    /** Told (stream, failure) when a stream could not be read; the next refresh tries again. */
    private final BiConsumer<String, Exception> unreadable;
    /** Streams read, and the offset to resume each at after a reconnect. */
    private final Set<String> streamsRead = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> streamNext = new ConcurrentHashMap<>();
    /** The stream readers of the current connection, cancelled one by one before it closes. */
    private final Map<Channel, String> streamConsumers = new ConcurrentHashMap<>();
    private final AtomicLong streamReads = new AtomicLong();

    StreamReaders(StreamStart from, SniffPipeline pipeline, Clock clock, BiConsumer<String, Exception> unreadable) {
        this.from = from;
        this.pipeline = pipeline;
        this.clock = clock;
        this.unreadable = unreadable;
    }

    /** A new connection: every stream is to be read again on it (from where it was left). */
    void reset() {
        streamsRead.clear();
        streamConsumers.clear();
    }

    /**
     * With a {@code from}: reads every {@code <topic>_fanout} stream of {@code t} not read yet, each on a channel of
     * its own with the sniffer's own consumer tag, prefetch {@value #STREAM_PREFETCH} and {@code x-stream-offset}. A
     * stream keeps its messages for every reader (each has its own offset), so reading takes nothing from oslo's
     * servers; acks only give the reader credit. After a reconnect a stream is resumed after the last offset read.
     */
    void read(ManagementSnapshot t, Connection c) {
        if (from == null || t == null || c == null || !c.isOpen()) {
            return;
        }
        for (QueueView q : t.topology().queues()) {
            String name = q.name();
            if (q.type() != QueueType.STREAM || !name.endsWith(OsloKeys.FANOUT_SUFFIX) || streamsRead.contains(name)) {
                continue;
            }
            try {
                Channel ch = c.createChannel();
                ch.basicQos(STREAM_PREFETCH);
                Long next = streamNext.get(name);
                Object offset = next != null ? next : from.offsetArgument(clock.instant());
                String tag = ch.basicConsume(name, false, QueueDetails.SNIFFER_TAG_PREFIX + "-stream-"
                        + UUID.randomUUID(), false, false, Map.of("x-stream-offset", offset), new StreamReader(ch, name));
                streamConsumers.put(ch, tag);
                streamsRead.add(name);
            } catch (IOException | RuntimeException e) {
                // NOTE(streams): a stream may vanish between listing and reading; the next refresh tries again.
                unreadable.accept(name, e);
            }
        }
    }

    /**
     * Cancels each stream reader and closes its channel before the connection goes. NOTE(streams): RabbitMQ 4.0.5
     * keeps listing a stream consumer whose channel only went with its connection (channel_details empty) in
     * {@code /api/consumers} for a while; a basic.cancel removes it at once.
     */
    void cancel() {
        streamConsumers.forEach((ch, tag) -> {
            try {
                if (ch.isOpen()) {
                    ch.basicCancel(tag);
                    ch.close();
                }
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // NOTE(streams): the connection close below ends the reader anyway.
            }
        });
        streamConsumers.clear();
    }

    /** Streams read so far. */
    Set<String> read() {
        return Set.copyOf(streamsRead);
    }

    /** Reads one {@code <topic>_fanout} stream; every message becomes a capture with direction {@code stream}. */
    private final class StreamReader extends DefaultConsumer {
        private final String stream;

        StreamReader(Channel ch, String stream) {
            super(ch);
            this.stream = stream;
        }

        @Override
        public void handleCancel(String consumerTag) {
            // NOTE(streams): the stream was deleted (or its leader moved); read it again if it comes back.
            streamsRead.remove(stream);
            streamConsumers.remove(getChannel());
        }

        @Override
        public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws IOException {
            Object offset = props.getHeaders() == null ? null : props.getHeaders().get("x-stream-offset");
            if (offset instanceof Number n) {
                streamNext.put(stream, n.longValue() + 1);
            }
            streamReads.incrementAndGet();
            pipeline.offer(new RawCapture(clock.instant(), RawCapture.STREAM, env.getExchange(), env.getRoutingKey(),
                    List.of(stream), null, null, null, FirehoseTrace.fromBasic(props), body));
            // NOTE(streams): an ack on a stream only grants this reader credit; other readers' offsets are their own.
            getChannel().basicAck(env.getDeliveryTag(), false);
        }
    }
}
