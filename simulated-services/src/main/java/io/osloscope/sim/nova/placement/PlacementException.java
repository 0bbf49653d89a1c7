package io.osloscope.sim.nova.placement;

/** Placement refused a request or could not be reached: one line naming the request and the answer. */
public final class PlacementException extends RuntimeException {
    private final int status;

    public PlacementException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status placement answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
