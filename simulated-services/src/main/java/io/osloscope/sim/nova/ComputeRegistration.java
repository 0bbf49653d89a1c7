package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.RemoteError;
import io.osloscope.sim.nova.objects.Json;
import io.osloscope.sim.nova.objects.Primitives;
import io.osloscope.sim.nova.objects.VersionedObject;
import io.osloscope.sim.nova.placement.PlacementClient;
import io.osloscope.sim.nova.placement.PlacementException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How one simulated nova-compute joins a real nova Zed control plane, as nova-compute does at start-up and
 * afterwards, with no database of its own (every write is an {@code object_action} or
 * {@code object_class_action_versions} call to the conductor, version 3.0):
 * <ol>
 * <li>{@code Service.get_by_host_and_binary(host, 'nova-compute')}, else {@code Service.create} with topic
 * {@code compute}, {@code report_count} 0 and {@code version} {@value #SERVICE_VERSION} (Zed's
 * {@code SERVICE_VERSION}); an older version on record is saved up, as {@code service.py} does;</li>
 * <li>the resource tracker's compute node: {@code ComputeNode.get_by_host_and_nodename}, else
 * {@code ComputeNode.create} with what the fake driver reports (1,000 vCPUs, 800,000 MB, 600,000 GB,
 * hypervisor_type {@code fake}, version 1000);</li>
 * <li>optionally the cell host mapping, what {@code nova-manage cell_v2 discover_hosts} would add (a host
 * without one is never scheduled to): {@code HostMapping.create} for the one enabled cell other than cell0;</li>
 * <li>placement over REST: the root provider (uuid = the compute node's, name = the hypervisor hostname),
 * inventories VCPU, MEMORY_MB, DISK_GB and the traits the fake driver's capabilities give.</li>
 * </ol>
 * Afterwards: {@code report_state} ({@code Service.save} with {@code report_count} + 1) every report
 * interval after nova's initial 5 s, and {@code update_available_resource} (read the provider's allocations,
 * {@code ComputeNode.save} when usage changed) every resource interval, its first run delayed at random
 * within one interval as nova's {@code periodic_fuzzy_delay} spreads them. A claim or a release saves
 * the compute node at once, as the resource tracker does. With {@link Options#serviceOnly()} only step 1 and
 * report_state run (for the simulated conductor, which keeps service records but no compute nodes).
 */
public final class ComputeRegistration {
    /** Zed's {@code nova.objects.service.SERVICE_VERSION}. */
    public static final int SERVICE_VERSION = 64;
    static final Map<String, String> SERVICE_MANIFEST = Map.of("Service", "1.22", "ComputeNode", "1.19",
            "HVSpec", "1.2", "PciDevicePool", "1.1", "PciDevicePoolList", "1.1");
    static final Map<String, String> NODE_MANIFEST = Map.of("ComputeNode", "1.19", "HVSpec", "1.2",
            "PciDevicePool", "1.1", "PciDevicePoolList", "1.1");
    static final List<String> FAKE_TRAITS = List.of("COMPUTE_NODE", "COMPUTE_NET_ATTACH_INTERFACE",
            "COMPUTE_NET_ATTACH_INTERFACE_WITH_TAG", "COMPUTE_DEVICE_TAGGING", "COMPUTE_VOLUME_ATTACH_WITH_TAG",
            "COMPUTE_VOLUME_EXTEND", "COMPUTE_VOLUME_MULTI_ATTACH", "COMPUTE_TRUSTED_CERTS", "COMPUTE_ACCELERATORS",
            "COMPUTE_IMAGE_TYPE_RAW");
    static final int VCPUS = 1000;
    static final int MEMORY_MB = 800000;
    static final int LOCAL_GB = 600000;
    static final int RESERVED_MEMORY_MB = 512;
    private static final String CELL0 = "00000000-0000-0000-0000-000000000000";
    private static final String CPU_INFO = "{\"arch\": \"x86_64\", \"model\": \"Nehalem\", \"vendor\": \"Intel\","
            + " \"features\": [\"pge\", \"clflush\"], \"topology\": {\"cores\": 1, \"threads\": 1, \"sockets\": 4}}";

    /** What registering needs besides the conductor: placement, whether to map the host, the intervals. */
    public record Options(PlacementClient placement, boolean mapHost, Duration reportInterval,
                          Duration resourceInterval, ScheduledExecutorService timer, Executor workers,
                          Consumer<String> problems) {
        /** nova's defaults: {@code report_interval} 10 s, {@code update_resources_interval} 60 s. */
        public static Options defaults(PlacementClient placement, boolean mapHost) {
            return new Options(placement, mapHost, Duration.ofSeconds(10), Duration.ofSeconds(60), null, null,
                    m -> { });
        }

        /**
         * Only the service record and report_state, no compute node or placement (placement is null): what a
         * compute needs to be seen up by a conductor, e.g. the simulated one, which keeps service records only.
         */
        public static Options serviceOnly() {
            return defaults(null, false);
        }

        /** Whether this registers only the service record (see {@link #serviceOnly()}). */
        public boolean onlyService() {
            return placement == null;
        }

        /** The timer that says when a periodic task is due, the workers that run it, where problems go. */
        public Options withTimer(ScheduledExecutorService t, Executor w, Consumer<String> problemSink) {
            return new Options(placement, mapHost, reportInterval, resourceInterval, t, w, problemSink);
        }

        public Options withIntervals(Duration report, Duration resources) {
            return new Options(placement, mapHost, report, resources, timer, workers, problems);
        }
    }

    private final ConductorAPI conductor;
    private final String host;
    private final Options options;
    private final Map<String, int[]> claims = new ConcurrentHashMap<>();
    private final AtomicLong reports = new AtomicLong();
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
    private final Object lock = new Object();
    private final List<VersionedObject> created = new ArrayList<>();
    private VersionedObject service;
    private VersionedObject node;

    public ComputeRegistration(ConductorAPI conductor, String host, Options options) {
        this.conductor = conductor;
        this.host = host;
        this.options = options;
    }

    /**
     * Registers this host; throws a {@link RegistrationException} naming the step and the refusal (one
     * line) when the conductor or placement refuses it.
     */
    public void register() {
        Map<String, Object> ctxt = RequestContexts.admin();
        try {
            step("service record", () -> serviceRecord(ctxt));
            if (options.onlyService()) {
                return;
            }
            step("compute node", () -> computeNode(ctxt));
            if (options.mapHost()) {
                step("host mapping", () -> hostMapping(ctxt));
            }
            step("placement", this::provider);
        } catch (RegistrationException e) {
            rollBack(ctxt);
            throw e;
        }
    }

    /**
     * A refused host leaves nothing half-registered: what this run created (host mapping, compute node, service
     * record) is destroyed again through the conductor, newest first. (nova-api cannot delete a compute service
     * whose node has no resource provider: it fails with a 500.) Best effort; what was there before stays.
     */
    private void rollBack(Map<String, Object> ctxt) {
        for (int i = created.size() - 1; i >= 0; i--) {
            VersionedObject o = created.get(i);
            try {
                conductor.object_action(ctxt, o.toPrimitive(), "destroy", List.of(), Map.of());
            } catch (RuntimeException ignored) {
                // the refusal already explains the host; a leftover record shows in os-services
            }
        }
        created.clear();
    }

    /**
     * Starts report_state and update_available_resource: the shared timer only hands each due run to the shared
     * workers (a conductor call can take seconds under load, and a timer thread must not wait for it); a run still
     * going when the next is due is skipped, as nova's looping calls never overlap.
     */
    public void startPeriodicTasks() {
        long report = options.reportInterval().toMillis();
        long resources = options.resourceInterval().toMillis();
        synchronized (periodic) {
            periodic.add(options.timer().scheduleAtFixedRate(handOff("report_state", this::reportState),
                    Math.min(5000, report), report, TimeUnit.MILLISECONDS));
            if (options.onlyService()) {
                return;
            }
            periodic.add(options.timer().scheduleAtFixedRate(
                    handOff("update_available_resource", this::updateAvailableResource),
                    ThreadLocalRandom.current().nextLong(resources), resources, TimeUnit.MILLISECONDS));
        }
    }

    private Runnable handOff(String task, Runnable body) {
        AtomicBoolean busy = new AtomicBoolean();
        return () -> {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            try {
                options.workers().execute(() -> {
                    try {
                        quietly(task, body);
                    } finally {
                        busy.set(false);
                    }
                });
            } catch (RuntimeException e) {
                busy.set(false); // the workers are shut down: the fleet is stopping
            }
        };
    }

    public void stopPeriodicTasks() {
        synchronized (periodic) {
            periodic.forEach(f -> f.cancel(false));
            periodic.clear();
        }
    }

    /** The compute node's uuid (the resource provider's), once registered. */
    public String nodeUuid() {
        synchronized (lock) {
            return node == null ? null : node.text("uuid");
        }
    }

    /** How many report_state updates the conductor accepted. */
    public long reportCount() {
        return reports.get();
    }

    /** The resource tracker's instance claim: usage grows and the compute node is saved. */
    public void claim(String instanceUuid, int vcpus, int memoryMb, int rootGb) {
        if (options.onlyService()) {
            return;
        }
        claims.put(instanceUuid, new int[]{vcpus, memoryMb, rootGb});
        saveUsage(RequestContexts.admin());
    }

    /** A deleted instance: its allocation in placement goes (force, as nova does) and usage shrinks. */
    public void release(String instanceUuid) {
        if (options.onlyService()) {
            return;
        }
        claims.remove(instanceUuid);
        options.placement().deleteAllocations(instanceUuid);
        saveUsage(RequestContexts.admin());
    }

    void reportState() {
        Map<String, Object> ctxt = RequestContexts.admin();
        synchronized (lock) {
            service.set("report_count", service.number("report_count") + 1);
            service.applyActionReply(conductor.object_action(ctxt, service.toPrimitive(), "save", List.of(),
                    Map.of()));
        }
        reports.incrementAndGet();
    }

    void updateAvailableResource() {
        String uuid = nodeUuid();
        options.placement().providerAllocations(uuid);
        saveUsage(RequestContexts.admin());
    }

    private void serviceRecord(Map<String, Object> ctxt) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("host", host);
        kw.put("binary", NovaTopics.BIN_COMPUTE);
        JsonNode found = conductor.object_class_action_versions(ctxt, "Service", "get_by_host_and_binary",
                SERVICE_MANIFEST, List.of(), kw);
        synchronized (lock) {
            if (Primitives.isPrimitive(found)) {
                service = VersionedObject.fromPrimitive(found);
                service.resetChanges();
                if (service.number("version") < SERVICE_VERSION) {
                    service.set("version", SERVICE_VERSION);
                    service.applyActionReply(conductor.object_action(ctxt, service.toPrimitive(), "save",
                            List.of(), Map.of()));
                }
                return;
            }
            service = VersionedObject.create("Service", "1.22")
                    .set("host", host).set("binary", NovaTopics.BIN_COMPUTE).set("topic", NovaTopics.COMPUTE)
                    .set("report_count", 0).set("version", SERVICE_VERSION);
            service.applyActionReply(conductor.object_action(ctxt, service.toPrimitive(), "create", List.of(),
                    Map.of()));
            created.add(service);
        }
    }

    private void computeNode(Map<String, Object> ctxt) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("host", host);
        kw.put("nodename", host);
        JsonNode found = null;
        try {
            found = conductor.object_class_action_versions(ctxt, "ComputeNode", "get_by_host_and_nodename",
                    NODE_MANIFEST, List.of(), kw);
        } catch (RemoteError e) {
            if (!e.excType().equals("ComputeHostNotFound")) {
                throw e;
            }
        }
        synchronized (lock) {
            if (Primitives.isPrimitive(found)) {
                node = VersionedObject.fromPrimitive(found);
                node.resetChanges();
                return;
            }
            var hv = Json.object();
            hv.put("arch", "x86_64");
            hv.put("hv_type", "fake");
            hv.put("vm_mode", "hvm");
            node = VersionedObject.create("ComputeNode", "1.19")
                    .set("uuid", UUID.randomUUID().toString()).set("host", host)
                    .set("vcpus", VCPUS).set("memory_mb", MEMORY_MB).set("local_gb", LOCAL_GB)
                    .set("vcpus_used", 0).set("memory_mb_used", RESERVED_MEMORY_MB).set("local_gb_used", 0)
                    .set("hypervisor_type", "fake").set("hypervisor_version", 1000)
                    .set("hypervisor_hostname", host)
                    .set("free_ram_mb", MEMORY_MB - RESERVED_MEMORY_MB).set("free_disk_gb", LOCAL_GB)
                    .set("current_workload", 0).set("running_vms", 0).set("cpu_info", CPU_INFO)
                    .set("disk_available_least", 0).set("host_ip", "127.0.0.1")
                    .set("supported_hv_specs", List.of(Primitives.of("HVSpec", "1.2", hv,
                            List.of("arch", "hv_type", "vm_mode"))))
                    .set("pci_device_pools", Primitives.list("PciDevicePoolList", "1.1", List.of()))
                    .set("stats", Map.of("failed_builds", "0"))
                    .set("cpu_allocation_ratio", 16.0).set("ram_allocation_ratio", 1.5)
                    .set("disk_allocation_ratio", 1.0).set("mapped", options.mapHost() ? 1 : 0);
            node.applyActionReply(conductor.object_action(ctxt, node.toPrimitive(), "create", List.of(), Map.of()));
            created.add(node);
        }
    }

    private void hostMapping(Map<String, Object> ctxt) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("host", host);
        try {
            conductor.object_class_action_versions(ctxt, "HostMapping", "get_by_host",
                    Map.of("HostMapping", "1.0", "CellMapping", "1.1"), List.of(), kw);
            return;
        } catch (RemoteError e) {
            if (!e.excType().equals("HostMappingNotFound")) {
                throw e;
            }
        }
        JsonNode cells = conductor.object_class_action_versions(ctxt, "CellMappingList", "get_by_disabled",
                Map.of("CellMappingList", "1.1", "CellMapping", "1.1"), List.of(), Map.of("disabled", false));
        List<Long> ids = new ArrayList<>();
        for (JsonNode cell : Primitives.objects(cells, "CellMappingList")) {
            JsonNode d = cell.get(Primitives.DATA);
            if (!CELL0.equals(Json.text(d, "uuid"))) {
                ids.add(d.path("id").asLong());
            }
        }
        if (ids.size() != 1) {
            throw new RegistrationException("found " + ids.size() + " enabled cells besides cell0; map the host"
                    + " with 'nova-manage cell_v2 discover_hosts' instead");
        }
        var cellData = Json.object();
        cellData.put("id", ids.get(0));
        VersionedObject mapping = VersionedObject.create("HostMapping", "1.0").set("host", host)
                .set("cell_mapping", Primitives.of("CellMapping", "1.1", cellData, List.of("id")));
        conductor.object_action(ctxt, mapping.toPrimitive(), "create", List.of(), Map.of());
        // kept for a roll-back without the reply's cell mapping, which carries the cell's database and broker URLs
        created.add(VersionedObject.create("HostMapping", "1.0").set("host", host));
    }

    private void provider() {
        PlacementClient p = options.placement();
        String uuid = nodeUuid();
        long gen = p.providerGeneration(uuid);
        if (gen < 0) {
            gen = p.createProvider(uuid, host);
        }
        Map<String, Map<String, Object>> inv = new LinkedHashMap<>();
        inv.put("VCPU", inventory(VCPUS, 0, 16.0));
        inv.put("MEMORY_MB", inventory(MEMORY_MB, RESERVED_MEMORY_MB, 1.5));
        inv.put("DISK_GB", inventory(LOCAL_GB, 0, 1.0));
        gen = p.putInventories(uuid, gen, inv);
        p.putTraits(uuid, gen, FAKE_TRAITS);
    }

    private static Map<String, Object> inventory(int total, int reserved, double ratio) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", total);
        m.put("reserved", reserved);
        m.put("min_unit", 1);
        m.put("max_unit", total);
        m.put("step_size", 1);
        m.put("allocation_ratio", ratio);
        return m;
    }

    /** Saves the compute node when the claims changed its usage (the tracker's {@code _resource_change}). */
    private void saveUsage(Map<String, Object> ctxt) {
        int vcpus = 0;
        int mem = RESERVED_MEMORY_MB;
        int disk = 0;
        for (int[] c : claims.values()) {
            vcpus += c[0];
            mem += c[1];
            disk += c[2];
        }
        synchronized (lock) {
            if (node == null) {
                return;
            }
            setIfChanged("vcpus_used", vcpus);
            setIfChanged("memory_mb_used", mem);
            setIfChanged("local_gb_used", disk);
            setIfChanged("free_ram_mb", MEMORY_MB - mem);
            setIfChanged("free_disk_gb", LOCAL_GB - disk);
            setIfChanged("running_vms", claims.size());
            if (!node.changes().isEmpty()) {
                node.applyActionReply(conductor.object_action(ctxt, node.toPrimitive(), "save", List.of(),
                        Map.of()));
            }
        }
    }

    private void setIfChanged(String field, long value) {
        if (node.number(field) != value) {
            node.set(field, value);
        }
    }

    private void quietly(String task, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            options.problems().accept(host + ": " + task + " failed: " + oneLine(e));
        }
    }

    private static void step(String what, Runnable r) {
        try {
            r.run();
        } catch (RegistrationException e) {
            throw new RegistrationException(what + ": " + e.getMessage());
        } catch (PlacementException | MessagingException e) {
            throw new RegistrationException(what + ": " + oneLine(e));
        }
    }

    /** An exception's message on one line (a remote traceback is cut at its first line). */
    public static String oneLine(RuntimeException e) {
        String m = e instanceof RemoteError r ? "conductor raised " + r.excType() + ": " + r.value() : e.getMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The conductor or placement refused one step of registering a host. */
    public static final class RegistrationException extends RuntimeException {
        public RegistrationException(String message) {
            super(message);
        }
    }
}
