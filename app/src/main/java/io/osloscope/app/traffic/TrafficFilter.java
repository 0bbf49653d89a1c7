package io.osloscope.app.traffic;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The stream's filters; blank means "any". {@code method} matches the listed method ({@code Instance.save}: the
 * object class or method alone too) or the RPC method ({@code object_action}). {@code host} matches the publisher
 * ({@code service@host}), the routing key and the
 * queues reached; {@code id} matches {@code _msg_id} or request id by prefix; {@code text} searches every
 * visible column.
 */
public record TrafficFilter(String kind, String method, String host, String id, String text) {
    public static final TrafficFilter NONE = new TrafficFilter(null, null, null, null, null);
    public static final String ANY_KIND = "any kind";

    public Predicate<TrafficRow> predicate() {
        String k = norm(kind);
        String m = norm(method);
        String h = norm(host);
        String i = norm(id);
        String t = norm(text);
        if (k != null && k.equals(ANY_KIND)) {
            k = null;
        }
        if (k == null && m == null && h == null && i == null && t == null) {
            return r -> true;
        }
        String fk = k;
        return r -> (fk == null || fk.equals(r.kind()))
                && (m == null || contains(r.method(), m) || contains(r.rpcMethod(), m))
                && (h == null || matchesHost(r, h))
                && (i == null || startsWith(r.msgId(), i) || startsWith(r.requestId(), i)
                    || contains(r.requestId(), i))
                && (t == null || matchesText(r, t));
    }

    private static boolean matchesHost(TrafficRow r, String h) {
        if (contains(r.from(), h) || contains(r.routingKey(), h)) {
            return true;
        }
        var routed = r.routed();
        if (routed != null) {
            for (String q : routed.queues()) {
                if (contains(q, h)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesText(TrafficRow r, String t) {
        return contains(r.kind(), t) || contains(r.from(), t) || contains(r.exchange(), t)
                || contains(r.routingKey(), t) || contains(r.method(), t) || contains(r.version(), t)
                || contains(r.msgId(), t) || contains(r.requestId(), t) || contains(r.status(), t);
    }

    private static String norm(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static boolean startsWith(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(needle);
    }
}
