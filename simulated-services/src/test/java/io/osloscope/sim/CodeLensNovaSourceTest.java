package io.osloscope.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code lens names real code: every Java side is a public method of a simulated service's class, every Python
 * side a {@code def} inside that {@code class} of the installed nova ({@code apt-get install -y python3-nova}).
 */
class CodeLensNovaSourceTest {
    private static final Path NOVA = Path.of(System.getenv().getOrDefault("OSLOSCOPE_NOVA_SOURCE",
            "/usr/lib/python3/dist-packages"));

    @Test
    void everyPythonReferenceNamesAFunctionOfTheInstalledNova() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(NOVA.resolve("nova")), "nova's Python source is not installed at "
                + NOVA + "/nova: apt-get install -y python3-nova (or set OSLOSCOPE_NOVA_SOURCE to the directory "
                + "holding nova/)");
        List<String> missing = new ArrayList<>();
        for (CodeLens.Entry e : CodeLens.entries()) {
            for (CodeLens.Side s : List.of(e.sender(), e.handler())) {
                if (!defines(NOVA.resolve(s.pythonFile()), s.pythonFunction())) {
                    missing.add(s.pythonReference());
                }
            }
        }
        assertEquals(List.of(), missing, "not found in nova's source");
    }

    @Test
    void everyJavaReferenceNamesAMethodOfOurSimulatedServices() {
        List<String> missing = new ArrayList<>();
        for (CodeLens.Entry e : CodeLens.entries()) {
            for (CodeLens.Side s : List.of(e.sender(), e.handler())) {
                Class<?> c = find(s.javaClass());
                if (c == null || Arrays.stream(c.getMethods()).map(Method::getName).noneMatch(s.javaMethod()::equals)) {
                    missing.add(s.javaReference());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aMessageFindsItsEntryByTopicAndMethod() {
        assertEquals("ComputeManager.start_instance",
                CodeLens.lookup(CodeLens.topicOf("nova", "compute.compute1"), "start_instance").orElseThrow()
                        .handler().javaReference());
        assertEquals("scheduler", CodeLens.topicOf("scheduler_fanout", ""));
        assertEquals("nova/baserpc.py BaseRPCAPI.ping",
                CodeLens.lookup("compute", "ping").orElseThrow().handler().pythonReference());
        assertTrue(CodeLens.lookup("compute", "no_such_method").isEmpty());
    }

    /** True when {@code file} has {@code class C...:} with a {@code def f(} indented inside it. */
    private static boolean defines(Path file, String classDotFunction) throws Exception {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String[] parts = classDotFunction.split("\\.");
        List<String> lines = Files.readAllLines(file);
        Pattern cls = Pattern.compile("^class " + Pattern.quote(parts[0]) + "\\b.*:");
        Pattern def = Pattern.compile("^\\s+def " + Pattern.quote(parts[1]) + "\\(");
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("class ")) {
                inside = cls.matcher(line).find();
            } else if (inside && def.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> find(String simpleName) {
        for (String pkg : List.of("io.osloscope.sim.nova.", "io.osloscope.sim.service.")) {
            try {
                return Class.forName(pkg + simpleName);
            } catch (ClassNotFoundException ignored) {
                // next package
            }
        }
        return null;
    }
}
