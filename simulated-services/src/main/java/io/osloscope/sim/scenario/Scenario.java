package io.osloscope.sim.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scenarios, one set for {@code osloscope simulate} and the window's simulation panel: the command line
 * names them by {@link #cliName()}, the window lists their {@link #title()}s; {@link ScenarioRunner} runs them.
 */
public enum Scenario {
    /** Boot {@code count} servers through the REST-to-RPC path and wait for ACTIVE. */
    BOOT("boot", "boot a server (api → conductor → scheduler → compute)", 1),
    /** {@link #BOOT} with ten servers requested at once. */
    BOOT_STORM("boot-storm", "boot storm (10 servers)", 10),
    /** Boot, then stop every server and start it again. */
    START_STOP("start-stop", "stop and start a server", 1),
    /** {@code count} fanout casts to every compute ({@code compute_fanout}) plus nova's aggregate fanout to the schedulers. */
    FANOUT("fanout", "fanout cast to every compute", 1),
    /** Boot, take compute1 down, stop its servers (the casts pile up), bring it back, watch them drain. */
    COMPUTE_DOWN("compute-down", "compute down: stop casts pile up in its queue, then drain", 0);

    private final String cliName;
    private final String title;
    private final int interactiveCount;

    Scenario(String cliName, String title, int interactiveCount) {
        this.cliName = cliName;
        this.title = title;
        this.interactiveCount = interactiveCount;
    }

    public String cliName() {
        return cliName;
    }

    /** What the window's scenario list shows. */
    public String title() {
        return title;
    }

    /**
     * The {@code count} the window runs it with, small enough to follow message by message (0: the
     * scenario's default, as on the command line).
     */
    public int interactiveCount() {
        return interactiveCount;
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

    /** The scenario whose {@link #title()} or {@link #cliName()} this is. */
    public static Scenario byTitle(String title) {
        for (Scenario s : values()) {
            if (s.title.equals(title) || s.cliName.equals(title)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + title + "'");
    }
}
