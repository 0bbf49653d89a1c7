package io.osloscope.app.topology.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Which groups are folded. By default a service group folds above {@code serviceThreshold} hosts
 * (its per-host queues fold with it), fanout and reply queue families above their own, smaller
 * thresholds; a user's click overrides the default for that group.
 */
public final class CollapseState {
    private final int serviceThreshold;
    private final int fanoutThreshold;
    private final int replyThreshold;
    private final Map<String, Boolean> overrides = new HashMap<>();

    public CollapseState() {
        this(12, 2, 3);
    }

    public CollapseState(int serviceThreshold, int fanoutThreshold, int replyThreshold) {
        this.serviceThreshold = serviceThreshold;
        this.fanoutThreshold = fanoutThreshold;
        this.replyThreshold = replyThreshold;
    }

    public boolean collapsed(String groupKey, int members) {
        Boolean o = overrides.get(groupKey);
        if (o != null) {
            return o;
        }
        int threshold = groupKey.startsWith("fam:fanout:") ? fanoutThreshold
                : groupKey.equals("fam:reply") ? replyThreshold : serviceThreshold;
        return members > threshold;
    }

    public void setCollapsed(String groupKey, boolean value) {
        overrides.put(groupKey, value);
    }

    /** Flips a group from what it shows now; {@code members} decides the default it flips from. */
    public void toggle(String groupKey, int members) {
        overrides.put(groupKey, !collapsed(groupKey, members));
    }
}
