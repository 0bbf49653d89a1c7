package io.osloscope.engine.observe.pairing;

/**
 * A fixed-size log-linear histogram of durations in microseconds (8 buckets per power of two, about 9%
 * relative error, 1 µs to about 12 days). Constant memory however many values go in. Not thread-safe.
 */
public final class LatencyHistogram {
    private static final int SUB = 8;
    private static final int POWERS = 40;
    private final long[] buckets = new long[POWERS * SUB];
    private long count;
    private long sumMicros;
    private long maxMicros;
    private long minMicros = Long.MAX_VALUE;

    public void record(long micros) {
        long v = Math.max(1, micros);
        buckets[index(v)]++;
        count++;
        sumMicros += v;
        maxMicros = Math.max(maxMicros, v);
        minMicros = Math.min(minMicros, v);
    }

    public long count() {
        return count;
    }

    /** The value at quantile {@code q} (0..1) in microseconds, 0 when empty. */
    public long quantileMicros(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(maxMicros, Math.max(minMicros, upperBound(i)));
            }
        }
        return maxMicros;
    }

    public LatencyStats snapshot(String key) {
        return new LatencyStats(key, count, quantileMicros(0.50) / 1000.0, quantileMicros(0.99) / 1000.0,
                maxMicros / 1000.0, count == 0 ? 0 : sumMicros / 1000.0 / count);
    }

    static int index(long v) {
        int power = 63 - Long.numberOfLeadingZeros(v);
        if (power >= POWERS) {
            return POWERS * SUB - 1;
        }
        int sub = power < 3 ? (int) (v - (1L << power)) * SUB >> power
                : (int) ((v >> (power - 3)) & (SUB - 1));
        return power * SUB + sub;
    }

    static long upperBound(int index) {
        int power = index / SUB;
        int sub = index % SUB;
        long base = 1L << power;
        return base + ((base * (sub + 1)) >> 3) - 1;
    }
}
