package io.osloscope.app.sequence;

import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.app.topology.model.QueueRole;
import io.osloscope.app.topology.model.ServiceId;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageReturned;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.CaptureEvents.MessageCaptured;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.RestEvents.RestExchanged;
import io.osloscope.engine.observe.RpcEvents.RpcCallStarted;
import io.osloscope.engine.observe.RpcEvents.RpcFailed;
import io.osloscope.engine.observe.RpcEvents.RpcReplyReceived;
import io.osloscope.engine.observe.RpcEvents.RpcTimedOut;
import io.osloscope.engine.wire.MessageSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One flow as lanes and steps: who sent what to whom, in {@code seq} order. Built from broker
 * events when the flow has them (publisher and consumer connections name the lanes), else from
 * RPC events alone (the caller is then the lane "caller"). Timeouts and failures without a
 * message become markers on the lane that waited. A REST request nova-api answered is a request from the lane
 * "REST client" when it came in and a response when it was answered, around the RPC it caused.
 */
public record SequenceDiagram(List<String> lanes, List<Step> steps) {
    /** The lane of whoever sent a REST request (a user, a tool, a lesson). */
    public static final String REST_CLIENT = "REST client";

    /** {@code to} empty for a marker on {@code from}'s lane; several for a fanout. */
    public record Step(long seq, Duration offset, String from, List<String> to, MessageKind kind, String label) {
    }

    public static SequenceDiagram of(List<EngineEvent> flow) {
        List<EngineEvent> events = new ArrayList<>(flow);
        events.sort(Comparator.comparingLong(EngineEvent::seq));
        TopologyModel names = new TopologyModel();
        names.applyAll(events);
        Instant t0 = events.stream().map(e -> e instanceof RestExchanged r && r.latency() != null
                ? r.at().minus(r.latency()) : e.at()).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);

