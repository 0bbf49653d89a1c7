package io.osloscope.app.cli;

/** Checks and converts option values that picocli hands over as text, with the commands' usage messages. */
final class OptionValues {
    private OptionValues() {
    }

    /** A positive number of seconds (fractions allowed), e.g. {@code --timeout 2.5}; {@code fallback} when absent. */
    static double seconds(String name, String value, double fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a positive number of seconds, not '" + value + "'");
        }
    }

    static int positiveInt(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a positive whole number, not '" + value + "'");
        }
    }

    /** A whole number of at least {@code min}; {@code fallback} when absent. */
    static int atLeast(String name, String value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + value + "'");
        }
        if (n < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + n);
        }
        return n;
    }
}
