package io.osloscope.engine.observe;

import java.time.Instant;

/**
 * Everything the inspector can show. Events are immutable, named in the past tense, and carry
 * a global, monotonic {@link #seq()} from their {@link EventHub}: views order by it, never by clock.
 * The {@code permits} clause is the complete list.
 */
public sealed interface EngineEvent permits
        BrokerEvents.MessagePublished, BrokerEvents.MessageRouted, BrokerEvents.MessageEnqueued,
        BrokerEvents.MessageDelivered, BrokerEvents.MessageSettled, BrokerEvents.MessageReturned,
        BrokerEvents.MessageDiscarded, BrokerEvents.MessageRequeued, BrokerEvents.MessageDeadLettered,
        BrokerEvents.TopologyChanged, BrokerEvents.ConnectionChanged,
        BrokerEvents.StreamAppended, BrokerEvents.StreamRead, BrokerEvents.StreamTruncated,
        RpcEvents.RpcCallStarted, RpcEvents.RpcRequestReceived, RpcEvents.RpcDispatched,
        RpcEvents.RpcReplySent, RpcEvents.RpcReplyReceived, RpcEvents.RpcFailed, RpcEvents.RpcTimedOut,
        RpcEvents.RpcDuplicateDropped, RpcEvents.CallPaired,
        NodeEvents.NodeStateChanged, NodeEvents.ListenerFailed, RestEvents.RestExchanged,
        CaptureEvents.MessageCaptured, CaptureEvents.CaptureGap, CaptureEvents.RoutingChecked,
        CaptureEvents.SenderNamed {

    /** Global, monotonic sequence number assigned by the hub at creation. */
    long seq();

    /** Wall-clock time of the observation. */
    Instant at();
}
