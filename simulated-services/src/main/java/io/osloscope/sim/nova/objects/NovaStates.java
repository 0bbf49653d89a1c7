package io.osloscope.sim.nova.objects;

/**
 * nova's instance state vocabulary (nova/compute/vm_states.py, power_state.py, task_states.py)
 * and how nova-api turns it into the REST {@code status} (api/openstack/common.py).
 */
public final class NovaStates {
    public static final String ACTIVE = "active";
    public static final String BUILDING = "building";
    public static final String STOPPED = "stopped";
    public static final String PAUSED = "paused";
    public static final String SUSPENDED = "suspended";
    public static final String ERROR = "error";
    public static final String DELETED = "deleted";

    public static final int NOSTATE = 0;
    public static final int RUNNING = 1;
    public static final int PAUSED_POWER = 3;
    public static final int SHUTDOWN = 4;
    public static final int CRASHED = 6;
    public static final int SUSPENDED_POWER = 7;

    public static final String SCHEDULING = "scheduling";
    public static final String NETWORKING = "networking";
    public static final String BLOCK_DEVICE_MAPPING = "block_device_mapping";
    public static final String SPAWNING = "spawning";
    public static final String POWERING_ON = "powering-on";
    public static final String POWERING_OFF = "powering-off";
    public static final String REBOOTING = "rebooting";
    public static final String REBOOT_PENDING = "reboot_pending";
    public static final String REBOOT_STARTED = "reboot_started";
    public static final String REBOOTING_HARD = "rebooting_hard";
    public static final String REBOOT_PENDING_HARD = "reboot_pending_hard";
    public static final String REBOOT_STARTED_HARD = "reboot_started_hard";
    public static final String DELETING = "deleting";

    private NovaStates() {
    }

    /** The REST status nova-api shows for these states ({@code status_from_state}). */
    public static String restStatus(String vmState, String taskState, boolean deleted) {
        if (deleted) {
            return "DELETED";
        }
        String t = taskState == null ? "" : taskState;
        if (t.startsWith("rebuild")) {
            if (ACTIVE.equals(vmState) || STOPPED.equals(vmState) || ERROR.equals(vmState)) {
                return "REBUILD";
            }
        }
        if (vmState == null) {
            return "UNKNOWN";
        }
        switch (vmState) {
            case ACTIVE:
                switch (t) {
                    case REBOOTING: case REBOOT_PENDING: case REBOOT_STARTED: return "REBOOT";
                    case REBOOTING_HARD: case REBOOT_PENDING_HARD: case REBOOT_STARTED_HARD: return "HARD_REBOOT";
                    case "updating_password": return "PASSWORD";
                    case "migrating": return "MIGRATING";
                    case "resize_prep": case "resize_migrating": case "resize_migrated": case "resize_finish":
                        return "RESIZE";
                    default: return "ACTIVE";
                }
            case BUILDING: return "BUILD";
            case STOPPED:
                switch (t) {
                    case "resize_prep": case "resize_migrating": case "resize_migrated": case "resize_finish":
                        return "RESIZE";
                    default: return "SHUTOFF";
                }
            case "resized": return "resize_reverting".equals(t) ? "REVERT_RESIZE" : "VERIFY_RESIZE";
            case PAUSED: return "migrating".equals(t) ? "MIGRATING" : "PAUSED";
            case SUSPENDED: return "SUSPENDED";
            case "rescued": return "RESCUE";
            case ERROR: return "ERROR";
            case DELETED: return "DELETED";
            case "soft-delete": return "SOFT_DELETED";
            case "shelved": return "SHELVED";
            case "shelved_offloaded": return "SHELVED_OFFLOADED";
            default: return "UNKNOWN";
        }
    }
}
