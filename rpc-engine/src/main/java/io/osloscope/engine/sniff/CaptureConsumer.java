package io.osloscope.engine.sniff;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.osloscope.engine.sniff.capture.FirehoseTrace;
import io.osloscope.engine.sniff.capture.RawCapture;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Reads the {@link Sniffer}'s own capture queue: in {@link CaptureMode#FIREHOSE} unwraps each trace (leaving out
 * what the sniffer itself caused), in {@link CaptureMode#TAP} takes the copy as it is, and hands every capture to
 * the {@link SniffPipeline}; acks in batches of {@value #ACK_EVERY}. Runs on the connection's consumer thread.
 */
final class CaptureConsumer extends DefaultConsumer {
    static final String TRACE_EXCHANGE = "amq.rabbitmq.trace";
    private static final int ACK_EVERY = 64;

    private final CaptureMode mode;
    private final SniffPipeline pipeline;
    private final Clock clock;
    /** The sniffer's own queues (capture and overflow), whose firehose deliveries are not oslo's. */
    private final java.util.List<String> ownQueues;
    /** The sniffer's own connection ({@code local -> broker}), whose stream deliveries are not oslo's. */
    private final Supplier<String> ownConnection;
    /** Told when the broker cancelled this consumer. */
    private final Runnable cancelled;
    private int unacked;

    CaptureConsumer(Channel ch, java.util.List<String> ownQueues, CaptureMode mode, SniffPipeline pipeline, Clock clock,
                    Supplier<String> ownConnection, Runnable cancelled) {
        super(ch);
        this.ownQueues = ownQueues;
        this.mode = mode;
        this.pipeline = pipeline;
        this.clock = clock;
        this.ownConnection = ownConnection;
        this.cancelled = cancelled;
    }

    @Override
    public void handleCancel(String consumerTag) {
        // NOTE(resilience): the broker cancelled our consumer (e.g. the queue's node went away); the
        // queue is exclusive, so nobody else can delete it. Start over with a fresh one.
        cancelled.run();
    }

    @Override
    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) throws IOException {
        Instant at = clock.instant();
        RawCapture raw;
        if (mode == CaptureMode.FIREHOSE) {
            raw = FirehoseTrace.parse(at, env, props, body);
            if (raw != null && (TRACE_EXCHANGE.equals(raw.exchange()) || (raw.deliveredQueue() != null && ownQueues.contains(raw.deliveredQueue()))
                    || (raw.deliveredQueue() != null && raw.connection() != null
                    && raw.connection().equals(ownConnection.get())))) {
                // NOTE(streams): deliveries to this sniffer's own stream readers are traced too; not oslo's.
                raw = null;
            }
        } else {
            raw = new RawCapture(at, RawCapture.TAP, env.getExchange(), env.getRoutingKey(), null, null, null,
                    null, FirehoseTrace.fromBasic(props), body);
        }
        if (raw != null) {
            pipeline.offer(raw);
        }
        if (++unacked >= ACK_EVERY) {
            getChannel().basicAck(env.getDeliveryTag(), true);
            unacked = 0;
        }
    }
}
