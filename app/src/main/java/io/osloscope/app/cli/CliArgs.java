package io.osloscope.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code --name value} / {@code --name=value} / {@code --flag} parser. Options may come
 * before or after positional arguments; {@code --} ends option parsing. Unknown options, missing
 * values and repeated options are usage errors.
 */
final class CliArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    /** Options that may be given more than once ({@code --config a.conf --config b.conf}). */
    static final Set<String> REPEATABLE = Set.of("config");

    private CliArgs() {
    }

    /**
     * @param valued option names that take a value (without {@code --})
     * @param flags  option names that take none
     */
    static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags) {
        CliArgs out = new CliArgs();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                out.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (REPEATABLE.contains(name)) {
                out.repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                out.values.put(name, value);
                continue;
            }
            if (out.values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return out;
    }

    String get(String name) {
        return values.get(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    /** Every value of a repeatable option, in order (empty when not given). */
    List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A positive number of seconds (fractions allowed), e.g. {@code --timeout 2.5}. */
    double seconds(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive number of seconds, not '" + v + "'");
        }
    }

    int positiveInt(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive whole number, not '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
