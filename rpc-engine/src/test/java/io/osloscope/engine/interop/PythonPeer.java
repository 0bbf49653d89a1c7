package io.osloscope.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One Python peer process (a script from {@code src/test/python}) run with the system Python that
 * has oslo.messaging. Its stdout lines are collected as they come; lines of the form
 * {@code KIND <json>} are records the tests assert on. Closing stops it (stdin closes, which the
 * peers take as "stop"), and kills it if it does not exit in time.
 */
final class PythonPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();

    private PythonPeer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), line -> {
            synchronized (lines) {
                lines.add(line);
                lines.notifyAll();
            }
        }, name + "-out");
        pump(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        }, name + "-err");
    }

    /** Starts {@code script} with {@code args}; the script's folder is its working directory. */
    static PythonPeer start(String script, List<String> args) {
        Path dir = scriptDir();
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.add("-u");
        command.add(dir.resolve(script).toString());
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            return new PythonPeer(script, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Starts {@code script} inside the Debian chroot of {@code suite} (modern oslo.messaging) through
     * {@code .ci/rabbit4 exec}: the scripts are copied into the chroot's /tmp first, as python there sees only
     * its own tree. {@code OSLO_LOCK_PATH} is set for oslo's queue manager. Each peer runs in a process group of
     * its own ({@code setsid -w}), as a service started by systemd does: oslo's queue manager restarts its counter
     * when the process group changes, so a restarted peer reuses its queue names only that way.
     */
    static PythonPeer startModern(String suite, String script, List<String> args) {
        Path scripts = ModernOslo.copyScripts(suite);
        // setsid: oslo's queue manager reads /proc/<its process group>/stat and keys its reply-queue counter on the
        // group; the group leader that started the build (a shell, a CI runner) may be gone or outside the chroot's
        // view, and peers of one JVM would share a counter. A session of its own makes each peer its own group
        // leader, as a service started by an init system is.
        List<String> command = new ArrayList<>(List.of(ModernOslo.tool().toString(), "exec", suite, "setsid", "-w", "env",
                "OSLO_LOCK_PATH=/tmp", "PYTHONDONTWRITEBYTECODE=1", "python3", "-u",
                "/" + ModernOslo.chrootRoot(suite).relativize(scripts.resolve(script))));
        command.addAll(args);
        try {
            return new PythonPeer(script + "@" + suite, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Null when {@code /usr/bin/python3} imports oslo_messaging, else why not. */
    static String probeOslo() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not found";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import oslo_messaging, kombu").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return PYTHON + " cannot import oslo_messaging: " + out.strip();
            }
            return null;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Path scriptDir() {
        // from rpc-engine, the repository root, or another module (app) of the same checkout
        for (Path candidate : List.of(Path.of("src/test/python"), Path.of("rpc-engine/src/test/python"),
                Path.of("../rpc-engine/src/test/python"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("src/test/python not found from " + Path.of("").toAbsolutePath());
    }

    /** Writes text to the peer's stdin (for the client: its list of operations). */
    void send(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " stdin closed; stderr:\n" + stderr(), e);
        }
    }

    void closeInput() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed: the peer has exited
        }
    }

    /** Waits for a stdout line matching {@code test}; fails with the peer's stderr if none comes. */
    String awaitLine(Predicate<String> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (test.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && drained())) {
                    throw new AssertionError(name + ": expected line not seen within " + timeout
                            + "; alive=" + process.isAlive() + "\nstdout:\n" + String.join("\n", lines)
                            + "\nstderr:\n" + stderr());
                }
                try {
                    lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    void awaitReady() {
        awaitLine("READY"::equals, Duration.ofSeconds(60));
    }

    /** Every record line {@code KIND <json>} seen so far, parsed. */
    List<JsonNode> records(String kind) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith(kind + " ")) {
                    out.add(parse(line.substring(kind.length() + 1)));
                }
            }
        }
        return out;
    }

    /** Waits for the first record of {@code kind} that satisfies {@code test}. */
    JsonNode awaitRecord(String kind, Predicate<JsonNode> test, Duration timeout) {
        String line = awaitLine(l -> l.startsWith(kind + " ") && test.test(parse(l.substring(kind.length() + 1))),
                timeout);
        return parse(line.substring(kind.length() + 1));
    }

    /**
     * The records of {@code kind} satisfying {@code test} once at least {@code count} have been read, or all of
     * them when the timeout passes first. The peer prints a record before it replies, but our reader thread may
     * see the line after the caller already has the reply.
     */
    List<JsonNode> awaitRecords(String kind, Predicate<JsonNode> test, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> seen = records(kind).stream().filter(test).toList();
            if (seen.size() >= count || System.nanoTime() > deadline) {
                return seen;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        }
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the peer to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "\nstderr:\n" + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        closeInput();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private boolean drained() {
        // the pump threads may still hold the last lines of a process that just exited
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
