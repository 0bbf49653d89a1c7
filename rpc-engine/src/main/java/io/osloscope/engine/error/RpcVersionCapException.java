package io.osloscope.engine.error;

/**
 * The message's version exceeds the client's version cap (oslo's {@code RPCVersionCapError}),
 * raised locally before sending: {@code Requested message version, <v> is incompatible. It needs
 * to be equal in major version and less than or equal in minor version as the specified version cap <cap>.}
 */
public class RpcVersionCapException extends MessagingException {
    private final String version;
    private final String versionCap;

    public RpcVersionCapException(String version, String versionCap) {
        super("Requested message version, " + version + " is incompatible.  It needs to be equal in major version"
                + " and less than or equal in minor version as the specified version cap " + versionCap + ".");
        this.version = version;
        this.versionCap = versionCap;
    }

    public String version() {
        return version;
    }

    public String versionCap() {
        return versionCap;
    }
}
