package io.osloscope.engine.sniff.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How to reach one broker. {@code transportUrl} never carries a password (it is stripped on save);
 * {@code password} is kept only when {@code savePassword} is true. TLS stores are paths; their
 * passwords follow the same opt-in rule.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionProfile(String name, String transportUrl, String username, String password,
                                boolean savePassword, String managementUrl, String mode, String tlsTrustStore,
                                String tlsTrustStorePassword, String tlsKeyStore, String tlsKeyStorePassword,
                                boolean tlsVerifyHostname) {

    /** The profile as it may be written to disk: secrets removed unless the user opted in. */
    public ConnectionProfile forDisk() {
        String url = transportUrl == null ? null : transportUrl.replaceAll("(://[^:/@,]*):[^@/]*@", "$1@");
        return new ConnectionProfile(name, url, username, savePassword ? password : null, savePassword, managementUrl,
                mode, tlsTrustStore, savePassword ? tlsTrustStorePassword : null, tlsKeyStore,
                savePassword ? tlsKeyStorePassword : null, tlsVerifyHostname);
    }

    public ConnectionProfile withPassword(String pw) {
        return new ConnectionProfile(name, transportUrl, username, pw, savePassword, managementUrl, mode, tlsTrustStore,
                tlsTrustStorePassword, tlsKeyStore, tlsKeyStorePassword, tlsVerifyHostname);
    }
}
