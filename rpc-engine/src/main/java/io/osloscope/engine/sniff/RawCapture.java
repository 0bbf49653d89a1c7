package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.MessageProperties;

import java.time.Instant;
import java.util.List;

/**
 * One message exactly as the capture saw it, before decoding.
 *
 * @param direction     "publish" or "deliver" (firehose), "tap" (copy queue), "stream" (read from a
 *                      {@code <topic>_fanout} stream with {@code --stream-from}), or what a recording said
 * @param exchange      the exchange it was published to ({@code ""} = default exchange)
 * @param routedQueues  queues the broker routed it to (firehose publish only); null when unknown
 * @param connection    publisher or consumer connection as the broker names it, null when unknown
 * @param node          broker node (firehose), null when unknown
 * @param user          authenticated user of the publisher (firehose), null when unknown
 * @param body          the body; never modified after capture
 */
public record RawCapture(Instant at, String direction, String exchange, String routingKey, List<String> routedQueues,
                         String connection, String node, String user, MessageProperties properties, byte[] body) {
    public static final String PUBLISH = "publish";
    public static final String DELIVER = "deliver";
    public static final String TAP = "tap";
    public static final String STREAM = "stream";

    public RawCapture {
        routedQueues = routedQueues == null ? null : List.copyOf(routedQueues);
        body = body == null ? new byte[0] : body;
    }

    /** True for copies of a publish (firehose publish, tap or stream read), false for firehose deliveries. */
    public boolean isPublish() {
        return !DELIVER.equals(direction);
    }

    /** The queue a firehose delivery came from ({@code deliver.<queue>} trace), else null. */
    public String deliveredQueue() {
        return DELIVER.equals(direction) && routedQueues != null && routedQueues.size() == 1 ? routedQueues.get(0) : null;
    }
}
