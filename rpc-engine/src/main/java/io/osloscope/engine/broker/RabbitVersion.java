package io.osloscope.engine.broker;

/**
 * The RabbitMQ release whose rules a broker follows. The in-memory broker takes one ({@code memory://?rabbitmq=4.0});
 * behaviour that changed between releases (what 4.x writes into declare arguments, the delivery limit quorum queues
 * get by default, upstream 4.3 refusing transient non-exclusive queues) is decided by it.
 */
public enum RabbitVersion {
    V3_10("3.10"),
    V3_13("3.13"),
    V4_0("4.0"),
    V4_3("4.3");

    private final String label;

    RabbitVersion(String label) {
        this.label = label;
    }

    /** {@code 3.10}, {@code 4.0}, ... */
    public String label() {
        return label;
    }

    public boolean atLeast(RabbitVersion other) {
        return compareTo(other) >= 0;
    }

    /** The release named {@code 3.10}, {@code 3.13}, {@code 4.0} or {@code 4.3} (a patch number is ignored: {@code 4.0.5}). */
    public static RabbitVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("\\.");
        if (parts.length >= 2) {
            String minor = parts[0] + "." + parts[1];
            for (RabbitVersion v : values()) {
                if (v.label.equals(minor)) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown RabbitMQ version '" + t + "': use 3.10, 3.13, 4.0 or 4.3");
    }

    @Override
    public String toString() {
        return label;
    }
}
