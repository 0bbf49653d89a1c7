package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RpcContext;
import io.osloscope.sim.nova.objects.Instance;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.NovaObjects;
import io.osloscope.sim.nova.objects.NovaStates;
import io.osloscope.sim.service.Manager;
import io.osloscope.sim.service.NodeContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nova-compute's {@code ComputeManager} ({@code Target(version='6.1')}) for a simulated hypervisor.
 * Like a real nova-compute it has no database: every state change is an {@code Instance.save}
 * sent to the conductor as an {@code object_action} call, in nova's order and with nova's
 * {@code expected_task_state}s. It keeps each instance's vm_state, power_state and task_state.
 */
@EndpointTarget(version = "6.1")
public final class ComputeManager extends Manager {
    private static final List<String> NOT_SCHEDULED = java.util.Arrays.asList(NovaStates.SCHEDULING, null);
    private static final List<String> ONLY_NONE = java.util.Collections.singletonList(null);

    private final ConductorAPI conductor;
    private final SchedulerAPI scheduler;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private volatile Duration readyTimeout = Duration.ofSeconds(10);
    private volatile int readyAttempts = 3;
    private volatile ComputeRegistration registration;

    public ComputeManager(NodeContext node) {
        super(node);
        this.conductor = new ConductorAPI(node.transport(), node.faults());
        this.scheduler = new SchedulerAPI(node.transport(), node.faults());
    }

    /** How long {@code wait_until_ready} tries the conductor ({@code serve} waits longer than tests). */
    public ComputeManager waitForConductor(Duration timeout, int attempts) {
        this.readyTimeout = timeout;
        this.readyAttempts = attempts;
        return this;
    }

    /**
     * Joins a real nova control plane at start-up ({@link ComputeRegistration}): service record, compute node,
     * resource provider; then its periodic tasks. Without it the compute only pings the conductor.
     */
    public ComputeManager register(ComputeRegistration.Options options) {
        this.registration = new ComputeRegistration(conductor, node.host(), options);
        return this;
    }

    /** This compute's registration, or null when it does not register. */
    public ComputeRegistration registration() {
        return registration;
    }

    @Override
    public List<Object> additionalEndpoints() {
        return List.of(new ComputeV5Proxy(this));
    }

