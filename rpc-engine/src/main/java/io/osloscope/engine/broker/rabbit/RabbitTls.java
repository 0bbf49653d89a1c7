package io.osloscope.engine.broker.rabbit;

import io.osloscope.engine.error.TransportConnectionException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Builds the TLS context for {@link RabbitSettings.Tls}: the trust store (or the JVM's default
 * trust) and an optional client key store for certificate login. PKCS12 and JKS are both read
 * (the type is detected from the file). Unreadable stores fail with a one-line reason. Used by
 * {@link RabbitBroker} and by the sniffer's management API client, so both trust the same stores.
 */
public final class RabbitTls {
    private RabbitTls() {
    }

    /** @throws TransportConnectionException naming the store that could not be read, or why TLS setup failed */
    public static SSLContext context(RabbitSettings.Tls tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore() == null ? null : load(tls.trustStore(), tls.trustStorePassword(), "trust store"));
            KeyManagerFactory kmf = null;
            if (tls.keyStore() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] pw = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
                kmf.init(load(tls.keyStore(), tls.keyStorePassword(), "client key store"), pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new TransportConnectionException("TLS setup failed: " + RabbitErrors.oneLine(e.getMessage()), e);
        }
    }

    private static KeyStore load(Path file, String password, String what) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new TransportConnectionException("cannot read TLS " + what + " " + file + ": no such file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new TransportConnectionException("cannot read TLS " + what + " " + file + ": "
                    + RabbitErrors.oneLine(e.getMessage()), e);
        }
    }
}
