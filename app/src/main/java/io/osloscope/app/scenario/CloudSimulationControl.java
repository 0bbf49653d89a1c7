package io.osloscope.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.osloscope.engine.broker.BrokerRelease;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.rpc.dialect.Dialect;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.nova.RequestContexts;
import io.osloscope.sim.scenario.Scenario;
import io.osloscope.sim.scenario.ScenarioRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link SimulationControl} over a {@link SimulatedCloud}: node faults through each node's
 * {@link FaultPlan}, the broker's delivery pacing (through the cloud's control), and the simulated services'
 * {@link Scenario}s, driven through nova-api as a user would (REST in front, RPC behind).
 */
public final class CloudSimulationControl implements SimulationControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the window waits for a scenario to settle. */
    static final Duration RUN_AT_MOST = Duration.ofSeconds(60);

    private final SimulatedCloud cloud;
    /** The options the cloud was started with; every dialect is applied to these, not to the previous dialect's. */
    private final io.osloscope.engine.rpc.TransportOptions startOptions;
    private volatile String dialect;

    /** A cloud started in oslo's default options, the zed dialect (as the window starts it). */
    public CloudSimulationControl(SimulatedCloud cloud) {
        this(cloud, "zed");
    }

    public CloudSimulationControl(SimulatedCloud cloud, String dialect) {
        this.cloud = cloud;
        this.startOptions = cloud.transport().options();
        this.dialect = dialect;
    }

    @Override
    public String dialect() {
        return dialect;
    }

    @Override
    public List<String> dialects() {
        return Arrays.stream(Dialect.values()).map(Dialect::id).toList();
    }

    @Override
    public String broker() {
        io.osloscope.engine.broker.Broker b = cloud.transport().broker();
        return b.capability(BrokerRelease.class).map(r -> t().get("sim.rules", r.version().label()))
                .orElse(b.describe());
    }

    @Override
    public List<String> releases() {
        return cloud.transport().broker().capability(BrokerRelease.class).filter(BrokerRelease::switchable)
                .map(r -> Arrays.stream(RabbitVersion.values()).map(RabbitVersion::label).toList()).orElse(List.of());
    }

    @Override
    public synchronized DialectSwitch switchRelease(String release, String to, boolean recover) {
        Dialect d = Dialect.byId(to);
        RabbitVersion v = RabbitVersion.parse(release);
        SimulatedCloud.Switch s = cloud.switchRelease(v, d.applyTo(startOptions), recover);
        dialect = d.id();
        return describe(d, s, "RabbitMQ " + v.label() + ": ");
    }

    @Override
    public synchronized DialectSwitch switchDialect(String to, boolean recover) {
        Dialect d = Dialect.byId(to);
        SimulatedCloud.Switch s = cloud.switchOptions(d.applyTo(startOptions), recover);
        dialect = d.id();
        return describe(d, s, "");
    }

    /** Where the cloud stands first (the narrow panel shows it without scrolling), then refusals and deletes. */
    private DialectSwitch describe(Dialect d, SimulatedCloud.Switch s, String where) {
        // NOTE(narrow-panel): where the cloud stands comes first, so the panel shows it without scrolling
        List<String> lines = new ArrayList<>();
        int total = cloud.nodes().size(); // the cloud lists the nodes the switch left stopped too
        if (s.complete()) {
            lines.add("✔ " + where + t().get("switch.complete", total, d.id())
                    + (s.deleted().isEmpty() ? "" : t().get("switch.lost", s.lostMessages())));
        } else {
            lines.add("⚠ " + where + t().get("switch.stopped", s.notRunning().size(), total,
                    String.join(", ", s.notRunning())));
        }
        s.refused().forEach(l -> lines.add(t().get("switch.refused", l)));
        s.deleted().forEach(l -> lines.add(t().get("switch.deleted", l)));
        return new DialectSwitch(d.id(), lines, s.complete());
    }

    @Override
    public List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>();
        for (io.osloscope.sim.NodeInfo n : cloud.nodes()) {
            out.add(new NodeInfo(n.binary(), n.host(), n.running() ? n.state() : "stopped"));
        }
        return out;
    }

    @Override
    public String addCompute() {
        return cloud.addCompute();
    }

    @Override
    public void removeCompute(String host) {
        cloud.removeCompute(host);
    }

    @Override
    public void setDown(String binary, String host, boolean down) {
        cloud.faults(host).setDown(down);
    }

    @Override
    public void setFault(String binary, String host, Fault fault) {
        FaultPlan plan = cloud.faults(host);
        boolean down = plan.down();
        plan.clear();
        plan.setDown(down);
        switch (fault) {
            case SLOW -> plan.setLatency(Duration.ofMillis(500));
            case DROP_REPLIES -> plan.setDropReplies(true);
            case RAISE -> {
                for (MethodCatalog.Entry e : cloud.catalog().entries()) {
                    if (e.binary().equals(binary)) {
                        plan.raiseOn(e.method(), "NovaException");
                    }
                }
            }
            case NONE -> { }
        }
    }

    @Override
    public void setPaused(boolean paused) {
        if (!cloud.control().hasBrokerGate()) {
            throw new IllegalStateException("only the in-memory broker can pause");
        }
        if (paused) {
            cloud.control().pause();
        } else {
            cloud.control().resume();
        }
    }

    @Override
    public boolean paused() {
        return cloud.pacing().map(DeliveryPacing::isPaused).orElse(false);
    }

    @Override
    public boolean step() {
        return cloud.control().hasBrokerGate() && cloud.control().step();
    }

    @Override
    public void setSpeed(double factor) {
        if (cloud.control().hasBrokerGate()) {
            cloud.control().setSpeed(factor);
        }
    }

    /** The simulated services' scenarios ({@link Scenario}), by title. */
    @Override
    public List<String> scenarios() {
        return Arrays.stream(Scenario.values()).map(Scenario::title).toList();
    }

    /** Runs it with {@link ScenarioRunner#runOn} on this cloud, as {@code osloscope simulate} does on its own. */
    @Override
    public String runScenario(String name) {
        Scenario scenario = Scenario.byTitle(name);
        return ScenarioRunner.oneLine(ScenarioRunner.runOn(cloud, scenario, scenario.interactiveCount(), RUN_AT_MOST));
    }

    @Override
    public String startInstance() {
        return t().get("sim.cast", fireCatalog(e -> e.method().equals("start_instance") && !e.isFanout()));
    }

    /** The panel's texts in the window's language (SimControlsView.properties); queue and method names stay. */
    private static io.osloscope.app.fx.Texts t() {
        return io.osloscope.app.fx.Texts.of("io.osloscope.app.scenario.SimControlsView");
    }

    private String fireCatalog(java.util.function.Predicate<MethodCatalog.Entry> which) {
        MethodCatalog.Entry e = cloud.catalog().entries().stream().filter(which).findFirst()
                .orElseThrow(() -> new IllegalStateException("no such method in the catalog"));
        var client = new io.osloscope.engine.rpc.RpcClient(cloud.apiTransport(),
                io.osloscope.engine.rpc.Target.topic(e.topic()));
        var cc = client.prepare();
        if (e.isFanout()) {
            cc = cc.fanout(true);
        } else if (e.server() != null) {
            cc = cc.server(e.server());
        }
        if (e.version() != null) {
            cc = cc.version(e.version());
        }
        JsonNode args = parse(e.argumentTemplate());
        Map<String, Object> argMap = JSON.convertValue(args, Map.class);
        cc.cast(RequestContexts.demoUser(), e.method(), argMap);
        return e.method() + (e.server() != null && !e.isFanout() ? " → compute." + e.server() : "");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad argument template: " + e.getMessage(), e);
        }
    }
}
