package io.osloscope.engine.wire;

import io.osloscope.engine.error.MessagingException;

/**
 * oslo's version rules ({@code _utils.version_is_compatible}): three-part {@code X.Y[.Z]} versions;
 * a missing version on a request means {@code 1.0}.
 */
public final class RpcVersions {
    private RpcVersions() {
    }

    /**
     * True when an implementation at {@code imp} can serve a request for {@code req}: always when
     * {@code imp} is null; never when {@code req} is null; otherwise majors equal, request minor
     * not above, and on equal minors the request's third part not above.
     */
    public static boolean isCompatible(String imp, String req) {
        if (imp == null) {
            return true;
        }
        if (req == null) {
            return false;
        }
        int[] i = parse(imp);
        int[] r = parse(req);
        if (i[0] != r[0]) {
            return false;
        }
        if (r[1] > i[1]) {
            return false;
        }
        return r[1] != i[1] || r[2] <= i[2];
    }

    /** Checks a version a client wants to send, with oslo's message for a bad one. */
    public static void check(String version) {
        if (version == null) {
            return;
        }
        String[] parts = version.split("\\.", -1);
        boolean ok = parts.length >= 2 && parts.length <= 3;
        for (int k = 0; ok && k < parts.length; k++) {
            ok = !parts[k].isEmpty() && parts[k].chars().allMatch(Character::isDigit);
        }
        if (!ok) {
            throw new MessagingException("Version must contain a major and minor integer. Got " + version);
        }
    }

    static int[] parse(String v) {
        String[] parts = v.trim().split("\\.");
        int[] out = new int[3];
        try {
            for (int k = 0; k < Math.min(3, parts.length); k++) {
                out[k] = Integer.parseInt(parts[k].trim());
            }
        } catch (NumberFormatException e) {
            throw new MessagingException("Invalid version '" + v + "': expected X.Y[.Z] integers");
        }
        if (parts.length < 2) {
            throw new MessagingException("Invalid version '" + v + "': expected X.Y[.Z] integers");
        }
        return out;
    }
}
