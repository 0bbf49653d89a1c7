package io.osloscope.sim;

import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.fault.SharedConnections;
import io.osloscope.sim.nova.ComputeManager;
import io.osloscope.sim.nova.ComputeRegistration;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.service.NodeContext;
import io.osloscope.sim.service.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many simulated nova-computes in one process on one transport, each a {@link Service} with its own
 * {@link ComputeManager}, optionally registering with a real control plane ({@link ComputeRegistration}).
 * They start a few at a time; a compute the conductor or placement refuses is one line on the problem sink
 * and the others go on. Their periodic tasks share one small timer and 16 workers.
 */
public final class ComputeFleet implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("^([^\\[\\]]*)\\[(\\d+)-(\\d+)\\]([^\\[\\]]*)$");
    private static final int MAX_HOSTS = 100_000;
    /** Threads running the computes' periodic conductor calls (report_state of 1,000 computes is 100 calls a second). */
    private static final int PERIODIC_WORKERS = 16;
    /**
     * Computes to start (or stop) at once when the caller has no better number: a start is some 20 broker round
     * trips and a conductor call, so most of its time is waiting.
     */
    public static final int START_PARALLEL = 64;

    private final List<Service> services = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<ComputeRegistration> registrations = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer;

    private final SharedConnections shared;
    private final List<Transport> ownTransports = Collections.synchronizedList(new ArrayList<>());

    private final ExecutorService workers;
    private volatile boolean closed;

    private ComputeFleet(ScheduledExecutorService timer, ExecutorService workers, SharedConnections shared) {
        this.timer = timer;
        this.workers = workers;
        this.shared = shared;
    }

    /**
     * Host names from a list such as {@code sim[1-1000]}, {@code cmp[01-10]} (zero-padded as written) or
     * {@code a,b,c}, or a mix: {@code ctl,sim[1-3]}. A malformed part is an {@link IllegalArgumentException}.
     */
    public static List<String> expandHosts(String spec) {
        List<String> out = new ArrayList<>();
        for (String part : Objects.requireNonNull(spec, "spec").split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty host name in '" + spec + "'");
            }
            Matcher m = RANGE.matcher(p);
            if (!m.matches()) {
                if (p.contains("[") || p.contains("]")) {
                    throw new IllegalArgumentException("host range '" + p + "' must look like name[1-100]");
                }
                out.add(p);
                continue;
            }
            String from = m.group(2);
            long a = Long.parseLong(from);
            long b = Long.parseLong(m.group(3));
            if (b < a || b - a >= MAX_HOSTS) {
                throw new IllegalArgumentException("host range '" + p + "' must go up, at most " + MAX_HOSTS
                        + " hosts");
            }
            int width = from.length() > 1 && from.startsWith("0") ? from.length() : 0;
            for (long i = a; i <= b; i++) {
                String n = width > 0 ? String.format("%0" + width + "d", i) : Long.toString(i);
                out.add(m.group(1) + n + m.group(4));
            }
        }
        if (out.size() != out.stream().distinct().count()) {
            throw new IllegalArgumentException("host names repeat in '" + spec + "'");
        }
        return out;
    }

    /**
     * Starts one compute per host on {@code transport}, {@code parallel} at a time; with {@code registration}
     * each joins the control plane first. Refusals go to {@code problems}, one line per compute.
     */
    public static ComputeFleet start(Transport transport, List<String> hosts, ComputeRegistration.Options registration,
                                     int parallel, Duration conductorWait, Consumer<String> problems) {
        return start(transport, hosts, registration, parallel, 0, conductorWait, problems);
    }

    /**
     * As above; with {@code sharedConnections} above 0 the computes share that many broker connections (each
     * compute its own transport over them), for more computes than the broker accepts connections.
     */
    public static ComputeFleet start(Transport transport, List<String> hosts, ComputeRegistration.Options registration,
                                     int parallel, int sharedConnections, Duration conductorWait,
                                     Consumer<String> problems) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "osloscope-compute-periodic");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        ExecutorService workers = Executors.newFixedThreadPool(PERIODIC_WORKERS, r -> {
            Thread t = new Thread(r, "osloscope-compute-periodic-worker");
            t.setDaemon(true);
            return t;
        });
        ComputeFleet fleet = new ComputeFleet(timer, workers, sharedConnections > 0
                ? new SharedConnections(transport.broker(), sharedConnections, "osloscope-computes") : null);
        ComputeRegistration.Options reg = registration == null ? null : registration.withTimer(timer, workers, problems);
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (String host : hosts) {
                pending.add(starters.submit(() -> fleet.startOne(transport, host, reg, conductorWait, problems)));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    problems.accept("compute start failed: " + e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            starters.shutdownNow();
        }
        return fleet;
    }

    private void startOne(Transport transport, String host, ComputeRegistration.Options reg, Duration wait,
                          Consumer<String> problems) {
        NodeContext node;
        if (shared == null) {
            node = NodeContext.of(transport, NovaTopics.BIN_COMPUTE, host);
        } else {
            FaultPlan plan = new FaultPlan();
            Transport own = Transport.of(plan.inject(transport.broker(), shared), transport.options());
            ownTransports.add(own);
            node = new NodeContext(own, NovaTopics.BIN_COMPUTE, host, plan);
        }
        ComputeManager manager = new ComputeManager(node).waitForConductor(wait, 1);
        if (reg != null) {
            manager.register(reg);
        }
        try {
            services.add(Service.create(NovaTopics.BIN_COMPUTE, NovaTopics.COMPUTE, host, manager).serve());
            if (manager.registration() != null) {
                registrations.add(manager.registration());
            }
        } catch (RuntimeException e) {
            refused.add(host);
            problems.accept(host + ": refused: " + ComputeRegistration.oneLine(e));
        }
    }

    /** The computes that run. */
    public List<Service> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }

    /** The hosts that could not start or register, in no particular order. */
    public List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /**
     * report_state updates the conductor accepted, summed over the computes that register (0 when none do).
     */
    public long reportsAccepted() {
        long n = 0;
        synchronized (registrations) {
            for (ComputeRegistration r : registrations) {
                n += r.reportCount();
            }
        }
        return n;
    }

    /**
     * Stops every compute (gracefully, {@value #START_PARALLEL} at a time: each stop waits on the broker), then the
     * shared timer. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ExecutorService stoppers = Executors.newFixedThreadPool(START_PARALLEL);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Service s : services()) {
                pending.add(stoppers.submit(() -> {
                    try {
                        s.stop();
                        s.await(Duration.ofSeconds(10));
                    } catch (RuntimeException ignored) {
                        // stopping is best effort; the others still stop
                    }
                }));
            }
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException ignored) {
                    // already swallowed above
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stoppers.shutdownNow();
        }
        timer.shutdownNow();
        workers.shutdownNow();
        synchronized (ownTransports) {
            ownTransports.forEach(t -> {
                try {
                    t.close();
                } catch (RuntimeException ignored) {
                    // closing is best effort
                }
            });
        }
        if (shared != null) {
            shared.close();
        }
    }
}