    /** nova's {@code wait_until_ready}: ping the conductor before serving. */
    @Override
    public void initHost() {
        MessagingException last = null;
        for (int i = 0; i < readyAttempts; i++) {
            try {
                conductor.ping(RequestContexts.admin(), readyTimeout);
                last = null;
                break;
            } catch (MessagingException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        if (registration != null) {
            registration.register();
        }
    }

    /** Announces this host to every scheduler: the {@code update_instance_info} fanout of init_host. */
    @Override
    public void postStartHook() {
        scheduler.update_instance_info(RequestContexts.elevated(RequestContexts.admin()), node.host(),
                NovaObjects.instanceList(new ArrayList<>(instances.values())));
        if (registration != null) {
            registration.startPeriodicTasks();
        }
    }

    @Override
    public void cleanupHost() {
        if (registration != null) {
            registration.stopPeriodicTasks();
        }
    }

    @Override
    public String summary() {
        return instances.size() + " instances";
    }

    /** A copy of the instances this compute runs, by uuid. */
    public Map<String, Instance> instances() {
        Map<String, Instance> out = new LinkedHashMap<>();
        instances.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    public void build_and_run_instance(RpcContext ctx, JsonNode instance, JsonNode image, JsonNode request_spec,
                                       JsonNode filter_properties, String admin_password, JsonNode injected_files,
                                       JsonNode requested_networks, List<String> security_groups,
                                       JsonNode block_device_mapping, String node, JsonNode limits,
                                       JsonNode host_list, List<String> accel_uuids) {
        Map<String, Object> ctxt = RequestContexts.passOn(ctx.values());
        Instance inst = Instance.fromPrimitive(instance);
        inst.resetChanges();
        String uuid = inst.uuid();
        String event = "compute__do_build_and_run_instance";
        instances.put(uuid, inst);
        conductor.eventStart(ctxt, uuid, event, this.node.host());
        try {
            inst.set("vm_state", NovaStates.BUILDING).set("task_state", null);
            save(ctxt, inst, Map.of("expected_task_state", NOT_SCHEDULED));
            inst.set("host", this.node.host()).set("node", node == null ? this.node.host() : node)
                    .set("launched_on", this.node.host());
            save(ctxt, inst, Map.of());
            if (registration != null) {
                registration.claim(uuid, intField(inst, "vcpus"), intField(inst, "memory_mb"),
                        intField(inst, "root_gb"));
            }
            inst.set("task_state", NovaStates.NETWORKING);
            save(ctxt, inst, Map.of("expected_task_state", ONLY_NONE));
            inst.set("task_state", NovaStates.BLOCK_DEVICE_MAPPING);
            save(ctxt, inst, Map.of());
            inst.set("task_state", NovaStates.SPAWNING);
            save(ctxt, inst, Map.of("expected_task_state", NovaStates.BLOCK_DEVICE_MAPPING));
            checkFaults("build_and_run_instance");
            inst.set("vm_state", NovaStates.ACTIVE).set("task_state", null).set("power_state", NovaStates.RUNNING)
                    .set("launched_at", Json.objectTime(Instant.now()));
            save(ctxt, inst, Map.of("expected_task_state", NovaStates.SPAWNING));
            scheduler.update_instance_info(RequestContexts.elevated(ctxt), this.node.host(),
                    NovaObjects.instanceList(List.of(inst)));
            conductor.eventFinish(ctxt, uuid, event, null);
        } catch (RuntimeException e) {
            setError(ctxt, inst, e);
            conductor.eventFinish(ctxt, uuid, event, e.getMessage());
        }
    }

    public void start_instance(RpcContext ctx, JsonNode instance) {
        powerAction(ctx, instance, "compute_start_instance", inst -> {
            inst.set("power_state", NovaStates.RUNNING).set("vm_state", NovaStates.ACTIVE).set("task_state", null);
            return Map.of("expected_task_state", NovaStates.POWERING_ON);
        });
    }

    public void stop_instance(RpcContext ctx, JsonNode instance, Boolean clean_shutdown) {
        powerAction(ctx, instance, "compute_stop_instance", inst -> {
            boolean wasOff = inst.powerState() == NovaStates.SHUTDOWN;
            inst.set("power_state", NovaStates.SHUTDOWN).set("vm_state", NovaStates.STOPPED).set("task_state", null);
            return Map.of("expected_task_state", wasOff ? java.util.Arrays.asList(NovaStates.POWERING_OFF, null)
                    : List.of(NovaStates.POWERING_OFF));
        });
    }

    public void reboot_instance(RpcContext ctx, JsonNode instance, JsonNode block_device_info, String reboot_type) {
        boolean hard = "HARD".equalsIgnoreCase(reboot_type);
        Map<String, Object> ctxt = RequestContexts.passOn(ctx.values());
        powerAction(ctx, instance, "compute_reboot_instance", inst -> {
            inst.set("task_state", hard ? NovaStates.REBOOT_PENDING_HARD : NovaStates.REBOOT_PENDING);
            save(ctxt, inst, Map.of("expected_task_state",
                    List.of(hard ? NovaStates.REBOOTING_HARD : NovaStates.REBOOTING)));
            inst.set("task_state", hard ? NovaStates.REBOOT_STARTED_HARD : NovaStates.REBOOT_STARTED);
            save(ctxt, inst, Map.of("expected_task_state",
                    hard ? NovaStates.REBOOT_PENDING_HARD : NovaStates.REBOOT_PENDING));
            inst.set("power_state", NovaStates.RUNNING).set("vm_state", NovaStates.ACTIVE).set("task_state", null);
            return Map.of("expected_task_state", hard ? NovaStates.REBOOT_STARTED_HARD : NovaStates.REBOOT_STARTED);
        });
    }

    /**
     * nova's {@code terminate_instance} (6.0): event start, the instance saved as deleted (vm_state deleted,
     * no task, power state NOSTATE, terminated_at), then {@code _complete_deletion}: the allocation freed in
     * placement when registered and {@code delete_instance_info} to the schedulers; then {@code Instance.destroy}
     * and event finish.
     */
    public void terminate_instance(RpcContext ctx, JsonNode instance, JsonNode bdms) {
        Map<String, Object> ctxt = RequestContexts.passOn(ctx.values());
        Instance inst = Instance.fromPrimitive(instance);
        inst.resetChanges();
        String uuid = inst.uuid();
        String event = "compute_terminate_instance";
        conductor.eventStart(ctxt, uuid, event, node.host());
        try {
            checkFaults(ctx);
            inst.set("vm_state", NovaStates.DELETED).set("task_state", null).set("power_state", NovaStates.NOSTATE)
                    .set("terminated_at", Json.objectTime(Instant.now()));
            conductor.save(ctxt, inst, Map.of());
            if (registration != null) {
                registration.release(uuid);
            }
            scheduler.delete_instance_info(RequestContexts.elevated(ctxt), node.host(), uuid);
            conductor.object_action(ctxt, inst.toPrimitive(), "destroy", List.of(), Map.of());
            instances.remove(uuid);
            conductor.eventFinish(ctxt, uuid, event, null);
        } catch (RuntimeException e) {
            conductor.eventFinish(ctxt, uuid, event, e.getMessage());
            throw e;
        }
    }

    /** A call: the last {@code tail_length} lines of the simulated console log. */
    public String get_console_output(RpcContext ctx, JsonNode instance, Integer tail_length) {
        checkFaults(ctx);
        Instance inst = Instance.fromPrimitive(instance);
        Instance known = instances.get(inst.uuid());
        Instance shown = known != null ? known : inst;
        List<String> lines = new ArrayList<>();
        lines.add("[    0.000000] Linux version 6.1.0-13-amd64 (simulated by osloscope on " + node.host() + ")");
        lines.add("[    0.912345] Run /sbin/init as init process");
        lines.add("cloud-init: instance " + shown.uuid() + " (" + shown.displayName() + ")");
        lines.add("cloud-init: vm_state=" + shown.vmState() + " power_state=" + shown.powerState());
        lines.add(shown.text("hostname") + " login: ");
        if (tail_length != null && tail_length >= 0 && tail_length < lines.size()) {
            lines = lines.subList(lines.size() - tail_length, lines.size());
        }
        return String.join("\n", lines) + "\n";
    }

    private interface PowerChange {
        Map<String, ?> apply(Instance inst);
    }

    /** start/stop/reboot: event_start, the saves, event_finish; on failure {@code @reverts_task_state}. */
    private void powerAction(RpcContext ctx, JsonNode instance, String event, PowerChange change) {
        Map<String, Object> ctxt = RequestContexts.passOn(ctx.values());
        Instance inst = Instance.fromPrimitive(instance);
        inst.resetChanges();
        instances.put(inst.uuid(), inst);
        conductor.eventStart(ctxt, inst.uuid(), event, node.host());
        try {
            checkFaults(ctx);
            Map<String, ?> kwargs = change.apply(inst);
            save(ctxt, inst, kwargs);
            conductor.eventFinish(ctxt, inst.uuid(), event, null);
        } catch (RuntimeException e) {
            try {
                inst.set("task_state", null);
                save(ctxt, inst, Map.of());
            } catch (RuntimeException ignored) {
                // nova logs and re-raises the original error
            }
            conductor.eventFinish(ctxt, inst.uuid(), event, e.getMessage());
            throw e;
        }
    }

    private static int intField(Instance inst, String field) {
        String v = inst.text(field);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void save(Map<String, Object> ctxt, Instance inst, Map<String, ?> kwargs) {
        conductor.save(ctxt, inst, kwargs);
        instances.put(inst.uuid(), inst);
    }

    private void setError(Map<String, Object> ctxt, Instance inst, RuntimeException cause) {
        try {
            inst.set("vm_state", NovaStates.ERROR).set("task_state", null);
            var fault = Json.object();
            fault.put("code", 500);
            fault.put("message", String.valueOf(cause.getMessage()));
            fault.put("created", Json.objectTime(Instant.now()));
            inst.set("fault", fault);
            save(ctxt, inst, Map.of());
        } catch (RuntimeException ignored) {
            // the conductor is unreachable: the instance stays as the database last saw it
        }
    }
}
