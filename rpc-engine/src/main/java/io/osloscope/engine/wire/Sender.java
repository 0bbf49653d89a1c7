package io.osloscope.engine.wire;

/**
 * Who published a message: the service (oslo's program name, e.g. {@code nova-compute}), the host it runs on
 * (nova's {@code CONF.host} when the broker shows which server queue the process consumes, else the peer address)
 * and its process id. Any part may be null when nothing tells it; {@code unknownWhy} then says what could not be
 * known (e.g. "sender unknown in tap mode"), null when the sender is known.
 *
 * <p>oslo.messaging names each AMQP connection {@code <basename(argv[0])>:<pid>:<uuid4>} in the
 * {@code connection_name} client property ({@code impl_rabbit.Connection}); {@link #fromConnectionName} reads that.
 */
public record Sender(String service, String host, Integer pid, String unknownWhy) {
    /** A sender nobody can name, with the reason shown in its place. */
    public static Sender unknown(String why) {
        return new Sender(null, null, null, why);
    }

    public Sender(String service, String host, Integer pid) {
        this(service, host, pid, null);
    }

    /** True when at least the service or the host is known. */
    public boolean known() {
        return service != null || host != null;
    }

    /** {@code service@host}, or the part that is known, or the reason it is not. */
    public String label() {
        if (service != null && host != null) {
            return service + "@" + host;
        }
        if (service != null) {
            return service;
        }
        if (host != null) {
            return pid == null ? host : "pid " + pid + "@" + host;
        }
        return unknownWhy != null ? unknownWhy : pid != null ? "pid " + pid : "unknown";
    }

    /** This sender with the host set (when it had none). */
    public Sender withHost(String h) {
        return new Sender(service, h, pid, null);
    }

    /**
     * oslo's {@code <program>:<pid>:<uuid>} as (program, null host, pid); null for any other name. A program that
     * is no program ({@code -c} of {@code python3 -c ...}, an interpreter's name) leaves the service null.
     */
    public static Sender fromConnectionName(String connectionName) {
        if (connectionName == null) {
            return null;
        }
        int last = connectionName.lastIndexOf(':');
        if (last <= 0) {
            return null;
        }
        int mid = connectionName.lastIndexOf(':', last - 1);
        if (mid <= 0) {
            return null;
        }
        String uuid = connectionName.substring(last + 1);
        String pid = connectionName.substring(mid + 1, last);
        if (pid.isEmpty() || pid.length() > 10 || !pid.chars().allMatch(Character::isDigit)
                || uuid.length() < 32 || uuid.length() > 36 || !uuid.chars().allMatch(c -> c == '-'
                || Character.digit(c, 16) >= 0)) {
            return null;
        }
        String program = connectionName.substring(0, mid);
        long p = Long.parseLong(pid);
        return new Sender(isProgram(program) ? program : null, null, p > Integer.MAX_VALUE ? null : (int) p);
    }

    /** False for what argv[0] holds when a service was not started by its console script. */
    static boolean isProgram(String program) {
        return !program.isBlank() && !program.startsWith("-") && !program.matches("python[0-9.]*");
    }
}