        Map<Long, Set<String>> receivers = new HashMap<>();
        Map<Long, List<String>> routed = new HashMap<>();
        for (EngineEvent e : events) {
            if (e instanceof MessageDelivered d) {
                receivers.computeIfAbsent(d.messageRef(), k -> new LinkedHashSet<>()).add(laneOfQueue(names, d.queue(), d.connection()));
            } else if (e instanceof MessageRouted r) {
                routed.put(r.messageRef(), r.queues());
            }
        }
        boolean brokerLevel = events.stream().anyMatch(e -> e instanceof MessagePublished
                || (e instanceof MessageCaptured c && !"deliver".equals(c.direction())));
        Map<String, String> methodOfMsgId = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        List<RestExchanged> rest = new ArrayList<>();
        Map<String, String> callerOfMsgId = new HashMap<>();
        Map<String, String> targetOfMsgId = new HashMap<>();
        for (EngineEvent e : events) {
            Duration off = Duration.between(t0, e.at());
            if (e instanceof MessagePublished p) {
                MessageSummary m = p.message() == null ? null : p.message().summary();
                MessageKind kind = MessageKind.of(m);
                String method = m == null ? null : m.displayMethod();
                String from = senderLane(m, names, p.connection());
                List<String> to = new ArrayList<>(receivers.getOrDefault(p.messageRef(), Set.of()));
                if (to.isEmpty()) {
                    for (String q : routed.getOrDefault(p.messageRef(), List.of())) {
                        to.add(laneOfQueue(names, q, null));
                    }
                }
                if (m != null && m.msgId() != null && kind == MessageKind.CALL) {
                    callerOfMsgId.put(m.msgId(), from);
                }
                String label = kind.label() + (method == null ? "" : " " + method);
                if (kind == MessageKind.FAILURE) {
                    label = text("failure");
                }
                steps.add(new Step(e.seq(), off, from, to, kind, label));
            } else if (e instanceof MessageCaptured c && !"deliver".equals(c.direction())) {
                // a sniffed publish: the sender the engine named, the receiver from the routing key
                MessageSummary m = c.message() == null ? null : c.message().summary();
                MessageKind kind = MessageKind.of(m);
                String from = senderLane(m, names, c.connection());
                String method = m == null ? null : m.displayMethod();
                String to;
                if (c.exchange() == null || c.exchange().isEmpty()) {
                    to = m == null || m.msgId() == null ? c.routingKey() : callerOfMsgId.getOrDefault(m.msgId(), "caller");
                    method = m == null || m.msgId() == null ? method : methodOfMsgId.get(m.msgId());
                } else if (kind == MessageKind.FANOUT && c.exchange().endsWith("_fanout")) {
                    to = names.binaryForTopic(c.exchange().substring(0, c.exchange().length() - "_fanout".length()));
                } else {
                    to = laneOfQueue(names, c.routingKey(), null);
                }
                if (m != null && m.msgId() != null && kind == MessageKind.CALL) {
                    callerOfMsgId.put(m.msgId(), from);
                    methodOfMsgId.put(m.msgId(), method);
                }
                String label = kind == MessageKind.FAILURE ? text("failure")
                        : kind.label() + (method == null ? "" : " " + method);
                steps.add(new Step(e.seq(), off, from, List.of(to), kind, label));
            } else if (e instanceof MessageReturned r) {
                steps.add(new Step(e.seq(), off, "broker", List.of(), MessageKind.FAILURE,
                        "returned " + r.replyCode() + " " + r.replyText() + " (" + r.routingKey() + ")"));
            } else if (e instanceof RpcCallStarted c && !brokerLevel) {
                String to = lane(new ServiceId(names.binaryForTopic(c.topic()), c.server()));
                MessageKind kind = "fanout".equals(c.kind()) ? MessageKind.FANOUT
                        : "call".equals(c.kind()) ? MessageKind.CALL : MessageKind.CAST;
                if (c.msgId() != null) {
                    callerOfMsgId.put(c.msgId(), "caller");
                    targetOfMsgId.put(c.msgId(), to);
                }
                steps.add(new Step(e.seq(), off, "caller", List.of(to), kind, kind.label() + " " + c.method()));
            } else if (e instanceof RpcReplyReceived r && !brokerLevel) {
                boolean failed = r.failureClass() != null;
                steps.add(new Step(e.seq(), off, targetOfMsgId.getOrDefault(r.msgId(), "server"), List.of("caller"),
                        failed ? MessageKind.FAILURE : MessageKind.REPLY,
                        failed ? "failure " + r.failureClass() : "reply " + r.method()));
            } else if (e instanceof RpcTimedOut t) {
                steps.add(new Step(e.seq(), off, callerOfMsgId.getOrDefault(t.msgId(), "caller"), List.of(),
                        MessageKind.TIMEOUT, text("timeout", t.method(), seconds(t.waited()))));
            } else if (e instanceof RpcFailed f) {
                steps.add(new Step(e.seq(), off, callerOfMsgId.getOrDefault(f.msgId(), "caller"), List.of(),
                        MessageKind.FAILURE, text("failed", f.method(), f.errorClass())));
            } else if (e instanceof RestExchanged r) {
                rest.add(r);
            }
        }
        for (RestExchanged r : rest) {
            // the request came in before the RPC it caused; the hub saw it once answered
            Duration latency = r.latency() == null ? Duration.ZERO : r.latency();
            insertByOffset(steps, new Step(r.seq(), Duration.between(t0, r.at().minus(latency)), REST_CLIENT,
                    List.of(r.service()), MessageKind.REST, "HTTP " + r.method() + " " + r.path()));
            insertByOffset(steps, new Step(r.seq(), Duration.between(t0, r.at()), r.service(), List.of(REST_CLIENT),
                    MessageKind.REST, r.status() + " (" + latency.toMillis() + " ms)"));
        }
        return new SequenceDiagram(lanesOf(steps), mergeHostless(steps));
    }

    /** Before the first step that happened later; the others keep their seq order. */
    private static void insertByOffset(List<Step> steps, Step step) {
        int at = 0;
        while (at < steps.size() && steps.get(at).offset().compareTo(step.offset()) <= 0) {
            at++;
        }
        steps.add(at, step);
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String laneOfQueue(TopologyModel names, String queue, String connection) {
        QueueRole role = QueueRole.of(queue);
        if (role.kind() == QueueRole.Kind.SERVER) {
            return lane(new ServiceId(names.binaryForTopic(role.topic()), role.server()));
        }
        if (connection != null) {
            return lane(names.ownerOf(connection));
        }
        return role.topic() != null ? names.binaryForTopic(role.topic()) : queue;
    }

    /**
     * The lane of a message's sender: the engine's name for it ({@code nova-compute@cmp1}, the same for simulated and
     * sniffed traffic), else the service behind the connection's name.
     */
    private static String senderLane(MessageSummary m, TopologyModel names, String connection) {
        io.osloscope.engine.wire.Sender from = m == null ? null : m.from();
        if (from != null && from.service() != null) {
            return lane(new ServiceId(from.service(), from.host()));
        }
        if (from != null && (from.known() || from.unknownWhy() != null)) {
            return from.label();
        }
        return lane(names.ownerOf(connection));
    }

    private static String lane(ServiceId id) {
        return id.toString();
    }

    /** Lanes in order of first appearance, so a boot reads api → conductor → scheduler → compute. */
    private static List<String> lanesOf(List<Step> steps) {
        Set<String> lanes = new LinkedHashSet<>();
        for (Step s : mergeHostless(steps)) {
            lanes.add(s.from());
            lanes.addAll(s.to());
        }
        return List.copyOf(lanes);
    }

    /** "nova-conductor" and "nova-conductor@ctl1" are one lane when ctl1 is its only host in the flow. */
    private static List<Step> mergeHostless(List<Step> steps) {
        Map<String, Set<String>> hosts = new LinkedHashMap<>();
        for (Step s : steps) {
            List<String> all = new ArrayList<>(s.to());
            all.add(s.from());
            for (String l : all) {
                int at = l.indexOf('@');
                if (at > 0) {
                    hosts.computeIfAbsent(l.substring(0, at), k -> new LinkedHashSet<>()).add(l);
                }
            }
        }
        Map<String, String> rename = new HashMap<>();
        hosts.forEach((binary, withHost) -> {
            if (withHost.size() == 1) {
                rename.put(binary, withHost.iterator().next());
            }
        });
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            List<String> to = new ArrayList<>();
            for (String t : s.to()) {
                // NOTE(lanes): a fanout reaches every host of the binary, so its target stays the group lane.
                String r = s.kind() == MessageKind.FANOUT ? t : rename.getOrDefault(t, t);
                if (!to.contains(r)) {
                    to.add(r);
                }
            }
            out.add(new Step(s.seq(), s.offset(), rename.getOrDefault(s.from(), s.from()), List.copyOf(to), s.kind(), s.label()));
        }
        return out;
    }

    /** A step's words in the window's language (SequenceView.properties); methods and classes stay as they are. */
    private static String text(String key, Object... args) {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.sequence.SequenceView").get(key, args);
    }
}
