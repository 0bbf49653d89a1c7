package io.osloscope.engine.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Names for reply and fanout queues when {@code use_queue_manager} is on: {@code <hostname>:<processname>:<n>}, as
 * oslo's {@code QManager}. What oslo guarantees, and so what this keeps: one counter per hostname and processname,
 * counting every reply and non-stream fanout queue a process creates, so that the same process started again
 * gets the same names (the queues survive restarts and are reused) and two processes running at once get
 * different ones.
 *
 * <p>How it is kept is our own: oslo's counter file {@code /dev/shm/<hostname>_<processname>_qmanager} and its
 * lock are never read or written. Ours is a lease file {@code osloscope-qmanager-<hostname>_<processname>} in
 * {@code /dev/shm} (else the temp directory), one {@code <n> <pid>} line per name in use, under a file lock. A
 * number goes to the lowest {@code n} not leased by a live process; leases of processes that have exited are
 * dropped, which is what makes a restarted process reuse its names. Because a real oslo process with the same
 * hostname and processname keeps its own counter, a number whose queue already has a consumer (someone is
 * listening on it) is skipped too, so Osloscope never consumes from a live oslo process's reply queue.
 */
final class QueueManager {
    private final Path file;
    private final String prefix;
    private final long pid = ProcessHandle.current().pid();

    QueueManager(String hostname, String processname) {
        this(defaultDirectory(), hostname, processname);
    }

    QueueManager(Path directory, String hostname, String processname) {
        this.prefix = hostname + ":" + processname + ":";
        this.file = directory.resolve("osloscope-qmanager-" + (hostname + "_" + processname)
                .replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private static Path defaultDirectory() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * The next name {@code <hostname>:<processname>:<n>}; {@code inUse} is asked about candidates (given the
     * whole name) and a true answer skips that number.
     */
    String next(Predicate<String> inUse) {
        synchronized (QueueManager.class) { // a file lock is per JVM: threads take turns here first
            return nextLocked(inUse);
        }
    }

    private String nextLocked(Predicate<String> inUse) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            List<long[]> leases = read(ch);
            leases.removeIf(l -> l[1] != pid && ProcessHandle.of(l[1]).map(p -> !p.isAlive()).orElse(true));
            for (int n = 1; ; n++) {
                final int candidate = n;
                if (leases.stream().anyMatch(l -> l[0] == candidate)) {
                    continue;
                }
                String name = prefix + n;
                if (inUse.test(name)) {
                    continue;
                }
                leases.add(new long[]{n, pid});
                write(ch, leases);
                return name;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("queue manager file " + file, e);
        }
    }

    /** Frees a name this process took (its transport closed), so the next one here gets it again, as after a restart. */
    void release(String name) {
        if (!name.startsWith(prefix)) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(name.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return;
        }
        synchronized (QueueManager.class) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                List<long[]> leases = read(ch);
                leases.removeIf(l -> l[0] == n && l[1] == pid);
                write(ch, leases);
            } catch (IOException e) {
                throw new UncheckedIOException("queue manager file " + file, e);
            }
        }
    }

    private static List<long[]> read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 20));
        ch.read(buf, 0);
        List<long[]> out = new ArrayList<>();
        for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                try {
                    out.add(new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                } catch (NumberFormatException ignored) {
                    // NOTE(lease-file): a torn line from a crashed writer; its number is free again.
                }
            }
        }
        return out;
    }

    private static void write(FileChannel ch, List<long[]> leases) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (long[] l : leases) {
            sb.append(l[0]).append(' ').append(l[1]).append('\n');
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)), 0);
    }
}
