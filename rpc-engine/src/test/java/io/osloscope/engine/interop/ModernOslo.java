package io.osloscope.engine.interop;

import io.osloscope.engine.testsupport.RabbitTestSupport;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Modern oslo.messaging in the Debian chroot {@code .ci/rabbit4} builds: trixie (16.1, beside RabbitMQ 4.0.5)
 * by default, {@code OSLOSCOPE_MODERN_SUITE=sid} for 18.3 on 4.3. As a JUnit condition it skips with a how-to
 * when the chroot cannot run python there (not root, no chroot, no oslo inside) and fails under {@code CI=true}.
 */
public final class ModernOslo implements ExecutionCondition {
    private static volatile String problem;
    private static volatile boolean checked;

    /** The chroot suite the modern peers run in. */
    static String suite() {
        return RabbitTestSupport.env("OSLOSCOPE_MODERN_SUITE", "trixie");
    }

    /** {@code .ci/rabbit4} of this checkout. */
    static Path tool() {
        for (Path p : List.of(Path.of(".ci/rabbit4"), Path.of("../.ci/rabbit4"))) {
            if (Files.isExecutable(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(".ci/rabbit4 not found from " + Path.of("").toAbsolutePath());
    }

    static Path chrootRoot(String suite) {
        return Path.of(RabbitTestSupport.env("OSLOSCOPE_CHROOT_DIR", "/var/lib/osloscope/chroot")).resolve(suite);
    }

    /** Copies src/test/python into the chroot's /tmp (once per JVM and suite); returns that folder outside the chroot. */
    static synchronized Path copyScripts(String suite) {
        Path target = chrootRoot(suite).resolve("tmp/osloscope-peers-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target);
            target.toFile().deleteOnExit();
            try (Stream<Path> files = Files.list(PythonPeer.scriptDir())) {
                for (Path f : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                    Path copy = target.resolve(f.getFileName());
                    Files.copy(f, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    copy.toFile().deleteOnExit();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the peers into " + target, e);
        }
    }

    /** The oslo.messaging version inside, or why python cannot run there. */
    static String probe() {
        try {
            Process p = new ProcessBuilder(tool().toString(), "exec", suite(), "python3", "-c",
                    "import oslo_messaging, importlib.metadata as m; print(m.version('oslo.messaging'))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "cannot run oslo.messaging in the " + suite() + " chroot: " + out;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot run .ci/rabbit4: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!checked) {
            problem = probe();
            checked = true;
        }
        if (problem == null) {
            return ConditionEvaluationResult.enabled("modern oslo.messaging in the " + suite() + " chroot");
        }
        String why = problem + " (as root: '.ci/rabbit4 build " + suite() + "' and '.ci/rabbit4 start " + suite()
                + "'; see README 'RabbitMQ 4.x')";
        if (RabbitTestSupport.required()) {
            throw new IllegalStateException("CI=true and " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}
