package io.osloscope.app.message;

/**
 * Kept only so that {@code traffic.TrafficAssembler} (owned by the stream view's branch) compiles until it calls
 * {@link OsloPeek#of} itself; the inspector decodes with the engine's
 * {@link io.osloscope.engine.sniff.decode.OsloDecoder}.
 */
@Deprecated(forRemoval = true)
public final class OsloDecoder {
    private OsloDecoder() {
    }

    /** Same as {@link OsloPeek#of}. */
    public static OsloPeek peek(byte[] body) {
        return OsloPeek.of(body);
    }
}
