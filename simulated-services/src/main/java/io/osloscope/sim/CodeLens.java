package io.osloscope.sim;

import java.util.List;
import java.util.Optional;

/**
 * The code behind a message, for the code lens: which simulated class sent it and which handled it, and where the
 * same two sides live in nova's Python (file and {@code Class.function}), keyed by the RPC topic's kind and the
 * method. The Python names are checked against an installed nova by {@code CodeLensNovaSourceTest}; the
 * descriptions are our own words. Sits beside {@link MethodCatalog}, which says what a sender puts on the wire.
 */
public final class CodeLens {
    /** One side of a message: in our Java and in nova's Python. */
    public record Side(String javaClass, String javaMethod, String javaExcerpt, String pythonFile,
                       String pythonFunction) {
        /** {@code nova/compute/rpcapi.py ComputeAPI.start_instance}. */
        public String pythonReference() {
            return pythonFile + " " + pythonFunction;
        }

        /** {@code ComputeAPI.start_instance}. */
        public String javaReference() {
            return javaClass + "." + javaMethod;
        }
    }

    /**
     * The sender and handler of {@code method} on {@code topic} ({@code compute}, {@code conductor},
     * {@code scheduler}, or {@code *} for the base API every service has), and what it does, in a sentence.
     */
    public record Entry(String topic, String method, Side sender, Side handler, String what) {
    }

