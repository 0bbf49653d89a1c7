package io.osloscope.engine.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request's messages in publish order ({@link TraceHop}s), keyed by its request id ({@code req-...}); its
 * {@code globalRequestId} when a message carried one. Immutable snapshot.
 */
public record RequestTrace(String requestId, String globalRequestId, List<TraceHop> hops) {
    public RequestTrace {
        hops = List.copyOf(hops);
    }

    public Instant start() {
        return hops.isEmpty() ? null : hops.get(0).at();
    }

    /** Milliseconds from the trace's first message to {@code hop}. */
    public long offsetMillis(TraceHop hop) {
        return start() == null ? 0 : Duration.between(start(), hop.at()).toMillis();
    }

    /** From the first message to the last message or reply, in ms. */
    public double durationMillis() {
        double end = 0;
        for (TraceHop h : hops) {
            end = Math.max(end, offsetMillis(h) + (h.latencyMs() == null ? 0 : h.latencyMs()));
        }
        return end;
    }

    /** The first hop's method: what the request started with. */
    public String firstMethod() {
        return hops.isEmpty() ? null : hops.get(0).method();
    }

    /** The lane (service@host) that sent {@code hop}: see {@link #lanes()}. */
    public String fromLane(TraceHop hop) {
        return merge(lane(shortService(hop.fromService(), hop.exchange()), hop.fromHost()), true);
    }

    /** The lane that received {@code hop}: its topic at its server (or the host that answered a call). */
    public String toLane(TraceHop hop) {
        String host = hop.toServer();
        if (host == null && hop.replyHost() != null && hop.replyService() != null) {
            host = hop.replyHost();
        }
        return merge(lane(hop.toTopic(), host), false);
    }

    /**
     * The lanes of a timeline, one per service@host, in order of first appearance. A service is named as the topic
     * it serves ({@code nova-conductor} sends on the lane {@code conductor}), and a lane without host joins the one
     * lane of that service with a host when there is exactly one, so a process that sends and receives has one lane.
     */
    public List<String> lanes() {
        Set<String> out = new LinkedHashSet<>();
        for (TraceHop h : hops) {
            out.add(fromLane(h));
            out.add(toLane(h));
        }
        return new ArrayList<>(out);
    }

    private String merge(String lane, boolean sender) {
        int at = lane.indexOf('@');
        if (at >= 0 || "?".equals(lane)) {
            return lane;
        }
        String withHost = null;
        for (TraceHop h : hops) {
            for (String candidate : new String[] {
                    lane(shortService(h.fromService(), h.exchange()), h.fromHost()), lane(h.toTopic(), h.toServer())}) {
                if (candidate.startsWith(lane + "@")) {
                    if (withHost != null && !withHost.equals(candidate)) {
                        return lane;
                    }
                    withHost = candidate;
                }
            }
        }
        return withHost == null ? lane : withHost;
    }

    static String lane(String service, String host) {
        if (service == null && host == null) {
            return "?";
        }
        return (service == null ? "?" : service) + (host == null ? "" : "@" + host);
    }

    /** {@code nova-conductor} on exchange {@code nova} → {@code conductor}; other names unchanged. */
    static String shortService(String service, String exchange) {
        if (service == null) {
            return null;
        }
        String control = exchange == null || exchange.isEmpty() ? null
                : exchange.endsWith("_fanout") ? null : exchange.toLowerCase(Locale.ROOT);
        if (control != null && service.startsWith(control + "-")) {
            return service.substring(control.length() + 1);
        }
        int dash = service.indexOf('-');
        return service.startsWith("nova-") && dash > 0 ? service.substring(dash + 1) : service;
    }
}
