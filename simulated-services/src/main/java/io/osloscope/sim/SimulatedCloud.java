package io.osloscope.sim;

import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.broker.BrokerRelease;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.sim.api.NovaApi;
import io.osloscope.sim.api.RestServer;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.fault.SharedConnections;
import io.osloscope.sim.nova.ComputeManager;
import io.osloscope.sim.nova.ConductorManager;
import io.osloscope.sim.nova.NovaTopics;
import io.osloscope.sim.nova.SchedulerManager;
import io.osloscope.sim.service.Manager;
import io.osloscope.sim.service.NodeContext;
import io.osloscope.sim.service.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole simulated nova on one transport: nova-conductor, nova-scheduler, N nova-computes
 * ({@code compute1}..{@code computeN}) and nova-api with its REST endpoint, started in that order
 * (as an operator would). Each node gets its own {@link Transport} over its {@link FaultPlan}'s broker, so
 * faults stay per node, and the control exchange is {@code nova}. The GUI drives it: add or remove
 * computes, list nodes, switch faults, pause/step/speed the embedded broker, fire catalog methods.
 */
public final class SimulatedCloud implements AutoCloseable {
    /** Computes starting (or stopping) at once: each mostly waits for broker round trips. */
    static final int START_PARALLEL = 64;

    /**
     * How to start. {@code sharedConnections} 0 gives every node its own connections (as real
     * services); N &gt; 0 shares N broker connections among all nodes (for 1,000 computes on RabbitMQ).
     * {@code restPort} -1 starts no REST endpoint, 0 picks a free port.
     */
    public record Options(int sharedConnections, int executorThreads, String restHost, int restPort,
                          Duration selectTimeout) {
        public static Options defaults() {
            return new Options(0, 4, "127.0.0.1", 0, Duration.ofSeconds(60));
        }

        public Options withSharedConnections(int n) {
            return new Options(n, executorThreads, restHost, restPort, selectTimeout);
        }

        public Options withExecutorThreads(int n) {
            return new Options(sharedConnections, n, restHost, restPort, selectTimeout);
        }

        public Options withRest(String host, int port) {
            return new Options(sharedConnections, executorThreads, host, port, selectTimeout);
        }

        public Options withSelectTimeout(Duration d) {
            return new Options(sharedConnections, executorThreads, restHost, restPort, d);
        }
    }

    /** One node: its service (null for nova-api), faults, transport and broker view. */
    private record Node(String binary, String host, Service service, FaultPlan faults, Transport transport,
                        Broker broker) {
    }

    private final Transport base;
    /** The options every node's transport is built from: the base transport's, until {@link #switchOptions}. */
    private volatile TransportOptions nodeOptions;
    private final Options options;
    private final SharedConnections shared;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private ConductorManager conductor;
    private SchedulerManager scheduler;
    private NovaApi api;
    private RestServer rest;
    private int nextCompute = 1;
    /** Computes the last {@link #switchOptions} could not start: the next switch starts them again. */
    private final java.util.Set<String> computesLeftStopped = new java.util.LinkedHashSet<>();
    /** Host → binary of every node the last switch left stopped, listed by {@link #nodes()} as not running. */
    private final Map<String, String> leftStopped = new LinkedHashMap<>();

    private SimulatedCloud(Transport base, Options options) {
        this.base = base;
        this.nodeOptions = base.options();
        this.options = options;
        this.shared = options.sharedConnections() > 0
                ? new SharedConnections(base.broker(), options.sharedConnections(), "osloscope-sim") : null;
    }

    /** Starts conductor, scheduler, {@code computes} computes and the api (REST on a free local port). */
    public static SimulatedCloud start(Transport transport, int computes) {
        return start(transport, computes, Options.defaults());
    }

