package io.osloscope.engine.sniff;

import io.osloscope.engine.sniff.capture.RawCapture;
import io.osloscope.engine.sniff.health.QueueManagerName;
import io.osloscope.engine.sniff.mgmt.SenderDirectory;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.engine.wire.Sender;

/**
 * Names the sender of each captured publish, once, on the pipeline thread. With the firehose the broker says which
 * connection published ({@code connection} header) and the {@link SenderDirectory} says who that is. Without it
 * (tap mode, stream reads) only the message can tell: a call's queue-manager reply queue
 * {@code reply_<host>:<process>:<n>} names host and process, the consumer of a classic reply queue names its
 * process, a notification's {@code publisher_id} ({@code nova-compute:cmp1}) names service and host; anything else
 * is said to be unknown, with why.
 */
final class Senders {
    static final String UNKNOWN_TAP = "sender unknown in tap mode";
    static final String UNKNOWN_STREAM = "sender unknown (read from a stream)";
    static final String UNKNOWN_NOT_RECORDED = "sender unknown (not in the recording)";

    /** How long a live capture waits for the management API to list a connection it has not seen yet. */
    static final java.time.Duration NEW_CONNECTION_WAIT = java.time.Duration.ofSeconds(6);

    private volatile SenderDirectory directory;
    /** When each connection the directory did not know was first seen (live capture only). */
    private final java.util.Map<String, Long> firstSeen = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    };

    /** How often connections named late are looked up again, and for how long before giving up on one. */
    static final java.time.Duration LOOK_UP_AGAIN = java.time.Duration.ofSeconds(2);
    static final java.time.Duration GIVE_UP = java.time.Duration.ofMinutes(5);

    /** Connections whose messages went out unnamed because the directory did not list them yet, by first miss. */
    private final java.util.Map<String, Long> unnamed = new java.util.LinkedHashMap<>();
    private long nextLookUp;

    void directory(SenderDirectory d) {
        this.directory = d;
    }

    /**
     * Holds a live capture from a connection the management API does not list yet: RabbitMQ's management lists a
     * new connection only with its next statistics (every 5 s by default), and oslo opens pooled connections on
     * first use, so the first messages of a new process would otherwise go unnamed. Waits at most
     * {@link #NEW_CONNECTION_WAIT} per connection, not at all while the API fails or {@code worthWaiting} says no
     * (the inbox filling up); captures behind it wait too, so the order stays the broker's.
     */
    void awaitKnown(RawCapture r, java.util.function.BooleanSupplier worthWaiting) throws InterruptedException {
        SenderDirectory dir = directory;
        String conn = r.connection();
        if (dir == null || conn == null || !r.isPublish()) {
            return;
        }
        long deadline = 0;
        while (dir.problem() == null && dir.senderOf(conn) == null && worthWaiting.getAsBoolean()) {
            if (deadline == 0) {
                deadline = firstSeen.computeIfAbsent(conn, c -> System.nanoTime()) + NEW_CONNECTION_WAIT.toNanos();
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            Thread.sleep(200);
        }
    }

    Sender identify(RawCapture r, MessageSummary d) {
        SenderDirectory dir = directory;
        String conn = r.connection();
        Sender publisher = d.notification() == null ? null : d.notification().publisher();
        if (conn != null) {
            Sender s = dir == null ? null : dir.senderOf(conn);
            if (s == null && dir != null && dir.problem() == null && unnamed.size() < 1_000) {
                unnamed.putIfAbsent(conn, System.nanoTime());
            }
            if (s != null && (s.service() != null || publisher == null)) {
                return s;
            }
            // a notification's publisher_id names service and host when the connection does not
            return publisher != null ? new Sender(publisher.service(), publisher.host(), s == null ? null : s.pid())
                    : new Sender(null, peerOf(conn), null, null);
        }
        if (publisher != null) {
            return publisher;
        }
        if (d.kind().isRequest() && d.replyQ() != null) {
            QueueManagerName q = QueueManagerName.parse(d.replyQ());
            if (q != null && q.role() == QueueManagerName.Role.REPLY) {
                return new Sender(q.process(), q.host(), null);
            }
            Sender owner = dir == null ? null : dir.consumerOf(d.replyQ());
            if (owner != null) {
                return owner;
            }
        }
        return Sender.unknown(RawCapture.STREAM.equals(r.direction()) ? UNKNOWN_STREAM
                : RawCapture.TAP.equals(r.direction()) ? UNKNOWN_TAP : UNKNOWN_NOT_RECORDED);
    }

    /**
     * The connections named since their messages went out unnamed: asks the directory again (which reads the
     * management API at most once a second) every {@link #LOOK_UP_AGAIN}, or now when {@code now} is set (the
     * capture is ending); a connection still unlisted after {@link #GIVE_UP} is given up. Pipeline thread.
     */
    java.util.Map<String, Sender> namedLate(boolean now) {
        SenderDirectory dir = directory;
        long t = System.nanoTime();
        if (dir == null || unnamed.isEmpty() || (!now && t - nextLookUp < 0)) {
            return java.util.Map.of();
        }
        nextLookUp = t + LOOK_UP_AGAIN.toNanos();
        if (now) {
            dir.refresh();
        }
        java.util.Map<String, Sender> out = new java.util.LinkedHashMap<>();
        for (var it = unnamed.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Sender s = dir.senderOf(e.getKey());
            if (s != null) {
                out.put(e.getKey(), s);
                it.remove();
            } else if (t - e.getValue() > GIVE_UP.toNanos()) {
                it.remove();
            }
        }
        return out;
    }

    /** The client address of a management connection name {@code ip:port -> ip:port}; the name when it is not one. */
    static String peerOf(String connection) {
        int arrow = connection.indexOf(" -> ");
        String peer = arrow > 0 ? connection.substring(0, arrow) : connection;
        int colon = peer.lastIndexOf(':');
        return colon > 0 && arrow > 0 ? peer.substring(0, colon) : peer;
    }
}
