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
}
