package io.osloscope.sim.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The headless scenarios of {@code osloscope simulate}. */
public enum Scenario {
    /** Boot {@code count} servers through the REST-to-RPC path and wait for ACTIVE. */
    BOOT("boot"),
    /** Boot, then stop every server and start it again. */
    START_STOP("start-stop"),
    /** {@code count} fanout casts to every compute ({@code compute_fanout}) plus nova's aggregate fanout to the schedulers. */
    FANOUT("fanout"),
    /** Boot, take compute1 down, stop its servers (the casts pile up), bring it back, watch them drain. */
    COMPUTE_DOWN("compute-down");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Scenario parse(String name) {
        for (Scenario s : values()) {
            if (s.cliName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; choose one of "
                + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", ")));
    }
}
