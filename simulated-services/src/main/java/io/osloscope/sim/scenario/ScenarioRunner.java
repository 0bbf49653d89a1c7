package io.osloscope.sim.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.Transport;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.api.ApiFault;
import io.osloscope.sim.api.NovaApi;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.nova.SchedulerAPI;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.service.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs one {@link Scenario} headless on a transport ({@link #run()}: starts a {@link SimulatedCloud}) or on a
 * running cloud ({@link #runOn}: the window's simulation panel), drives it
 * through nova-api the way REST clients would, waits (at most {@code duration}) for the outcome and
 * returns a summary: messages by kind and method, replies and timeouts, call latencies, instances
 * by REST status, and the scenario's own figures (boot-to-ACTIVE latency, fanout completion, queue
 * depth of a down compute). Progress is read from the conductor's cell database, not over RPC,
 * so watching adds no traffic.
 */
public final class ScenarioRunner {
    /**
     * What to run. {@code count} 0 means the scenario's default; {@code sharedConnections} 0 gives
     * every node its own broker connections, N &gt; 0 shares N among all nodes (for many computes on RabbitMQ).
     */
    public record Settings(Scenario scenario, int computes, int count, Duration duration, int sharedConnections) {
        public Settings(Scenario scenario, int computes, int count, Duration duration) {
            this(scenario, computes, count, duration, 0);
        }

        public Settings {
            if (sharedConnections < 0) {
                throw new IllegalArgumentException("--shared-connections must not be negative, got "
                        + sharedConnections);
            }
            if (computes < 1) {
                throw new IllegalArgumentException("--computes must be at least 1, got " + computes);
            }
            if (count < 0) {
                throw new IllegalArgumentException("--count must not be negative, got " + count);
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration must be positive");
            }
        }

        int countOr(int fallback) {
            return count == 0 ? fallback : count;
        }
    }

    private final Transport transport;
    private final Settings settings;

    public ScenarioRunner(Transport transport, Settings settings) {
        this.transport = transport;
        this.settings = settings;
    }

    /** Runs the scenario and returns the summary; {@code outcome} is {@code ok} or {@code incomplete}. */
    public ObjectNode run() {
        SimulatedCloud.Options opts = SimulatedCloud.Options.defaults().withRest("127.0.0.1", -1)
                .withSelectTimeout(settings.duration()).withSharedConnections(settings.sharedConnections());
        long t0 = System.nanoTime();
        try (TrafficCounter traffic = new TrafficCounter(transport.events());
             SimulatedCloud cloud = SimulatedCloud.start(transport, settings.computes(), opts)) {
            long startedMs = (System.nanoTime() - t0) / 1_000_000;
            ObjectNode summary = header(settings.computes());
            summary.put("startup_ms", startedMs);
            return drive(cloud, summary, traffic, t0);
        }
    }

    /**
     * Runs {@code scenario} on a cloud that is already running (the window's), counting only the messages it
     * causes; blocks until it ends or {@code duration} has passed, so call it off the UI thread. {@code count}
     * 0 means the scenario's default for the cloud's current number of computes.
     */
    public static ObjectNode runOn(SimulatedCloud cloud, Scenario scenario, int count, Duration duration) {
        int computes = cloud.computeHosts().size();
        ScenarioRunner runner = new ScenarioRunner(cloud.transport(),
                new Settings(scenario, Math.max(1, computes), count, duration));
        long t0 = System.nanoTime();
        try (TrafficCounter traffic = new TrafficCounter(cloud.transport().events())) {
            return runner.drive(cloud, runner.header(computes), traffic, t0);
        }
    }

    /** One line for a status bar: what ran, its outcome, the instances' states and the messages it took. */
    public static String oneLine(ObjectNode summary) {
        return summary.path("scenario").asText() + ": " + summary.path("outcome").asText() + " in "
                + summary.path("elapsed_ms").asLong() + " ms; instances " + summary.path("instances")
                + "; " + summary.path("messages").path("total").asLong() + " messages";
    }

    private ObjectNode header(int computes) {
        ObjectNode summary = Json.object();
        summary.put("scenario", settings.scenario().cliName());
        summary.put("transport", transport.broker().describe());
        summary.put("computes", computes);
        return summary;
    }

    private ObjectNode drive(SimulatedCloud cloud, ObjectNode summary, TrafficCounter traffic, long t0) {
        ObjectNode figures = summary.putObject("figures");
        long deadline = System.nanoTime() + settings.duration().toNanos();
        boolean ok = switch (settings.scenario()) {
            case BOOT -> boot(cloud, figures, deadline, settings.countOr(settings.computes() * 2));
            case BOOT_STORM -> boot(cloud, figures, deadline, settings.countOr(10));
            case START_STOP -> startStop(cloud, figures, deadline);
            case FANOUT -> fanout(cloud, figures, deadline);
            case COMPUTE_DOWN -> computeDown(cloud, figures, deadline);
        };
        summary.put("outcome", ok ? "ok" : "incomplete");
        summary.put("elapsed_ms", (System.nanoTime() - t0) / 1_000_000);
        summary.set("instances", instancesByStatus(cloud));
        summary.set("messages", traffic.toJson());
        return summary;
    }

    private List<String> bootMany(SimulatedCloud cloud, int n, Map<String, Long> bootStarted) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode body = Json.object();
            ObjectNode s = body.putObject("server");
            s.put("name", "sim-" + (i + 1));
            s.put("imageRef", "155d900f-4e14-4e4c-a73d-069cbf4541e6");
            s.put("flavorRef", "1");
            long t = System.nanoTime();
            String id = cloud.api().createServer(body, "http://sim", NovaApi.requestContext())
                    .get("server").get("id").asText();
            bootStarted.put(id, t);
            ids.add(id);
        }
        return ids;
    }

    private boolean boot(SimulatedCloud cloud, ObjectNode figures, long deadline, int n) {
        Map<String, Long> started = new LinkedHashMap<>();
        List<String> ids = bootMany(cloud, n, started);
        List<Long> bootMicros = new ArrayList<>();
        boolean ok = waitAll(cloud, ids, i -> !"BUILD".equals(i.restStatus()), deadline, started, bootMicros);
        figures.put("servers_requested", n);
        figures.set("boot_to_settled_ms", Stats.of(bootMicros, 1000.0));
        return ok && ids.stream().allMatch(id -> "ACTIVE".equals(status(cloud, id)));
    }

    private boolean startStop(SimulatedCloud cloud, ObjectNode figures, long deadline) {
        int n = settings.countOr(settings.computes());
        Map<String, Long> started = new LinkedHashMap<>();
        List<String> ids = bootMany(cloud, n, started);
        if (!waitAll(cloud, ids, i -> "ACTIVE".equals(i.restStatus()), deadline, started, new ArrayList<>())) {
            return false;
        }
        List<Long> stopMicros = new ArrayList<>();
        Map<String, Long> stopStarted = new LinkedHashMap<>();
        for (String id : ids) {
            stopStarted.put(id, System.nanoTime());
            act(cloud, id, "os-stop");
        }
        boolean ok = waitAll(cloud, ids, i -> "SHUTOFF".equals(i.restStatus()) && i.taskState() == null, deadline,
                stopStarted, stopMicros);
        List<Long> startMicros = new ArrayList<>();
        Map<String, Long> startStarted = new LinkedHashMap<>();
        if (ok) {
            for (String id : ids) {
                startStarted.put(id, System.nanoTime());
                act(cloud, id, "os-start");
            }
            ok = waitAll(cloud, ids, i -> "ACTIVE".equals(i.restStatus()) && i.taskState() == null, deadline,
                    startStarted, startMicros);
        }
        figures.put("servers", n);
        figures.set("stop_to_shutoff_ms", Stats.of(stopMicros, 1000.0));
        figures.set("start_to_active_ms", Stats.of(startMicros, 1000.0));
        return ok;
    }

    private boolean fanout(SimulatedCloud cloud, ObjectNode figures, long deadline) {
        int n = settings.countOr(1);
        List<Service> computes = cloud.computeHosts().stream().map(cloud::service).toList();
        RpcClient client = new RpcClient(cloud.apiTransport(), Target.topic("compute").withFanout(true)
                .withNamespace("baseapi").withVersion("1.0"));
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.cast(RequestContexts.admin(), "ping", Map.of("arg", "fanout " + (i + 1)));
        }
        new SchedulerAPI(cloud.apiTransport(), null).update_aggregates(RequestContexts.admin(),
                List.of(aggregate()));
        boolean ok = waitUntil(deadline, () -> computes.stream().allMatch(s -> s.baseApi().pingsReceived() >= n)
                && cloud.scheduler().aggregateUpdates() >= 1);
        long reached = computes.stream().filter(s -> s.baseApi().pingsReceived() >= n).count();
        figures.put("fanout_casts", n);
        figures.put("computes_reached", reached);
        figures.put("deliveries", computes.stream().mapToLong(s -> s.baseApi().pingsReceived()).sum());
        figures.put("fanout_completion_ms", (System.nanoTime() - t) / 1_000_000);
        figures.put("scheduler_aggregate_updates", cloud.scheduler().aggregateUpdates());
        return ok;
    }

    private boolean computeDown(SimulatedCloud cloud, ObjectNode figures, long deadline) {
        if (cloud.computeHosts().isEmpty()) {
            throw new IllegalStateException("no compute to take down; add one first");
        }
        int n = settings.countOr(settings.computes() * 2);
        List<String> ids = bootMany(cloud, n, new LinkedHashMap<>());
        if (!waitAll(cloud, ids, i -> "ACTIVE".equals(i.restStatus()), deadline, new LinkedHashMap<>(),
                new ArrayList<>())) {
            return false;
        }
        String victim = cloud.computeHosts().get(0);
        List<String> onVictim = ids.stream().filter(id -> victim.equals(cloud.conductor().database().get(id).host()))
                .toList();
        cloud.control().setDown(victim, true);
        for (String id : onVictim) {
            act(cloud, id, "os-stop");
        }
        waitUntil(Math.min(deadline, System.nanoTime() + 5_000_000_000L), () -> depth(victim) >= onVictim.size());
        int piled = depth(victim);
        long downFor = Math.max(500, settings.duration().toMillis() / 4);
        sleep(Math.min(downFor, 3000));
        long upAt = System.nanoTime();
        cloud.control().setDown(victim, false);
        boolean ok = waitAll(cloud, onVictim, i -> "SHUTOFF".equals(i.restStatus()) && i.taskState() == null,
                deadline, new LinkedHashMap<>(), new ArrayList<>());
        figures.put("down_host", victim);
        figures.put("servers_on_down_host", onVictim.size());
        figures.put("queued_while_down", piled);
        figures.put("drain_after_up_ms", (System.nanoTime() - upAt) / 1_000_000);
        return ok;
    }

    private int depth(String host) {
        try (BrokerConnection c = transport.broker().connect(ConnectionOptions.named("osloscope-simulate-probe"))) {
            return c.declareQueuePassive("compute." + host).messageCount();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static ObjectNode aggregate() {
        ObjectNode d = Json.object();
        d.put("id", 1);
        d.put("uuid", "3e1f2a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b");
        d.put("name", "sim-aggregate");
        d.putArray("hosts");
        d.putObject("metadata").put("availability_zone", "nova");
        return Primitives.of("Aggregate", "1.3", d, List.of("id", "uuid", "name", "hosts", "metadata"));
    }

    private static void act(SimulatedCloud cloud, String id, String action) {
        try {
            cloud.api().action(id, Json.object().putNull(action), NovaApi.requestContext());
        } catch (ApiFault ignored) {
            // counted in the final states: a refused action leaves the server where it was
        }
    }

    private static String status(SimulatedCloud cloud, String id) {
        try {
            return cloud.conductor().database().get(id).restStatus();
        } catch (RuntimeException e) {
            return "BUILD";
        }
    }

    private static boolean waitAll(SimulatedCloud cloud, List<String> ids, Predicate<Instance> done, long deadline,
                                   Map<String, Long> started, List<Long> micros) {
        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String id = it.next();
                Instance i;
                try {
                    i = cloud.conductor().database().get(id);
                } catch (RuntimeException e) {
                    continue;
                }
                if (done.test(i)) {
                    Long t = started.get(id);
                    if (t != null) {
                        micros.add((System.nanoTime() - t) / 1000);
                    }
                    it.remove();
                }
            }
            if (!pending.isEmpty()) {
                sleep(10);
            }
        }
        return pending.isEmpty();
    }

    private static boolean waitUntil(long deadline, java.util.function.BooleanSupplier cond) {
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return true;
            }
            sleep(10);
        }
        return cond.getAsBoolean();
    }

    private static ObjectNode instancesByStatus(SimulatedCloud cloud) {
        Map<String, Long> counts = new TreeMap<>();
        for (Instance i : cloud.conductor().database().list(x -> true)) {
            counts.merge(i.restStatus(), 1L, Long::sum);
        }
        ObjectNode o = Json.object();
        counts.forEach(o::put);
        return o;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
