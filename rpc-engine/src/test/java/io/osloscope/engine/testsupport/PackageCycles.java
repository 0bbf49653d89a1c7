package io.osloscope.engine.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds import cycles between packages of a source tree: each file's {@code package} line and every
 * {@code io.osloscope....Type} it names (imports, static imports, fully qualified names in code) make the edges; a
 * cycle is a strongly connected set of two or more packages. Comments are skipped. Used by each module's
 * {@code PackageCyclesTest}.
 */
public final class PackageCycles {
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.osloscope(?:\\.[a-z_][a-z0-9_]*)+(?=\\.[A-Z])");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private PackageCycles() {
    }

    /** Package to the packages it names, each edge with the files that name it. */
    public static Map<String, Map<String, Set<String>>> graph(Path sourceRoot) {
        Map<String, Map<String, Set<String>>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher p = PACKAGE.matcher(text);
                if (!p.find()) {
                    continue;
                }
                String from = p.group(1);
                Map<String, Set<String>> out = deps.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher r = REFERENCE.matcher(COMMENT.matcher(text).replaceAll(""));
                while (r.find()) {
                    if (!r.group().equals(from)) {
                        out.computeIfAbsent(r.group(), k -> new TreeSet<>()).add(f.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    /**
     * The cycles, each named as {@code a <-> b <-> c} (sorted) followed by its edges and the files behind them;
     * empty when the packages depend one way only.
     */
    public static List<String> cycles(Path sourceRoot) {
        Map<String, Map<String, Set<String>>> deps = graph(sourceRoot);
        List<String> out = new ArrayList<>();
        for (Set<String> component : new Tarjan(deps).components()) {
            if (component.size() < 2) {
                continue;
            }
            StringBuilder s = new StringBuilder(String.join(" <-> ", component));
            for (String a : component) {
                for (var e : deps.getOrDefault(a, Map.of()).entrySet()) {
                    if (component.contains(e.getKey())) {
                        s.append("\n    ").append(a).append(" -> ").append(e.getKey()).append(" ").append(e.getValue());
                    }
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /** The cycle names only (the first line of each {@link #cycles} entry). */
    public static Set<String> cycleNames(Path sourceRoot) {
        Set<String> names = new TreeSet<>();
        for (String c : cycles(sourceRoot)) {
            names.add(c.lines().findFirst().orElseThrow());
        }
        return names;
    }

    /** Tarjan's strongly connected components (recursive: a module has tens of packages). */
    private static final class Tarjan {
        private final Map<String, Map<String, Set<String>>> deps;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> result = new ArrayList<>();

        Tarjan(Map<String, Map<String, Set<String>>> deps) {
            this.deps = deps;
        }

        List<Set<String>> components() {
            Set<String> all = new TreeSet<>(deps.keySet());
            deps.values().forEach(m -> all.addAll(m.keySet()));
            for (String v : all) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return result;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : deps.getOrDefault(v, Map.of()).keySet()) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                result.add(component);
            }
        }
    }
}
