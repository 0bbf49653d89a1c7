package io.osloscope.sim.nova;

import com.fasterxml.jackson.databind.JsonNode;
import io.osloscope.engine.rpc.EndpointTarget;
import io.osloscope.engine.rpc.RpcContext;

import java.util.List;

/**
 * nova's {@code _ComputeV5Proxy} ({@code Target(version='5.13')}): still accepts 5.x messages from
 * senders capped below 6.0 and forwards them to the 6.x manager.
 */
@EndpointTarget(version = "5.13")
public final class ComputeV5Proxy {
    private final ComputeManager manager;

    ComputeV5Proxy(ComputeManager manager) {
        this.manager = manager;
    }

    public void build_and_run_instance(RpcContext ctx, JsonNode instance, JsonNode image, JsonNode request_spec,
                                       JsonNode filter_properties, String admin_password, JsonNode injected_files,
                                       JsonNode requested_networks, List<String> security_groups,
                                       JsonNode block_device_mapping, String node, JsonNode limits,
                                       JsonNode host_list, List<String> accel_uuids) {
        manager.build_and_run_instance(ctx, instance, image, request_spec, filter_properties, admin_password,
                injected_files, requested_networks, security_groups, block_device_mapping, node, limits, host_list,
                accel_uuids);
    }

    public void start_instance(RpcContext ctx, JsonNode instance) {
        manager.start_instance(ctx, instance);
    }

    public void stop_instance(RpcContext ctx, JsonNode instance, Boolean clean_shutdown) {
        manager.stop_instance(ctx, instance, clean_shutdown);
    }

    public void reboot_instance(RpcContext ctx, JsonNode instance, JsonNode block_device_info, String reboot_type) {
        manager.reboot_instance(ctx, instance, block_device_info, reboot_type);
    }

    public String get_console_output(RpcContext ctx, JsonNode instance, Integer tail_length) {
        return manager.get_console_output(ctx, instance, tail_length);
    }
}
