package io.osloscope.app.topology.model;

import java.nio.charset.StandardCharsets;

/**
 * Tells call, cast, fanout, reply and failed reply apart from where a message went and a cheap
 * byte scan of its oslo envelope (no JSON parse: this runs for every animated message).
 */
public final class MessageKinds {
    private static final byte[] REPLY_Q = bytes("_reply_q");
    private static final byte[] FAILURE = bytes("failure\\\": ");
    private static final byte[] METHOD = bytes("method\\\": \\\"");
    private static final byte[] MSG_ID = bytes("_msg_id\\\": \\\"");
    private static final byte[] INNER_END = bytes("\\\"");

    private MessageKinds() {
    }

    public static MessageKind classify(String exchange, String exchangeType, String routingKey, byte[] body) {
        if ("fanout".equals(exchangeType) || (exchange != null && exchange.endsWith("_fanout"))) {
            return MessageKind.FANOUT;
        }
        if ((exchange == null || exchange.isEmpty()) && routingKey != null && routingKey.startsWith("reply_")) {
            return isFailedReply(body) ? MessageKind.FAILURE : MessageKind.REPLY;
        }
        if (body == null) {
            return MessageKind.OTHER;
        }
        return indexOf(body, REPLY_Q, 0) >= 0 ? MessageKind.CALL : MessageKind.CAST;
    }

    /** True for an oslo reply whose {@code failure} is not null. */
    public static boolean isFailedReply(byte[] body) {
        if (body == null) {
            return false;
        }
        int at = indexOf(body, FAILURE, 0);
        if (at < 0) {
            return false;
        }
        int v = at + FAILURE.length;
        return !(v + 4 <= body.length && body[v] == 'n' && body[v + 1] == 'u' && body[v + 2] == 'l' && body[v + 3] == 'l');
    }

    /** The RPC method named in an oslo 2.0 envelope, or null. */
    public static String method(byte[] body) {
        if (body == null) {
            return null;
        }
        int at = indexOf(body, METHOD, 0);
        if (at < 0) {
            return null;
        }
        int start = at + METHOD.length;
        int end = indexOf(body, INNER_END, start);
        if (end < 0 || end - start > 80) {
            return null;
        }
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    /** The {@code _msg_id} of an oslo 2.0 call or reply, or null. */
    public static String msgId(byte[] body) {
        if (body == null) {
            return null;
        }
        int at = indexOf(body, MSG_ID, 0);
        if (at < 0) {
            return null;
        }
        int start = at + MSG_ID.length;
        int end = indexOf(body, INNER_END, start);
        return end < 0 || end - start > 80 ? null : new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