    private static final String C_RPC = "nova/compute/rpcapi.py";
    private static final String C_MGR = "nova/compute/manager.py";
    private static final String K_RPC = "nova/conductor/rpcapi.py";
    private static final String K_MGR = "nova/conductor/manager.py";
    private static final String S_RPC = "nova/scheduler/rpcapi.py";
    private static final String S_MGR = "nova/scheduler/manager.py";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("conductor", "schedule_and_build_instances",
                    new Side("ComputeTaskAPI", "schedule_and_build_instances",
                            "client.prepare().version(\"1.17\").cast(ctxt, \"schedule_and_build_instances\", args)",
                            K_RPC, "ComputeTaskAPI.schedule_and_build_instances"),
                    new Side("ComputeTaskManager", "schedule_and_build_instances",
                            "void schedule_and_build_instances(RpcContext ctx, List<JsonNode> build_requests, ...)",
                            K_MGR, "ComputeTaskManager.schedule_and_build_instances"),
                    "nova-api hands the whole boot to the conductor and answers the REST client at once: a cast."),
            new Entry("scheduler", "select_destinations",
                    new Side("SchedulerAPI", "select_destinations",
                            "prepare().version(\"4.5\").timeout(selectTimeout).call(ctxt, \"select_destinations\", a)",
                            S_RPC, "SchedulerAPI.select_destinations"),
                    new Side("SchedulerManager", "select_destinations",
                            "JsonNode select_destinations(RpcContext ctx, List<String> instance_uuids, JsonNode spec_obj, ...)",
                            S_MGR, "SchedulerManager.select_destinations"),
                    "The conductor must know the chosen host before it goes on, so it waits for the answer: a call."),
            new Entry("compute", "build_and_run_instance",
                    new Side("ComputeAPI", "build_and_run_instance",
                            "c.server(host).version(\"6.0\").cast(ctxt, \"build_and_run_instance\", args)",
                            C_RPC, "ComputeAPI.build_and_run_instance"),
                    new Side("ComputeManager", "build_and_run_instance",
                            "void build_and_run_instance(RpcContext ctx, JsonNode instance, JsonNode image, ...)",
                            C_MGR, "ComputeManager.build_and_run_instance"),
                    "The conductor tells one compute, by its host name (topic compute.HOST), to build the server."),
            new Entry("compute", "start_instance",
                    new Side("ComputeAPI", "start_instance",
                            "c.server(instance.host()).version(ver(c, \"5.0\")).cast(ctxt, \"start_instance\", {instance})",
                            C_RPC, "ComputeAPI.start_instance"),
                    new Side("ComputeManager", "start_instance",
                            "void start_instance(RpcContext ctx, JsonNode instance)", C_MGR,
                            "ComputeManager.start_instance"),
                    "Power on: a cast to the compute that hosts the instance; nova-api does not wait."),
            new Entry("compute", "stop_instance",
                    new Side("ComputeAPI", "stop_instance",
                            "c.server(instance.host()).version(\"6.0\").cast(ctxt, \"stop_instance\", args)", C_RPC,
                            "ComputeAPI.stop_instance"),
                    new Side("ComputeManager", "stop_instance",
                            "void stop_instance(RpcContext ctx, JsonNode instance, boolean clean_shutdown)", C_MGR,
                            "ComputeManager.stop_instance"),
                    "Power off: a cast by default (do_cast=True); a call only when the caller must wait."),
            new Entry("compute", "reboot_instance",
                    new Side("ComputeAPI", "reboot_instance",
                            "c.server(instance.host()).version(ver(c, \"5.0\")).cast(ctxt, \"reboot_instance\", args)",
                            C_RPC, "ComputeAPI.reboot_instance"),
                    new Side("ComputeManager", "reboot_instance",
                            "void reboot_instance(RpcContext ctx, JsonNode instance, ..., String reboot_type)", C_MGR,
                            "ComputeManager.reboot_instance"),
                    "Reboot: a cast to the instance's compute."),
            new Entry("compute", "get_console_output",
                    new Side("ComputeAPI", "get_console_output",
                            "c.server(instance.host()).version(ver(c, \"5.0\")).call(ctxt, \"get_console_output\", args)",
                            C_RPC, "ComputeAPI.get_console_output"),
                    new Side("ComputeManager", "get_console_output",
                            "String get_console_output(RpcContext ctx, JsonNode instance, Integer tail_length)", C_MGR,
                            "ComputeManager.get_console_output"),
                    "The REST client wants the text back, so nova-api calls and waits for the reply."),
            new Entry("conductor", "object_action",
                    new Side("ConductorAPI", "object_action",
                            "prepare().call(ctxt, \"object_action\", {objinst, objmethod, args, kwargs})", K_RPC,
                            "ConductorAPI.object_action"),
                    new Side("ConductorManager", "object_action",
                            "JsonNode object_action(RpcContext ctx, JsonNode objinst, String objmethod, ...)", K_MGR,
                            "ConductorManager.object_action"),
                    "A compute has no database: instance.save() becomes a call to the conductor, which saves it."),
            new Entry("conductor", "object_class_action_versions",
                    new Side("ConductorAPI", "object_class_action_versions",
                            "prepare().call(ctxt, \"object_class_action_versions\", a)", K_RPC,
                            "ConductorAPI.object_class_action_versions"),
                    new Side("ConductorManager", "object_class_action_versions",
                            "JsonNode object_class_action_versions(RpcContext ctx, String objname, String objmethod, ...)",
                            K_MGR, "ConductorManager.object_class_action_versions"),
                    "A class method of a versioned object (Instance.get_by_uuid) run by the conductor for a caller "
                            + "without database access."),
            new Entry("scheduler", "update_instance_info",
                    new Side("SchedulerAPI", "update_instance_info",
                            "prepare().fanout(true).version(\"4.2\").cast(ctxt, \"update_instance_info\", a)", S_RPC,
                            "SchedulerAPI.update_instance_info"),
                    new Side("SchedulerManager", "update_instance_info",
                            "void update_instance_info(RpcContext ctx, String host_name, JsonNode instance_info)",
                            S_MGR, "SchedulerManager.update_instance_info"),
                    "A compute tells every scheduler what it now runs: a fanout cast, one copy per scheduler."),
            new Entry("scheduler", "sync_instance_info",
                    new Side("SchedulerAPI", "sync_instance_info",
                            "prepare().fanout(true).version(\"4.2\").cast(ctxt, \"sync_instance_info\", a)", S_RPC,
                            "SchedulerAPI.sync_instance_info"),
                    new Side("SchedulerManager", "sync_instance_info",
                            "void sync_instance_info(RpcContext ctx, String host_name, List<String> instance_uuids)",
                            S_MGR, "SchedulerManager.sync_instance_info"),
                    "A compute's periodic list of its instances, fanned out to every scheduler."),
            new Entry("scheduler", "update_aggregates",
                    new Side("SchedulerAPI", "update_aggregates",
                            "prepare().fanout(true).version(\"4.1\").cast(ctxt, \"update_aggregates\", {aggregates})",
                            S_RPC, "SchedulerAPI.update_aggregates"),
                    new Side("SchedulerManager", "update_aggregates",
                            "void update_aggregates(RpcContext ctx, JsonNode aggregates)", S_MGR,
                            "SchedulerManager.update_aggregates"),
                    "A host aggregate changed: every scheduler must know, so it is a fanout."),
            new Entry("*", "ping",
                    new Side("ConductorAPI", "ping",
                            "prepare().namespace(\"baseapi\").version(\"1.0\").call(ctxt, \"ping\", {arg})",
                            "nova/baserpc.py", "BaseAPI.ping"),
                    new Side("BaseRpcApi", "ping", "Map<String, Object> ping(RpcContext ctx, Object arg)",
                            "nova/baserpc.py", "BaseRPCAPI.ping"),
                    "The base API every nova service serves in namespace baseapi; a compute pings the conductor "
                            + "before it starts serving."));

    private CodeLens() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry for {@code method} sent to {@code topic}; {@code ping} matches on any topic. */
    public static Optional<Entry> lookup(String topic, String method) {
        if (method == null) {
            return Optional.empty();
        }
        return ENTRIES.stream().filter(e -> e.method().equals(method)
                && (e.topic().equals("*") || e.topic().equals(topic) || topic == null)).findFirst();
    }

    /**
     * The topic a message was sent on, from its exchange and routing key as oslo names them: {@code compute} for
     * routing key {@code compute.compute1} or exchange {@code compute_fanout}; null when neither says.
     */
    public static String topicOf(String exchange, String routingKey) {
        if (exchange != null && exchange.endsWith("_fanout")) {
            return exchange.substring(0, exchange.length() - "_fanout".length());
        }
        if (routingKey == null || routingKey.isEmpty() || routingKey.startsWith("reply_")) {
            return null;
        }
        int dot = routingKey.indexOf('.');
        return dot < 0 ? routingKey : routingKey.substring(0, dot);
    }
}