    public static SimulatedCloud start(Transport transport, int computes, Options options) {
        if (computes < 0) {
            throw new IllegalArgumentException("computes must be >= 0, got " + computes);
        }
        SimulatedCloud cloud = new SimulatedCloud(transport, options);
        try {
            cloud.startControlPlane();
            cloud.addComputes(computes);
            cloud.startApi();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private NodeContext newNode(String binary, String host) {
        FaultPlan plan = new FaultPlan();
        Broker broker = plan.inject(base.broker(), shared);
        TransportOptions to = nodeOptions.withControlExchange(NovaTopics.CONTROL_EXCHANGE)
                .withProgramName(binary);
        if (to.hostname() == null || to.hostname().isBlank()) {
            // each node is its own machine, as in a real cloud: its messages name it (service@host) and its
            // queue-manager names carry it
            to = to.with("hostname", host);
        }
        Transport t = Transport.of(broker, to);
        return new NodeContext(t, binary, host, plan);
    }

    private synchronized void startControlPlane() {
        startConductor(new io.osloscope.sim.nova.CellDatabase());
        startScheduler();
    }

    private synchronized void startConductor(io.osloscope.sim.nova.CellDatabase db) {
        NodeContext c = newNode(NovaTopics.BIN_CONDUCTOR, "conductor");
        ConductorManager m = new ConductorManager(c, db);
        m.computeTask().schedulerApi().setSelectTimeout(options.selectTimeout());
        serve(c, m);
        conductor = m;
    }

    private synchronized void startScheduler() {
        NodeContext s = newNode(NovaTopics.BIN_SCHEDULER, "scheduler");
        SchedulerManager m = new SchedulerManager(s);
        serve(s, m);
        scheduler = m;
    }

    /** Registers the node, then serves it outside the cloud's lock (computes start in parallel). */
    private void serve(NodeContext ctx, Manager manager) {
        Service service = Service.create(ctx.binary(), NovaTopics.topicOf(ctx.binary()), ctx.host(), manager,
                options.executorThreads());
        Node node = new Node(ctx.binary(), ctx.host(), service, ctx.faults(), ctx.transport(),
                ctx.transport().broker());
        ctx.faults().addListener(p -> service.publishState(p.describe()));
        synchronized (this) {
            if (nodes.containsKey(ctx.host())) {
                stopNode(node);
                throw new IllegalArgumentException("a node named '" + ctx.host() + "' already exists");
            }
            nodes.put(ctx.host(), node);
        }
        try {
            service.serve();
        } catch (RuntimeException e) {
            synchronized (this) {
                nodes.remove(ctx.host());
            }
            stopNode(node);
            throw e;
        }
    }

    /**
     * Starts {@code count} computes, up to {@value #START_PARALLEL} at a time (each pings the conductor before
     * serving, as nova does): a compute's start is some 20 broker round trips, so many wait for the broker at once.
     */
    public void addComputes(int count) {
        if (count <= 0) {
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(START_PARALLEL, count));
        try {
            List<java.util.concurrent.Future<String>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(pool.submit(() -> addCompute()));
            }
            for (java.util.concurrent.Future<String> f : started) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting computes", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private synchronized void startApi() {
        startApi(options.restPort());
    }

    private synchronized void startApi(int restPort) {
        NodeContext a = newNode(NovaTopics.BIN_API, "api");
        api = new NovaApi(a);
        nodes.put("api", new Node(NovaTopics.BIN_API, "api", null, a.faults(), a.transport(),
                a.transport().broker()));
        if (restPort >= 0) {
            rest = RestServer.start(api, options.restHost(), restPort);
        }
    }

    /** Starts one more compute, {@code compute<N>}; returns its host name. */
    public String addCompute() {
        String host;
        synchronized (this) {
            do {
                host = "compute" + nextCompute++;
            } while (nodes.containsKey(host));
        }
        return addCompute(host);
    }

    public String addCompute(String host) {
        synchronized (this) {
            if (nodes.containsKey(host)) {
                throw new IllegalArgumentException("a node named '" + host + "' already exists");
            }
        }
        NodeContext ctx = newNode(NovaTopics.BIN_COMPUTE, host);
        serve(ctx, new ComputeManager(ctx));
        return host;
    }

    /** Stops a compute gracefully (its fanout queue goes, its compute.&lt;host&gt; queue stays) and forgets it. */
    public synchronized void removeCompute(String host) {
        Node n = nodes.get(host);
        if (n == null || !NovaTopics.BIN_COMPUTE.equals(n.binary())) {
            throw new IllegalArgumentException("no compute named '" + host + "'");
        }
        nodes.remove(host);
        stopNode(n);
        scheduler.forgetHost(host);
    }

    public synchronized List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            boolean running = n.service() == null || n.service().isRunning();
            String summary = n.service() == null ? (rest == null ? "no REST endpoint" : "REST on " + rest.baseUrl())
                    : n.service().manager().summary();
            out.add(new NodeInfo(n.binary(), n.host(), NovaTopics.topicOf(n.binary()), running,
                    n.faults().describe(), summary));
        }
        leftStopped.forEach((host, binary) -> {
            if (!nodes.containsKey(host)) {
                out.add(new NodeInfo(binary, host, NovaTopics.topicOf(binary), false, "stopped",
                        "stopped by a dialect switch: a declare was refused"));
            }
        });
        return out;
    }

