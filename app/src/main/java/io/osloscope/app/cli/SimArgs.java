package io.osloscope.app.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small {@code --name value} / {@code --flag} parser for the simulation commands. */
final class SimArgs {
    /** Bad command line; the message says what was wrong. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new java.util.ArrayList<>();
    private final Map<String, List<String>> all = new HashMap<>();

    SimArgs(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (flagOptions.contains(name)) {
                    flags.add(name);
                } else if (valueOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    values.put(name, value);
                    all.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option " + name);
                }
            } else {
                positional.add(a);
            }
        }
    }

    /** Every value given for an option, in order ({@code --config} may repeat). */
    List<String> values(String name) {
        return all.getOrDefault(name, List.of());
    }

    /** The shared transport options ({@code --transport}, {@code --config}, {@code --dialect}, {@code --exchange}). */
    TransportChoice transportChoice(String defaultTransport) {
        try {
            return new TransportChoice(value("--transport", defaultTransport), values("--config"),
                    value("--dialect", null), value("--exchange", null));
        } catch (io.osloscope.app.cli.UsageException e) {
            throw new UsageException(e.getMessage());
        }
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    int intValue(String name, int fallback, int min) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageException(name + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + v + "'");
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
