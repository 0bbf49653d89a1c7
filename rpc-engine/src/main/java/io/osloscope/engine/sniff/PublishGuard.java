package io.osloscope.engine.sniff;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's read-only switch for real brokers: publishing through a connection is refused unless the
 * user armed it for that connection (by its id, e.g. {@code rabbit://guest:***@10.0.0.1:5672/}). The GUI
 * shows {@link PublishRequest#describe()} in its confirmation before arming; buttons are not the
 * protection, this class is. Thread-safe.
 */
public final class PublishGuard {
    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    /** Allows publishing through {@code connectionId} until {@link #disarm}. */
    public void arm(String connectionId) {
        armed.add(connectionId);
    }

    public void disarm(String connectionId) {
        armed.remove(connectionId);
    }

    public boolean isArmed(String connectionId) {
        return armed.contains(connectionId);
    }

    /** Throws {@link PublishRefusedException} unless {@code connectionId} is armed. */
    public void check(String connectionId, PublishRequest request) {
        if (!armed.contains(connectionId)) {
            throw new PublishRefusedException("publishing to " + connectionId + " is not armed: the sniffer is "
                    + "read-only until you arm this connection (refused: " + request.summary() + ")", request);
        }
    }

    /** Raised when a publish is attempted on a connection that was not armed; carries what was refused. */
    public static final class PublishRefusedException extends SnifferException {
        private final transient PublishRequest request;

        public PublishRefusedException(String message) {
            this(message, null);
        }

        public PublishRefusedException(String message, PublishRequest request) {
            super(message);
            this.request = request;
        }

        /** Exactly what would have been published, for the user's confirmation (null if unknown). */
        public PublishRequest request() {
            return request;
        }
    }
}
