package io.osloscope.sim.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.MessagingTimeoutException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.engine.observe.BrokerEvents;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.EventSubscription;
import io.osloscope.engine.observe.RestEvents;
import io.osloscope.engine.observe.RpcEvents;
import io.osloscope.engine.rpc.CallContext;
import io.osloscope.engine.rpc.RpcClient;
import io.osloscope.engine.rpc.Target;
import io.osloscope.engine.rpc.TransportOptions;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.engine.wire.MessageSummary;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.scenario.Scenario;
import io.osloscope.sim.scenario.ScenarioRunner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * Plays a {@link Lesson}'s steps on a running {@link SimulatedCloud}: does a step's action the way a user or
 * another service would (REST through nova-api's HTTP endpoint, RPC through an rpcapi-like client, faults and
 * pacing through the cloud's controls, scenarios through {@link ScenarioRunner}) and waits until its checkpoint's
 * event shows on the cloud's event stream. Blocks: call {@link #play} off any UI thread. One runner per lesson
 * session; {@link #close()} stops listening.
 */
public final class LessonRunner implements AutoCloseable {
    /** What a step can do. */
    public static final List<String> ACTIONS = List.of("boot", "server-action", "call", "cast", "fanout", "down",
            "up", "version-cap", "clear-faults", "pause", "resume", "step", "scenario", "dialect");
    /** What a checkpoint can wait for. */
    public static final List<String> CHECKPOINTS = List.of("rest", "published", "routed", "queued", "replied",
            "failure", "timeout", "done");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a step came to: {@code reached} its checkpoint (always true without one), a line saying what was seen,
     * and the message it was about, when there was one ({@code messageRef} 0 otherwise).
     */
    public record Outcome(boolean reached, String seen, long messageRef, String method, String routingKey,
                          String requestId) {
        static Outcome plain(String seen) {
            return new Outcome(true, seen, 0, null, null, null);
        }
    }

    private final SimulatedCloud cloud;
    private final BiFunction<String, Boolean, String> dialects;
    private final EventSubscription events;
    private final ExecutorService actions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "osloscope-lesson");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** messageRef → summary of what was published, for routed checkpoints and the code lens. */
    private final Map<Long, MessageSummary> published = new HashMap<>();
    private final Map<Long, String> routingKeys = new HashMap<>();
    private volatile String lastServer;
    /** The events since the last action, and which of them a checkpoint has already taken. */
    private final List<EngineEvent> backlog = new ArrayList<>();
    private final java.util.Set<Integer> used = new java.util.HashSet<>();

    /**
     * {@code dialects} switches the whole cloud to a named dialect and says how it went (the window passes its
     * simulation panel's switch, so the panel shows the new dialect); null switches the cloud directly.
     */
    public LessonRunner(SimulatedCloud cloud, BiFunction<String, Boolean, String> dialects) {
        this.cloud = cloud;
        TransportOptions start = cloud.transport().options();
        this.dialects = dialects != null ? dialects : (name, recover) -> {
            SimulatedCloud.Switch s = cloud.switchOptions(Dialect.byId(name).applyTo(start), recover);
            return s.complete() ? "every node runs in " + name : "stopped: " + String.join(", ", s.notRunning());
        };
        this.events = cloud.transport().events().subscribe(e -> !(e instanceof BrokerEvents.MessageSettled)
                && !(e instanceof BrokerEvents.MessageDelivered), 65_536);
    }

    /**
     * Does {@code step}'s action and waits for its checkpoint (at most its {@code within} seconds). A step with an
     * action looks only at what happened after it; a step without one also at what the steps since the last action
     * caused (a boot causes the casts and calls that the next steps explain), each event matching one step only.
     */
    public Outcome play(Lesson.Step step) {
        if (step.action() != null) {
            drain(new ArrayList<>());
            backlog.clear();
            used.clear();
        }
        CompletableFuture<String> done = step.action() == null ? CompletableFuture.completedFuture("")
                : CompletableFuture.supplyAsync(() -> act(step.action()), actions);
        Lesson.Checkpoint c = step.checkpoint();
        if (c == null) {
            return Outcome.plain(await(done, Duration.ofSeconds(30)));
        }
        if ("done".equals(c.event())) {
            String line = await(done, Duration.ofSeconds(Math.max(1, c.withinSeconds())));
            return new Outcome(done.isDone() && !line.startsWith("✘"), line, 0, null, null, null);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(1, c.withinSeconds())).toNanos();
        int from = 0;
        while (true) {
            boolean finished = done.isDone(); // before the drain: events of an action come before its end
            drain(backlog);
            for (int i = from; i < backlog.size(); i++) {
                if (used.contains(i)) {
                    continue;
                }
                Outcome o = match(c, backlog.get(i));
                if (o != null) {
                    used.add(i);
                    return o;
                }
            }
            from = backlog.size();
            if (finished && await(done, Duration.ZERO).startsWith("✘")) {
                return new Outcome(false, await(done, Duration.ZERO), 0, null, null, null);
            }
            if (System.nanoTime() > deadline) {
                String action = done.isDone() ? " (" + await(done, Duration.ZERO) + ")" : "";
                return new Outcome(false, "not seen within " + c.withinSeconds() + " s: " + describe(c) + action, 0,
                        null, null, null);
            }
            sleep(20);
        }
    }

    private void drain(List<EngineEvent> into) {
        List<EngineEvent> got = new ArrayList<>();
        events.drainTo(got, 65_536);
        for (EngineEvent e : got) {
            if (e instanceof BrokerEvents.MessagePublished p && p.message() != null) {
                published.put(p.messageRef(), p.message().summary());
                routingKeys.put(p.messageRef(), p.routingKey());
            }
        }
        into.addAll(got);
    }

    private Outcome match(Lesson.Checkpoint c, EngineEvent e) {
        switch (c.event()) {
            case "rest" -> {
                if (e instanceof RestEvents.RestExchanged r && eq(c.method(), r.method())) {
                    return new Outcome(true, r.line() + " (" + r.requestId() + ")", 0, null, null, r.requestId());
                }
            }
            case "published" -> {
                if (e instanceof BrokerEvents.MessagePublished p && p.message() != null) {
                    MessageSummary s = p.message().summary();
                    if (eq(c.method(), s.method()) && (c.kind() == null || c.kind().equals(s.kind().wireName()))
                            && (c.queue() == null || c.queue().equals(p.routingKey()))) {
                        return new Outcome(true, s.kind().wireName() + " " + s.method() + " → " + exchange(p.exchange())
                                + " / " + p.routingKey() + (s.version() == null ? "" : " (version " + s.version() + ")"),
                                p.messageRef(), s.method(), p.routingKey(), s.requestId());
                    }
                }
            }
            case "routed", "queued" -> {
                long ref;
                String queue;
                int depth;
                if ("routed".equals(c.event()) && e instanceof BrokerEvents.MessageRouted r && !r.queues().isEmpty()) {
                    ref = r.messageRef();
                    queue = c.queue() == null ? r.queues().get(0)
                            : r.queues().stream().filter(c.queue()::equals).findFirst().orElse(null);
                    depth = 0;
                } else if ("queued".equals(c.event()) && e instanceof BrokerEvents.MessageEnqueued q) {
                    ref = q.messageRef();
                    queue = c.queue() == null || c.queue().equals(q.queue()) ? q.queue() : null;
                    depth = q.depth();
                } else {
                    return null;
                }
                MessageSummary s = published.get(ref);
                String method = s == null ? null : s.method();
                if (queue != null && eq(c.method(), method) && (c.depth() == null || depth >= c.depth())) {
                    return new Outcome(true, (method == null ? "a message" : method) + " in queue " + queue
                            + ("queued".equals(c.event()) ? " (" + depth + " waiting)" : ""), ref, method,
                            routingKeys.get(ref), s == null ? null : s.requestId());
                }
            }
            case "replied" -> {
                if (e instanceof RpcEvents.CallPaired p && eq(c.method(), p.method())) {
                    return new Outcome(true, "reply to " + p.method() + " after " + millis(p.latency()) + " ("
                            + p.outcome() + ")", 0, p.method(), null, p.requestId());
                }
            }
            case "failure" -> {
                if (e instanceof RpcEvents.RpcReplyReceived r && r.failureClass() != null && eq(c.method(), r.method())
                        && (c.error() == null || r.failureClass().contains(c.error()))) {
                    return new Outcome(true, r.method() + " failed remotely: " + r.failureClass()
                            + (r.failureMessage() == null ? "" : ": " + r.failureMessage()), 0, r.method(), null, null);
                }
                if (e instanceof RpcEvents.RpcFailed f && eq(c.method(), f.method())
                        && (c.error() == null || String.valueOf(f.errorClass()).contains(c.error()))) {
                    return new Outcome(true, f.method() + " failed: " + f.errorClass() + ": " + f.message(), 0,
                            f.method(), null, null);
                }
            }
            case "timeout" -> {
                if (e instanceof RpcEvents.RpcTimedOut t && eq(c.method(), t.method())) {
                    return new Outcome(true, "MessagingTimeout: no reply to " + t.method() + " within "
                            + millis(t.waited()), 0, t.method(), null, null);
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    /** Does the action; returns one line, starting with ✘ when it failed. Runs on the runner's own threads. */
    private String act(Lesson.Action a) {
        try {
            return switch (a.does()) {
                case "boot" -> boot(a.arg("name", "vm1"));
                case "server-action" -> serverAction(a.arg("action", "os-stop"));
                case "call", "cast", "fanout" -> rpc(a);
                case "down", "up" -> {
                    String host = a.arg("host", "compute1");
                    cloud.control().setDown(host, a.does().equals("down"));
                    yield host + " is " + a.does();
                }
                case "version-cap" -> {
                    String cap = a.arg("cap", "");
                    cloud.control().setVersionCap(a.arg("host", "api"), a.arg("topic", "compute"),
                            cap.isEmpty() ? null : cap);
                    yield "[upgrade_levels] " + a.arg("topic", "compute") + " = " + (cap.isEmpty() ? "none" : cap)
                            + " on " + a.arg("host", "api");
                }
                case "clear-faults" -> {
                    cloud.control().clearFaults(a.arg("host", "compute1"));
                    yield a.arg("host", "compute1") + " healthy";
                }
                case "pause" -> {
                    cloud.control().pause();
                    yield "deliveries paused";
                }
                case "resume" -> {
                    cloud.control().resume();
                    yield "deliveries flow";
                }
                case "step" -> cloud.control().step() ? "one delivery let through" : "nothing was waiting";
                case "scenario" -> ScenarioRunner.oneLine(ScenarioRunner.runOn(cloud,
                        Scenario.parse(a.arg("name", "boot")), Integer.parseInt(a.arg("count", "1")),
                        Duration.ofSeconds(30)));
                case "dialect" -> dialects.apply(a.arg("name", "kolla-2025.1"),
                        Boolean.parseBoolean(a.arg("recover", "true")));
                default -> "✘ cannot " + a.does();
            };
        } catch (RemoteError e) {
            return "✘ remote error " + e.excType() + ": " + e.value();
        } catch (MessagingTimeoutException e) {
            return "✘ MessagingTimeout: " + e.getMessage();
        } catch (RuntimeException e) {
            return "✘ " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private String boot(String name) {
        String body = "{\"server\":{\"name\":\"" + name.replace("\"", "") + "\",\"flavorRef\":\"1\","
                + "\"imageRef\":\"155d900f-4e14-4e4c-a73d-069cbf4541e6\"}}";
        JsonNode out = rest("POST", "/v2.1/servers", body);
        lastServer = out.path("server").path("id").asText(null);
        return "POST /v2.1/servers → 202, server " + lastServer;
    }

    private String serverAction(String action) {
        if (lastServer == null) {
            boot("vm1");
            long until = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < until && !"ACTIVE".equals(status(lastServer))) {
                sleep(50);
            }
        }
        rest("POST", "/v2.1/servers/" + lastServer + "/action", "{\"" + action + "\": null}");
        return "POST /v2.1/servers/" + lastServer + "/action " + action;
    }

    private String status(String id) {
        try {
            return cloud.conductor().database().get(id).restStatus();
        } catch (RuntimeException e) {
            return "BUILD";
        }
    }

    /** A REST request to nova-api's HTTP endpoint, as a client would send it. */
    private JsonNode rest(String method, String path, String body) {
        String base = cloud.restUrl();
        if (base == null) {
            throw new LessonException("this cloud has no REST endpoint");
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new LessonException(method + " " + path + " → " + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new LessonException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LessonException(method + " " + path + ": interrupted", e);
        }
    }

    private String rpc(Lesson.Action a) {
        String topic = a.arg("topic", "compute");
        String method = a.arg("method", "ping");
        MethodCatalog.Entry template = cloud.catalog().forTopic(topic).stream()
                .filter(x -> x.method().equals(method)).findFirst().orElse(null);
        String version = a.arg("version", template == null ? null : template.version());
        String namespace = a.arg("namespace", template == null ? null : template.namespace());
        Target target = Target.topic(topic).withVersion(version).withNamespace(namespace);
        String server = a.arg("server", null);
        if (server != null && !a.does().equals("fanout")) {
            target = target.withServer(server);
        }
        if (a.does().equals("fanout")) {
            target = target.withFanout(true);
        }
        RpcClient client = new RpcClient(cloud.apiTransport(), target, RpcClient.Options.defaults()
                .withTimeout(Duration.ofSeconds(Long.parseLong(a.arg("timeout", "10")))));
        Map<String, Object> args = arguments(a.arg("args", template == null ? "{}" : template.argumentTemplate()));
        CallContext c = client.prepare();
        Map<String, Object> ctxt = RequestContexts.demoUser();
        if (a.does().equals("call")) {
            JsonNode result = c.call(ctxt, method, args);
            return "call " + method + " returned " + abbreviate(String.valueOf(result));
        }
        c.cast(ctxt, method, args);
        return a.does() + " " + method + " sent";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> arguments(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            throw new LessonException("the step's args are not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String await(CompletableFuture<String> f, Duration at) {
        try {
            return f.get(Math.max(1, at.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "still running";
        } catch (java.util.concurrent.ExecutionException e) {
            return "✘ " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "✘ interrupted";
        }
    }

    private static String describe(Lesson.Checkpoint c) {
        StringBuilder b = new StringBuilder(c.event());
        if (c.kind() != null) {
            b.append(' ').append(c.kind());
        }
        if (c.method() != null) {
            b.append(' ').append(c.method());
        }
        if (c.queue() != null) {
            b.append(" in ").append(c.queue());
        }
        if (c.error() != null) {
            b.append(' ').append(c.error());
        }
        return b.toString();
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static String exchange(String name) {
        return name == null || name.isEmpty() ? "(default exchange)" : name;
    }

    private static String millis(Duration d) {
        return d == null ? "?" : d.toMillis() + " ms";
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "…";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        events.close();
        actions.shutdownNow();
    }
}
