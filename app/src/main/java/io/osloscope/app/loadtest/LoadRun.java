package io.osloscope.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Boots servers through nova's REST API, {@code concurrency} at a time: each is a {@code POST /servers}, then
 * {@code GET /servers/{id}} every poll interval until ACTIVE or ERROR or the timeout. Time to ACTIVE counts from
 * the moment the POST was sent. A {@link BrokerMonitor} samples the broker once a second meanwhile. At the end
 * the servers are deleted (and waited for) unless {@code keep}.
 */
public final class LoadRun {
    /** What to boot and how. {@code availabilityZone} may be null (nova's default). */
    public record Settings(int boots, int concurrency, String flavor, String image, String networks,
                           String availabilityZone, Duration timeout, Duration poll, boolean keep, String namePrefix) {
        public Settings {
            if (boots < 1) {
                throw new IllegalArgumentException("--boots must be at least 1, got " + boots);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
            }
            Objects.requireNonNull(flavor, "flavor");
            Objects.requireNonNull(image, "image");
        }
    }

    /** One boot: when it was sent (s since the start), its server, how it ended. */
    public record Boot(int index, double sentAt, String id, String status, Double activeAfter, String host,
                       String error) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    private final NovaRest nova;
    private final Settings settings;
    private final BrokerMonitor monitor;
    private final Consumer<String> progress;
    private volatile IntConsumer beforeBoot = index -> { };

    public LoadRun(NovaRest nova, Settings settings, BrokerMonitor monitor, Consumer<String> progress) {
        this.nova = nova;
        this.settings = settings;
        this.monitor = monitor;
        this.progress = progress == null ? s -> { } : progress;
    }

    /**
     * Called on a boot's worker thread just before its POST, with the boot's index (0-based, in order), e.g. to
     * hold the later boots while something is done to the cloud (a broker node stopped); time to ACTIVE counts
     * from after it returns.
     */
    public LoadRun beforeEachBoot(IntConsumer hook) {
        this.beforeBoot = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /** Runs the boots (and the deletes unless keep); never throws for a failed boot, it is in the report. */
    public LoadReport run() {
        long t0 = System.nanoTime();
        List<Boot> boots = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osloscope-loadtest-sampler");
            t.setDaemon(true);
            return t;
        });
        BrokerMonitor monitor = this.monitor;
        List<String> problems = new ArrayList<>();
        if (monitor != null) {
            try {
                monitor.start();
                BrokerMonitor m = monitor;
                sampler.scheduleAtFixedRate(() -> m.sample(seconds(t0)), 0, 1, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // the boots are what the user asked for: they go on, without the broker's figures
                String line = "cannot watch the broker (" + e.getMessage() + "); going on without RPC rates and"
                        + " queue depths";
                problems.add(line);
                progress.accept(line);
                monitor = null;
            }
        }
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "osloscope-loadtest-boot");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        double wall;
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < settings.boots(); i++) {
                int index = i;
                all.add(workers.submit(() -> {
                    Boot b = bootOne(index, t0);
                    boots.add(b);
                    int n = done.incrementAndGet();
                    if (!b.active() || n % Math.max(1, settings.boots() / 10) == 0 || n == settings.boots()) {
                        progress.accept(String.format("%d/%d done; %s %s%s", n, settings.boots(),
                                b.id() == null ? "boot " + index : b.id(), b.status(),
                                b.error() == null ? "" : ": " + b.error()));
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a boot worker failed: " + e.getCause(), e.getCause());
        } finally {
            wall = seconds(t0);
            workers.shutdownNow();
        }
        int deleted = 0;
        if (!settings.keep()) {
            deleted = deleteAll(boots);
        }
        sampler.shutdown();
        try {
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (monitor != null) {
            monitor.sample(seconds(t0));
            monitor.stop();
        }
        List<Boot> sorted = new ArrayList<>(boots);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return LoadReport.of(settings, sorted, wall, deleted, monitor, problems);
    }

    private Boot bootOne(int index, long t0) {
        beforeBoot.accept(index);
        double sent = seconds(t0);
        long start = System.nanoTime();
        String id;
        try {
            id = nova.boot(settings.namePrefix() + "-" + (index + 1), settings.flavor(), settings.image(),
                    settings.networks(), settings.availabilityZone());
        } catch (NovaRest.NovaRestException e) {
            return new Boot(index, sent, null, "REFUSED", null, null, e.getMessage());
        }
        long deadline = start + settings.timeout().toNanos();
        String last = "BUILD";
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(settings.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Boot(index, sent, id, "INTERRUPTED", null, null, "interrupted");
            }
            JsonNode s;
            try {
                s = nova.server(id);
            } catch (NovaRest.NovaRestException e) {
                continue; // one failed poll is not a failed boot; the timeout decides
            }
            if (s == null) {
                return new Boot(index, sent, id, "GONE", null, null, "server " + id + " vanished while building");
            }
            last = s.path("status").asText();
            String host = s.path("OS-EXT-SRV-ATTR:host").isTextual() ? s.path("OS-EXT-SRV-ATTR:host").asText() : null;
            if ("ACTIVE".equals(last)) {
                return new Boot(index, sent, id, last, (System.nanoTime() - start) / 1e9, host, null);
            }
            if ("ERROR".equals(last)) {
                String fault = s.path("fault").path("message").asText("no fault recorded");
                return new Boot(index, sent, id, last, null, host, fault);
            }
        }
        return new Boot(index, sent, id, "TIMEOUT", null, null,
                "still " + last + " after " + settings.timeout().toSeconds() + " s");
    }

    /** Deletes every server booted, then waits (up to the boot timeout) until nova no longer shows them. */
    private int deleteAll(List<Boot> boots) {
        List<String> ids = new ArrayList<>();
        synchronized (boots) {
            boots.stream().filter(b -> b.id() != null).forEach(b -> ids.add(b.id()));
        }
        List<String> pending = new ArrayList<>();
        for (String id : ids) {
            try {
                nova.delete(id);
                pending.add(id);
            } catch (NovaRest.NovaRestException e) {
                progress.accept("delete " + id + ": " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(id -> {
                try {
                    return nova.server(id) == null;
                } catch (NovaRest.NovaRestException e) {
                    return false;
                }
            });
            if (!pending.isEmpty()) {
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (String id : pending) {
            progress.accept("server " + id + " still there " + settings.timeout().toSeconds() + " s after its delete");
        }
        return ids.size() - pending.size();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
