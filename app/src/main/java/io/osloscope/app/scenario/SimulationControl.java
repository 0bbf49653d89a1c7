package io.osloscope.app.scenario;

import java.util.List;

/**
 * What the simulation controls can do to the simulated cluster and the in-memory broker's delivery gate.
 * Methods may block briefly (starting a node); the app calls them on an engine executor.
 */
public interface SimulationControl {
    /** A simulated service: {@code binary} on {@code host}, {@code state} e.g. "up", "down", "slow 500ms". */
    record NodeInfo(String binary, String host, String state) {
        public boolean down() {
            return state != null && state.startsWith("down");
        }
    }

    enum Fault {
        NONE("healthy"), SLOW("slow (500 ms)"), RAISE("raise errors"), DROP_REPLIES("drop replies");

        private final String label;

        Fault(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    List<NodeInfo> nodes();

    /** Starts one more compute; returns its host name. */
    String addCompute();

    void removeCompute(String host);

    void setDown(String binary, String host, boolean down);

    void setFault(String binary, String host, Fault fault);

    void setPaused(boolean paused);

    boolean paused();

    /** Lets exactly one held delivery through while paused; false when none was waiting. */
    boolean step();

    /** 1.0 is real time; 0.25 is slow motion. */
    void setSpeed(double factor);

    List<String> scenarios();

    /** Runs a scenario to its end; returns a one-line summary. */
    String runScenario(String name);

    /** Casts a start_instance through the simulated API (the default demo action); returns a summary. */
    String startInstance();

    /**
     * What a dialect switch did, as the panel shows it: a first line saying where the cloud stands, then one line per
     * refused declare and per object deleted to recover; {@code complete} when every node runs in {@code dialect}.
     */
    record DialectSwitch(String dialect, List<String> lines, boolean complete) {
        public DialectSwitch {
            lines = List.copyOf(lines);
        }
    }

    /** The dialect the simulated services speak now. */
    String dialect();

    /** The dialects one can switch to. */
    List<String> dialects();

    /** The broker as the window names it, e.g. {@code RabbitMQ 4.0 rules} for the in-memory broker. */
    String broker();

    /**
     * Redeploys every simulated node in {@code dialect} on the running broker; with {@code recover} the queues and
     * exchanges in the way are deleted (their messages are lost) and the refused nodes started again. Blocks.
     */
    DialectSwitch switchDialect(String dialect, boolean recover);

    /** The RabbitMQ releases the broker can be restarted as ({@code 3.10} .. {@code 4.3}); empty when it cannot. */
    default List<String> releases() {
        return List.of();
    }

    /**
     * Restarts the broker as RabbitMQ {@code release} (a fresh broker: queues and messages are gone) and every node
     * in {@code dialect} on it, as {@link #switchDialect}; the cell database stays. Blocks.
     */
    default DialectSwitch switchRelease(String release, String dialect, boolean recover) {
        throw new UnsupportedOperationException("this broker's release cannot be switched");
    }
}
