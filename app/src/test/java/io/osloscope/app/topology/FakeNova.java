package io.osloscope.app.topology;

import io.osloscope.engine.wire.MessageProperties;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.BrokerEvents.BindingMatch;
import io.osloscope.engine.observe.BrokerEvents.TopologyChange;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.MessageSnapshot;
import io.osloscope.engine.observe.NodeEvents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the events a small nova cloud produces (topology, then a boot flow) as an in-memory broker
 * would report them: nova-api, one conductor and scheduler on ctl1, and N computes.
 */
public final class FakeNova {
    private long seq;
    private long ref;
    private final List<EngineEvent> events = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-25T10:00:00Z");

    public static final String API_REPLY = "reply_aaaa00000000000000000000000000a1";
    public static final String CONDUCTOR_REPLY = "reply_cccc00000000000000000000000000c1";

    public static List<EngineEvent> topology(int computes) {
        FakeNova f = new FakeNova();
        f.declareTopology(computes);
        return f.events;
    }

    public static List<EngineEvent> withBootFlow(int computes) {
        FakeNova f = new FakeNova();
        f.declareTopology(computes);
        f.bootFlow("compute.host" + Math.min(3, computes), "req-1");
        return f.events;
    }

    public List<EngineEvent> events() {
        return events;
    }

    public void declareTopology(int computes) {
        exchange("nova", "topic");
        service("nova-api", "api1");
        server("conductor", "ctl1", "nova-conductor");
        server("scheduler", "ctl1", "nova-scheduler");
        for (int i = 1; i <= computes; i++) {
            server("compute", "host" + i, "nova-compute");
        }
        replyQueue(API_REPLY);
        replyQueue(CONDUCTOR_REPLY);
    }

    private void server(String topic, String host, String binary) {
        service(binary, host);
        queue(topic, "nova", topic);
        queue(topic + "." + host, "nova", topic + "." + host);
        exchange(topic + "_fanout", "fanout");
        String fanoutQ = topic + "_fanout_" + hex(topic + host);
        queue(fanoutQ, topic + "_fanout", topic);
        for (String q : List.of(topic, topic + "." + host, fanoutQ)) {
            add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.CONSUMER_ADDED, "ctag-" + seq, q,
                    null, null));
        }
    }

    private void replyQueue(String name) {
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.QUEUE_DECLARED, name, null, null,
                "x-expires=1800000"));
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.CONSUMER_ADDED, "1", name, null, null));
    }

    public void service(String binary, String host) {
        add(new NodeEvents.NodeStateChanged(++seq, tick(), binary, host, "up"));
    }

    public void exchange(String name, String type) {
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.EXCHANGE_DECLARED, name, null, null,
                type + " durable=false"));
    }

    /** A queue declared with {@code detail} as the broker describes it ({@code durable x-queue-type=quorum}). */
    public void queue(String name, String detail) {
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.QUEUE_DECLARED, name, null, null, detail));
    }

    private void queue(String name, String exchange, String key) {
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.QUEUE_DECLARED, name, null, null, ""));
        add(new BrokerEvents.TopologyChanged(++seq, tick(), TopologyChange.BOUND, name, exchange, key, null));
    }

    /** api → conductor (cast build_instances) → scheduler (call) → reply → compute (cast). */
    public void bootFlow(String computeQueue, String requestId) {
        message("nova-api:101:aa", "nova", "topic", "conductor", List.of("conductor"), "nova-conductor:202:c1",
                cast("build_instances", requestId));
        message("nova-conductor:202:c2", "nova", "topic", "scheduler", List.of("scheduler"), "nova-scheduler:303:s1",
                call("select_destinations", requestId, CONDUCTOR_REPLY));
        message("nova-scheduler:303:s2", "", "direct", CONDUCTOR_REPLY, List.of(CONDUCTOR_REPLY),
                "nova-conductor:202:c3", reply(false));
        message("nova-conductor:202:c2", "nova", "topic", computeQueue, List.of(computeQueue),
                "nova-compute:404:" + computeQueue, cast("build_and_run_instance", requestId));
    }

    public long message(String from, String exchange, String type, String key, List<String> queues, String to,
                        String body) {
        long r = ++ref;
        MessageSnapshot snap = new MessageSnapshot(MessageProperties.EMPTY, body.getBytes(StandardCharsets.UTF_8), exchange,
                from);
        add(new BrokerEvents.MessagePublished(++seq, tick(), r, from, exchange, key, false, snap));
        List<BindingMatch> matches = new ArrayList<>();
        for (String q : queues) {
            matches.add(new BindingMatch(exchange, q, key, true, "key equals binding key"));
        }
        add(new BrokerEvents.MessageRouted(++seq, tick(), r, exchange, type, key, matches, queues));
        for (String q : queues) {
            add(new BrokerEvents.MessageEnqueued(++seq, tick(), r, q, 1));
            if (to != null) {
                add(new BrokerEvents.MessageDelivered(++seq, tick(), r, q, "1", to, r, false, exchange, key, snap));
            }
        }
        return r;
    }

    public static String cast(String method, String requestId) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}, \\\"_unique_id\\\": \\\"u1\\\", \\\"_context_request_id\\\": \\\""
                + requestId + "\\\"}\"}";
    }

    public static String call(String method, String requestId, String replyQ) {
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"" + method
                + "\\\", \\\"args\\\": {}, \\\"_msg_id\\\": \\\"m1\\\", \\\"_reply_q\\\": \\\"" + replyQ
                + "\\\", \\\"_context_request_id\\\": \\\"" + requestId + "\\\"}\"}";
    }

    public static String reply(boolean failed) {
        String failure = failed
                ? "\\\"{\\\\\\\"class\\\\\\\": \\\\\\\"NoValidHost\\\\\\\", \\\\\\\"message\\\\\\\": \\\\\\\"no host\\\\\\\"}\\\""
                : "null";
        return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"result\\\": null, \\\"failure\\\": " + failure
                + ", \\\"ending\\\": true, \\\"_msg_id\\\": \\\"m1\\\"}\"}";
    }

    private static String hex(String seed) {
        String h = String.format("%032x", new java.math.BigInteger(1, seed.getBytes(StandardCharsets.UTF_8)));
        return h.substring(h.length() - 32);
    }

    private Instant tick() {
        clock = clock.plusMillis(3);
        return clock;
    }

    private void add(EngineEvent e) {
        events.add(e);
    }
}