    /** Compute host names in start order ({@code compute1}, {@code compute2}, ...). */
    public synchronized List<String> computeHosts() {
        return nodes.values().stream().filter(n -> NovaTopics.BIN_COMPUTE.equals(n.binary())).map(Node::host)
                .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(h -> h)).toList();
    }

    /** The fault switches of a node ({@code api}, {@code conductor}, {@code scheduler}, {@code computeN}). */
    public synchronized FaultPlan faults(String host) {
        Node n = nodes.get(host);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + host + "'; nodes: " + nodes.keySet());
        }
        return n.faults();
    }

    public synchronized Service service(String host) {
        Node n = nodes.get(host);
        return n == null ? null : n.service();
    }

    public synchronized ComputeManager compute(String host) {
        Node n = nodes.get(host);
        if (n == null || !(n.service() != null && n.service().manager() instanceof ComputeManager cm)) {
            throw new IllegalArgumentException("no compute named '" + host + "'");
        }
        return cm;
    }

    public ConductorManager conductor() {
        return conductor;
    }

    public SchedulerManager scheduler() {
        return scheduler;
    }

    public NovaApi api() {
        return api;
    }

    /** The REST port, or -1 without a REST endpoint. */
    public int restPort() {
        return rest == null ? -1 : rest.port();
    }

    public String restUrl() {
        return rest == null ? null : rest.baseUrl();
    }

    public Transport transport() {
        return base;
    }

    /** The options the nodes run with now: the base transport's, or those of the last {@link #switchOptions}. */
    public TransportOptions nodeOptions() {
        return nodeOptions;
    }

    /** The transport the api node sends with (for firing RPCs as nova-api would). */
    public synchronized Transport apiTransport() {
        return nodes.get("api").transport();
    }

    public MethodCatalog catalog() {
        List<String> computes = computeHosts();
        return MethodCatalog.nova(computes.isEmpty() ? "compute1" : computes.get(0));
    }

    /** Faults per node and the broker's pause / step / speed. */
    public SimulationControl control() {
        return new SimulationControl(this);
    }

    /** The broker's delivery pacing (pause, step, speed): the embedded broker has it, RabbitMQ does not. */
    public Optional<DeliveryPacing> pacing() {
        return base.broker().capability(DeliveryPacing.class);
    }

    /**
     * What {@link #switchOptions} did: one line per declare the broker refused ({@code nova-conductor: ...}), the
     * queues and exchanges it deleted to recover (with the ready messages they held), and the nodes that are not
     * running afterwards (empty when the whole cloud runs in the new options).
     */
    public record Switch(List<String> refused, List<String> deleted, long lostMessages, List<String> notRunning) {
        public boolean complete() {
            return notRunning.isEmpty();
        }
    }

    /**
     * Restarts every node with {@code to} (another dialect's options), as an operator redeploying the control plane:
     * all nodes stop, then conductor, scheduler, the same computes and the api start again; the cell database stays.
     * A refused declare (406 another shape is there, 541 the broker denies the shape) is one line in the result and
     * leaves that node stopped. With {@code recover} the objects named in refusals are deleted (their messages are
     * lost) and the refused nodes started again, until all run or nothing new can be deleted. Blocks; not on a UI
     * thread.
     */
    public Switch switchOptions(TransportOptions to, boolean recover) {
        return restartAll(to, recover, null);
    }

    /**
     * As {@link #switchOptions}, on a broker restarted as RabbitMQ {@code release} while every node is stopped (the
     * broker's {@link BrokerRelease#restartAs}: a fresh broker, its queues and messages gone; the cell database
     * stays). Throws {@link UnsupportedOperationException} when the cloud's broker cannot switch its release.
     */
    public Switch switchRelease(RabbitVersion release, TransportOptions to, boolean recover) {
        BrokerRelease b = base.broker().capability(BrokerRelease.class).filter(BrokerRelease::switchable)
                .orElseThrow(() -> new UnsupportedOperationException(base.broker().describe()
                        + " cannot switch its RabbitMQ release"));
        return restartAll(to, recover, () -> b.restartAs(release));
    }

    private Switch restartAll(TransportOptions to, boolean recover, Runnable whileStopped) {
        java.util.Objects.requireNonNull(to, "to");
        List<String> computes;
        synchronized (this) {
            java.util.Set<String> all = new java.util.LinkedHashSet<>(computesLeftStopped);
            all.addAll(computeHosts());
            computes = all.stream().sorted(java.util.Comparator.comparingInt(String::length)
                    .thenComparing(h -> h)).toList();
        }
        int restPort = restPort() > 0 ? restPort() : options.restPort();
        stopAllNodes();
        if (whileStopped != null) {
            whileStopped.run();
        }
        nodeOptions = to;
        io.osloscope.sim.nova.CellDatabase db = conductor == null ? new io.osloscope.sim.nova.CellDatabase()
                : conductor.database();
        Switch result = new DialectSwitch(base.broker(), this::running, () -> startConductor(db), this::startScheduler,
                this::addCompute, () -> startApi(restPort)).restart(computes, recover);
        List<String> notRunning = result.notRunning();
        synchronized (this) {
            computesLeftStopped.clear();
            computes.stream().filter(notRunning::contains).forEach(computesLeftStopped::add);
            leftStopped.clear();
            for (String host : notRunning) {
                leftStopped.put(host, switch (host) {
                    case "conductor" -> NovaTopics.BIN_CONDUCTOR;
                    case "scheduler" -> NovaTopics.BIN_SCHEDULER;
                    case "api" -> NovaTopics.BIN_API;
                    default -> NovaTopics.BIN_COMPUTE;
                });
            }
        }
        return result;
    }

    private synchronized boolean running(String host) {
        return nodes.containsKey(host);
    }

    /** Stops every node (api first, then computes, scheduler, conductor) but keeps the cloud and its connections. */
    private synchronized void stopAllNodes() {
        if (rest != null) {
            rest.close();
            rest = null;
        }
        List<Node> reverse = new ArrayList<>(nodes.values());
        java.util.Collections.reverse(reverse);
        for (Node n : reverse) {
            stopNode(n);
        }
        nodes.clear();
    }

    private void stopNode(Node n) {
        try {
            if (n.service() != null) {
                n.service().stop();
                n.service().await(Duration.ofSeconds(5));
            }
        } catch (RuntimeException ignored) {
            // best effort: keep stopping the others
        } finally {
            n.transport().close();
            n.broker().close();
        }
    }

    /**
     * Stops the api first, then the computes ({@value #START_PARALLEL} at a time), scheduler and conductor; closes
     * shared connections.
     */
    @Override
    public synchronized void close() {
        if (rest != null) {
            rest.close();
            rest = null;
        }
        List<Node> reverse = new ArrayList<>(nodes.values());
        java.util.Collections.reverse(reverse);
        List<Node> computes = reverse.stream().filter(n -> NovaTopics.BIN_COMPUTE.equals(n.binary())).toList();
        if (!computes.isEmpty()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.min(START_PARALLEL, computes.size()));
            try {
                pool.invokeAll(computes.stream().map(n -> (java.util.concurrent.Callable<Void>) () -> {
                    stopNode(n);
                    return null;
                }).toList());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
            }
        }
        for (Node n : reverse) {
            if (!NovaTopics.BIN_COMPUTE.equals(n.binary())) {
                stopNode(n);
            }
        }
        nodes.clear();
        if (shared != null) {
            shared.close();
        }
    }
}
