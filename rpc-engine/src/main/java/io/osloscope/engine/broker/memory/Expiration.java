package io.osloscope.engine.broker.memory;

/** The {@code expiration} basic property: a string of non-negative milliseconds, checked as RabbitMQ checks it. */
final class Expiration {
    private Expiration() {
    }

    static long parse(String s) {
        int i = 0;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            i = 1;
        }
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw AmqpErrors.preconditionFailed("invalid expiration '" + s + "': no_integer");
        }
        if (i < s.length()) {
            throw AmqpErrors.preconditionFailed("invalid expiration '" + s + "': {leftover_string,\"" + s.substring(i) + "\"}");
        }
        long v;
        try {
            v = Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
            v = Long.MAX_VALUE;
        }
        if (negative && v != 0) {
            throw AmqpErrors.preconditionFailed("invalid expiration '" + s + "': {value_negative,-" + v + "}");
        }
        return v;
    }
}
