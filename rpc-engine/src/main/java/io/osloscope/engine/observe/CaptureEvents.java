package io.osloscope.engine.observe;

import java.time.Instant;
import java.util.List;

/** Sniffer observations of a real broker's traffic. */
public final class CaptureEvents {
    private CaptureEvents() {
    }

    /**
     * A message seen on the wire by the sniffer: {@code direction} is "publish" or "deliver"
     * (firehose) or "tap"; {@code routedQueues} as the firehose reports them (empty when unknown).
     */
    public record MessageCaptured(long seq, Instant at, String direction, String exchange, String routingKey,
                                  List<String> routedQueues, String connection, MessageSnapshot message)
            implements EngineEvent {
    }

    /**
     * A captured publish's routing, checked: {@code expected} is what the management API's bindings say (explained
     * by the same rules as the in-memory broker's, with every binding judged), {@code reported} the queues the broker
     * said it routed to (firehose {@code routed_queues}). {@code outcome} is "agrees", "differs" or "stale" (the
     * difference involves only queues or an exchange the bindings snapshot does not know yet); {@code difference}
     * one sentence, null when they agree. {@code expected.messageRef()} is {@code -captureSeq}.
     */
    public record RoutingChecked(long seq, Instant at, long captureSeq, BrokerEvents.MessageRouted expected,
                                 List<String> reported, String outcome, String difference) implements EngineEvent {
        public boolean differs() {
            return difference != null;
        }
    }

    /**
     * The sender behind a publishing {@code connection} became known only after its messages went out unnamed (the
     * management API listed the connection late): views and traces name those messages' sender {@code from} now.
     */
    public record SenderNamed(long seq, Instant at, String connection, io.osloscope.engine.wire.Sender from)
            implements EngineEvent {
    }

    /** Capture was interrupted (connection lost, broker restart) between {@code at} and {@code resumedAt}. */
    public record CaptureGap(long seq, Instant at, Instant resumedAt, String reason) implements EngineEvent {
    }
}
