package io.osloscope.engine.sniff;

/**
 * How the sniffer sees traffic, least intrusive first. {@link #cost()} and {@link #blindSpot()} are the
 * sentences a UI shows next to the active mode.
 */
public enum CaptureMode {
    /**
     * The sniffer's own exclusive, auto-delete, server-named queue, bound with {@code #} to every topic
     * exchange and with {@code ""} to every {@code *_fanout} exchange. Application queues are untouched.
     */
    TAP("tap: one private copy queue bound to the topic and *_fanout exchanges; no broker setting changes",
            "replies travel through the default exchange, which cannot be bound, so tap mode never sees replies "
                    + "and cannot pair calls or measure latency; it also makes a message to a topic nobody consumes "
                    + "routable, so a mandatory (at_least_once) publish to it is no longer returned"),
    /**
     * RabbitMQ's firehose: tracing switched on for the vhost ({@code rabbitmqctl trace_on}) and a private
     * queue bound to {@code amq.rabbitmq.trace} with {@code publish.#} and {@code deliver.#}.
     */
    FIREHOSE("firehose: tracing switched on for the vhost while capturing; the broker copies every publish and "
            + "delivery (CPU and traffic on the broker roughly double for traced messages)",
            "needs explicit consent and the administrator tag; if this program crashes, tracing stays on until "
                    + "the next capture or 'rabbitmqctl trace_off -p <vhost>'");

    private final String cost;
    private final String blindSpot;

    CaptureMode(String cost, String blindSpot) {
        this.cost = cost;
        this.blindSpot = blindSpot;
    }

    /** What this mode does to the broker, in one sentence. */
    public String cost() {
        return cost;
    }

    /** What this mode cannot see or what it risks, in one sentence. */
    public String blindSpot() {
        return blindSpot;
    }

    public static CaptureMode parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase()) {
            case "tap" -> TAP;
            case "firehose" -> FIREHOSE;
            default -> throw new IllegalArgumentException("capture mode must be tap or firehose, got '" + s + "'");
        };
    }
}
