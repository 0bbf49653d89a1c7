package io.osloscope.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.DeliveryPacing;
import io.osloscope.sim.MethodCatalog;
import io.osloscope.sim.SimulatedCloud;
import io.osloscope.sim.fault.FaultPlan;
import io.osloscope.sim.nova.RequestContexts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SimulationControl} over a {@link SimulatedCloud}: node faults through each node's
 * {@link FaultPlan}, the delivery gate of the in-memory broker, and scenarios driven through the
 * simulated nova-api as a user would (REST in front, RPC behind).
 */
public final class CloudSimulationControl implements SimulationControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BOOT = "boot a server (api → conductor → scheduler → compute)";
    static final String BOOT_STORM = "boot storm (10 servers)";
    static final String START_STOP = "stop and start a server";
    static final String FANOUT = "fanout cast to every compute";
    static final String COMPUTE_DOWN = "compute down, then start_instance to it";

    private final SimulatedCloud cloud;
    private final List<String> servers = new ArrayList<>();

    public CloudSimulationControl(SimulatedCloud cloud) {
        this.cloud = cloud;
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

    private Optional<DeliveryPacing> gate() {
        return cloud.pacing();
    }

    @Override
    public void setPaused(boolean paused) {
        DeliveryPacing g = gate().orElseThrow(() -> new IllegalStateException("only the in-memory broker can pause"));
        if (paused) {
            g.pause();
        } else {
            g.resume();
        }
    }

    @Override
    public boolean paused() {
        return gate().map(DeliveryPacing::isPaused).orElse(false);
    }

    @Override
    public boolean step() {
        return gate().map(DeliveryPacing::step).orElse(false);
    }

    @Override
    public void setSpeed(double factor) {
        gate().ifPresent(g -> g.setSpeed(factor));
    }

    @Override
    public List<String> scenarios() {
        return List.of(BOOT, BOOT_STORM, START_STOP, FANOUT, COMPUTE_DOWN);
    }

    @Override
    public String runScenario(String name) {
        switch (name) {
            case BOOT -> {
                return "booted server " + boot("demo-vm");
            }
            case BOOT_STORM -> {
                for (int i = 1; i <= 10; i++) {
                    boot("storm-" + i);
                }
                return "requested 10 servers through POST /servers";
            }
            case START_STOP -> {
                String id = servers.isEmpty() ? boot("demo-vm") : servers.get(servers.size() - 1);
                sleep(1500);
                action(id, "os-stop");
                sleep(1500);
                action(id, "os-start");
                return "stopped and started " + id;
            }
            case FANOUT -> {
                return "cast " + fireCatalog(e -> e.isFanout()) + " to compute_fanout";
            }
            case COMPUTE_DOWN -> {
                List<String> hosts = cloud.computeHosts();
                if (hosts.isEmpty()) {
                    throw new IllegalStateException("no compute to take down; add one first");
                }
                String host = hosts.get(0);
                cloud.faults(host).setDown(true);
                startInstance();
                return host + " is down: the start_instance waits in queue compute." + host
                        + " until you bring it up";
            }
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "'");
        }
    }

    @Override
    public String startInstance() {
        return "cast " + fireCatalog(e -> e.method().equals("start_instance") && !e.isFanout());
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
        return e.method() + (e.server() != null && !e.isFanout() ? " to compute." + e.server() : "");
    }

    private String boot(String name) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode server = body.putObject("server");
        server.put("name", name);
        server.put("imageRef", "155d900f-4e14-4e4c-a73d-069cbf4541e6");
        server.put("flavorRef", "1");
        ObjectNode created = cloud.api().createServer(body, cloud.restUrl(), RequestContexts.demoUser());
        String id = created.path("server").path("id").asText();
        servers.add(id);
        return id;
    }

    private void action(String id, String action) {
        ObjectNode body = JSON.createObjectNode();
        body.putNull(action);
        cloud.api().action(id, body, RequestContexts.demoUser());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad argument template: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
