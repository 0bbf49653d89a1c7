package io.osloscope.engine.sniff.health;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue name oslo's queue manager ({@code use_queue_manager}, oslo.messaging 14.7+) built:
 * {@code reply_<hostname>:<processname>:<n>} or {@code <topic>_fanout_<hostname>:<processname>:<n>}. Such queues
 * are not deleted when their process exits; the next process with the same host and process name reuses them,
 * and the broker drops one only after {@code x-expires} unused. Classic {@code reply_<uuid>} names do not parse.
 *
 * @param topic null for a reply queue
 */
public record QueueManagerName(String queue, Role role, String topic, String host, String process, int number) {
    public enum Role { REPLY, FANOUT }

    private static final Pattern REPLY = Pattern.compile("reply_([^:]+):(.+):(\\d{1,9})");
    private static final Pattern FANOUT = Pattern.compile("(.+)_fanout_([^:]+):(.+):(\\d{1,9})");

    /** The parsed name, or null when {@code queue} is not a queue-manager name. */
    public static QueueManagerName parse(String queue) {
        if (queue == null) {
            return null;
        }
        Matcher m = REPLY.matcher(queue);
        if (m.matches()) {
            return new QueueManagerName(queue, Role.REPLY, null, m.group(1), m.group(2), Integer.parseInt(m.group(3)));
        }
        m = FANOUT.matcher(queue);
        if (m.matches()) {
            return new QueueManagerName(queue, Role.FANOUT, m.group(1), m.group(2), m.group(3),
                    Integer.parseInt(m.group(4)));
        }
        return null;
    }

    /** {@code <host>:<process>}: the group of queues one kind of process on one host owns. */
    public String owner() {
        return host + ":" + process;
    }
}
