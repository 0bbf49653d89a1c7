package io.osloscope.engine.observe.pairing;

/** Latency summary for one method or host, in milliseconds (p50/p99 from a histogram, ±9%). */
public record LatencyStats(String key, long count, double p50Millis, double p99Millis, double maxMillis,
                           double meanMillis) {
}
