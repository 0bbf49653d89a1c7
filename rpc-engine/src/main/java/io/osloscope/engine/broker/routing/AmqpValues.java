package io.osloscope.engine.broker.routing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How RabbitMQ sees Java field-table values: their AMQP type names (as in its error texts), the
 * value comparison its argument and header checks use (integers of any width are equal when their
 * values are, strings and byte arrays are both binaries), and its formatting of values.
 */
public final class AmqpValues {
    private AmqpValues() {
    }

    /** The AMQP 0-9-1 field type name RabbitMQ reports for a Java value sent by amqp-client. */
    public static String typeName(Object v) {
        if (v == null) {
            return "void";
        } else if (v instanceof Integer) {
            return "signedint";
        } else if (v instanceof Long || v instanceof BigInteger) {
            return "long";
        } else if (v instanceof Short) {
            return "short";
        } else if (v instanceof Byte) {
            return "byte";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Float) {
            return "float";
        } else if (v instanceof Double) {
            return "double";
        } else if (v instanceof BigDecimal) {
            return "decimal";
        } else if (v instanceof Date) {
            return "timestamp";
        } else if (v instanceof Map) {
            return "table";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof byte[]) {
            return "binary";
        }
        return "longstr";
    }

    /** RabbitMQ's type class: all integer widths compare as one class, both float widths as another. */
    public static String typeClass(Object v) {
        String t = typeName(v);
        return switch (t) {
            case "signedint", "long", "short", "byte" -> "int";
            case "float", "double" -> "float";
            default -> t;
        };
    }

    /** The value as Erlang holds it, so that {@code equals} mirrors Erlang term equality. */
    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        } else if (v instanceof Float f) {
            return f.doubleValue();
        } else if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        } else if (v instanceof CharSequence || (v != null && v.getClass().getName().endsWith("LongString"))) {
            return v.toString();
        }
        return v;
    }

    public static boolean sameValue(Object a, Object b) {
        return Objects.equals(normalize(a), normalize(b));
    }

    /** Formats like RabbitMQ's {@code ~p}/{@code ~s}: the bare value. */
    public static String format(Object v) {
        Object n = normalize(v);
        return n == null ? "undefined" : n.toString();
    }

    /** Long value of a numeric argument, or null when the value is not an integer. */
    public static Long integral(Object v) {
        Object n = normalize(v);
        return n instanceof Long l ? l : null;
    }
}
