package io.osloscope.sim.nova;

/** nova's binaries, topics and control exchange. */
public final class NovaTopics {
    public static final String CONTROL_EXCHANGE = "nova";
    public static final String COMPUTE = "compute";
    public static final String CONDUCTOR = "conductor";
    public static final String SCHEDULER = "scheduler";
    public static final String BIN_COMPUTE = "nova-compute";
    public static final String BIN_CONDUCTOR = "nova-conductor";
    public static final String BIN_SCHEDULER = "nova-scheduler";
    public static final String BIN_API = "nova-api";

    private NovaTopics() {
    }

    /** The topic a binary serves, or null for nova-api (a sender only). */
    public static String topicOf(String binary) {
        switch (binary) {
            case BIN_COMPUTE: return COMPUTE;
            case BIN_CONDUCTOR: return CONDUCTOR;
            case BIN_SCHEDULER: return SCHEDULER;
            case BIN_API: return null;
            default: throw new IllegalArgumentException("unknown nova binary '" + binary
                    + "' (expected nova-compute, nova-conductor, nova-scheduler or nova-api)");
        }
    }
}
