package io.osloscope.app;

/** Builds the default {@link AppContext}: memory:// broker, RPC transport and the simulated nova cluster. */
final class DefaultBackend {
    private DefaultBackend() {
    }

    static AppContext start(int computes) {
        throw new IllegalStateException("the in-memory backend is not wired yet");
    }
}
