package io.osloscope.engine.sniff.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What captured oslo traffic tells the health rules: when each host last reported its state (nova's report_state,
 * a {@code Service.save} through {@code object_action}), the calls answered with {@code UnsupportedVersion}, and
 * the calls that timed out, with their method and host. Filled on the capture's pipeline thread, read by
 * {@link HealthHints}; thread-safe.
 */
public final class OsloTraffic {
    /** nova's {@code report_interval} default. */
    public static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    /** One call answered with UnsupportedVersion. */
    public record Refusal(String method, String host, String message) {
    }

    /** One call that timed out. */
    public record Timeout(String method, String host) {
    }

    private final Map<String, Instant> lastReport = new TreeMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Timeout> timeouts = new ArrayList<>();
    private Instant from;
    private Instant to;

    /** The capture covered {@code at}: widens the observed window. */
    public synchronized void observed(Instant at) {
        if (from == null || at.isBefore(from)) {
            from = at;
        }
        if (to == null || at.isAfter(to)) {
            to = at;
        }
    }

    public synchronized void reportState(String host, Instant at) {
        lastReport.merge(host, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    public synchronized void unsupportedVersion(String method, String host, String message) {
        refusals.add(new Refusal(method, host, message));
    }

    public synchronized void timeout(String method, String host) {
        timeouts.add(new Timeout(method, host));
    }

    public synchronized Instant lastReport(String host) {
        return lastReport.get(host);
    }

    public synchronized Map<String, Instant> lastReports() {
        return Map.copyOf(lastReport);
    }

    public synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public synchronized List<Timeout> timeouts() {
        return List.copyOf(timeouts);
    }

    /** From the first to the last moment the capture covered; null before anything was seen. */
    public synchronized Instant from() {
        return from;
    }

    public synchronized Instant to() {
        return to;
    }

    /** How long the capture has watched. */
    public synchronized Duration watched() {
        return from == null ? Duration.ZERO : Duration.between(from, to);
    }
}
