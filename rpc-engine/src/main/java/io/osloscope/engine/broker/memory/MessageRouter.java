package io.osloscope.engine.broker.memory;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.broker.ReturnedMessage;
import io.osloscope.engine.broker.RoutingExplanation;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.MessageDeadLettered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.EventHub;
import io.osloscope.engine.observe.MessageSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish path of an {@link InMemoryBroker}: routes a message through its exchange (the default exchange by
 * queue name), enqueues it on every queue reached, returns it when mandatory and unroutable, and publishes the
 * routing decision as events while the hub has subscribers. Dead-lettered messages come back through here.
 */
final class MessageRouter {
    private final InMemoryBroker broker;
    private final AtomicLong messageRefs = new AtomicLong();

    MessageRouter(InMemoryBroker broker) {
        this.broker = broker;
    }

    void publish(MemoryConnection conn, String exchange, String routingKey, boolean mandatory,
                 MessageProperties props, byte[] body) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        MemoryExchange x = broker.exchange(exchange);
        if (x == null) {
            throw AmqpErrors.noExchange(exchange);
        }
        long ref = messageRefs.incrementAndGet();
        boolean routed = route(ref, conn.name(), conn.identity(), x, routingKey, mandatory, props, body);
        if (!routed && mandatory) {
            ReturnedMessage r = new ReturnedMessage(312, "NO_ROUTE", exchange, routingKey, props, body);
            EventHub hub = broker.hub;
            if (hub.hasSubscribers()) {
                hub.publish(new MessageReturned(hub.nextSeq(), Instant.now(), ref, exchange, routingKey, 312, "NO_ROUTE",
                        new MessageSnapshot(props, body, exchange, conn.name(), conn.identity())));
            }
            conn.returned(r);
        }
    }

    /** A dead-lettered copy of message {@code ref} from {@code queue}; dropped when its exchange does not exist. */
    void republish(long ref, String queue, String reason, String exchange, String routingKey, MessageProperties props,
                   byte[] body) {
        MemoryExchange x = broker.exchange(exchange);
        long newRef = messageRefs.incrementAndGet();
        EventHub hub = broker.hub;
        if (hub.hasSubscribers()) {
            hub.publish(new MessageDeadLettered(hub.nextSeq(), Instant.now(), ref, x == null ? -1 : newRef, queue,
                    reason, exchange, routingKey));
        }
        if (x != null) {
            route(newRef, "dead-letter of queue '" + queue + "'", null, x, routingKey, false, props, body);
        }
    }

    /** Routes and enqueues; true if some queue took it. */
    private boolean route(long ref, String origin, io.osloscope.engine.wire.Sender from, MemoryExchange x,
                          String routingKey, boolean mandatory, MessageProperties props, byte[] body) {
        long expiration = props.expiration() == null ? -1 : Expiration.parse(props.expiration());
        List<MemoryQueue> targets = new ArrayList<>(2);
        EventHub hub = broker.hub;
        boolean observing = hub.hasSubscribers();
        MessageSnapshot snap = observing ? new MessageSnapshot(props, body, x.name, origin, from) : null;
        Published p = new Published(ref, x.name, routingKey, props, body, expiration, snap);
        if (observing) {
            Instant now = Instant.now();
            hub.publish(new MessagePublished(hub.nextSeq(), now, ref, origin, x.name, routingKey, mandatory, snap));
            List<BindingMatch> judged = x.name.isEmpty() ? judge(x, routingKey, props.headers(), targets)
                    : x.routeObserved(routingKey, props.headers(), targets);
            hub.publish(new MessageRouted(hub.nextSeq(), now, ref, x.name, x.type.amqpName(), routingKey,
                    judged, names(targets)));
        } else if (x.name.isEmpty()) {
            MemoryQueue q = broker.queue(routingKey);
            if (q != null) {
                targets.add(q);
            }
        } else {
            x.route(routingKey, props.headers(), targets);
        }
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).enqueue(p);
        }
        return !targets.isEmpty();
    }

    RoutingExplanation explain(String exchange, String routingKey, Map<String, Object> headers) {
        MemoryExchange x = broker.exchange(exchange);
        if (x == null) {
            throw AmqpErrors.noExchange(exchange);
        }
        List<MemoryQueue> targets = new ArrayList<>();
        List<BindingMatch> judged = judge(x, routingKey, headers, targets);
        return new RoutingExplanation(exchange, x.type.amqpName(), routingKey, List.copyOf(judged), names(targets));
    }

    private List<BindingMatch> judge(MemoryExchange x, String routingKey, Map<String, Object> headers,
                                     List<MemoryQueue> targets) {
        if (!x.name.isEmpty()) {
            return x.explain(routingKey, headers, targets);
        }
        MemoryQueue q = broker.queue(routingKey);
        if (q == null) {
            return List.of();
        }
        targets.add(q);
        return List.of(q.defaultBinding);
    }

    private static List<String> names(List<MemoryQueue> qs) {
        List<String> out = new ArrayList<>(qs.size());
        for (MemoryQueue q : qs) {
            out.add(q.name);
        }
        return out;
    }
}
