package io.osloscope.engine.sniff.capture;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.sniff.SnifferException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Opens the sniffer's own AMQP connection (no automatic recovery: the sniffer reconnects itself so it
 * can mark gaps) and translates failures into one line: refused connection, bad credentials, no access
 * to the vhost, missing permission, TLS failure.
 */
public final class AmqpSupport {
    private AmqpSupport() {
    }

    public static Connection connect(RabbitSettings s, String connectionName) {
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(s.username());
        f.setPassword(s.password() == null ? "" : s.password());
        f.setVirtualHost(s.virtualHost());
        f.setRequestedHeartbeat(s.heartbeatSeconds());
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(10_000);
        f.setClientProperties(new java.util.HashMap<>(Map.of("product", "osloscope sniffer")));
        if (s.tls() != null) {
            f.useSslProtocol(sslContext(s.tls()));
            if (s.tls().verifyHostname()) {
                f.enableHostnameVerification();
            }
        }
        List<Address> addresses = s.hosts().stream().map(h -> new Address(h.host(), h.port())).toList();
        try {
            return f.newConnection(addresses, connectionName);
        } catch (IOException | TimeoutException e) {
            throw new SnifferException(describe(e, s), e);
        }
    }

    /** An SSLContext from the trust store and optional client key store (PKCS12 for .p12/.pfx, else JKS). */
    public static SSLContext sslContext(RabbitSettings.Tls tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore() == null ? null : load(tls.trustStore(), tls.trustStorePassword()));
            KeyManagerFactory kmf = null;
            if (tls.keyStore() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] pw = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
                kmf.init(load(tls.keyStore(), tls.keyStorePassword()), pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new SnifferException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        String name = file.getFileName().toString().toLowerCase();
        KeyStore ks = KeyStore.getInstance(name.endsWith(".p12") || name.endsWith(".pfx") ? "PKCS12" : "JKS");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    /** One line for a connect or channel failure; never contains the password. */
    public static String describe(Throwable e, RabbitSettings s) {
        String where = s.hosts().size() == 1 ? s.hosts().get(0).toString() : s.hosts().toString();
        String user = s.username();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationFailureException || t instanceof PossibleAuthenticationFailureException) {
                return "RabbitMQ at " + where + " refused the credentials of user '" + user
                        + "' (wrong user name or password)";
            }
            if (t instanceof SSLException) {
                return "TLS handshake with " + where + " failed: " + t.getMessage()
                        + " (check the trust store, client certificate and port 5671)";
            }
            if (t instanceof ConnectException) {
                return "RabbitMQ not reachable at " + where + " (connection refused)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return "RabbitMQ not reachable at " + where + " (" + t.getMessage() + ")";
            }
            if (t instanceof ShutdownSignalException sse) {
                String text = String.valueOf(sse.getMessage());
                if (text.contains("NOT_ALLOWED") || text.contains("access to vhost")) {
                    return "user '" + user + "' has no access to vhost '" + s.virtualHost() + "' (grant it with "
                            + "rabbitmqctl set_permissions -p " + s.virtualHost() + " " + user + " '.*' '.*' '.*')";
                }
                if (text.contains("ACCESS_REFUSED")) {
                    return "user '" + user + "' lacks a permission the sniffer needs: " + brokerText(text)
                            + " (it declares a private amq.gen-* queue and binds it: configure and read on it, "
                            + "read on the exchanges it taps)";
                }
                if (text.contains("NOT_FOUND")) {
                    return "RabbitMQ reports NOT_FOUND: " + brokerText(text);
                }
            }
            if (t instanceof TimeoutException) {
                return "RabbitMQ at " + where + " did not answer in time";
            }
        }
        return "RabbitMQ at " + where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String brokerText(String text) {
        int i = text.indexOf("reply-text=");
        if (i < 0) {
            return text;
        }
        String t = text.substring(i + "reply-text=".length());
        int end = t.indexOf(", class-id");
        return end < 0 ? t : t.substring(0, end);
    }
}
