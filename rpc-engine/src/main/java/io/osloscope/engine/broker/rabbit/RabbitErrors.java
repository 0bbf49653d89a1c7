package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one place where amqp-client failures become engine exceptions (as spring-amqp's
 * {@code RabbitExceptionTranslator}). A channel-level close (404, 405, 406, 403 on an operation)
 * becomes {@link AmqpException} with RabbitMQ's reply code and text, and so does a connection-level
 * error the broker raises over an operation (541 INTERNAL_ERROR when RabbitMQ 4.3 refuses a transient
 * queue), with its whole reply text; anything about reaching, logging in to or staying connected to the
 * broker (including 320 CONNECTION_FORCED) becomes {@link TransportConnectionException} with one line a
 * user can act on. Messages never contain passwords.
 */
public final class RabbitErrors {
    private static final int NOT_ALLOWED = 530;
    /** The broker or an operator closed the connection (shutdown, management): a connection failure. */
    private static final int CONNECTION_FORCED = 320;

    private RabbitErrors() {
    }

    /** Translates a failure of an operation on an open connection. */
    public static MessagingException translate(Throwable failure) {
        return translate(failure, null);
    }

    /**
     * Translates a failure; {@code settings} (may be null) name the hosts, user and virtual host
     * in connection-level messages, e.g. "connection refused by 127.0.0.1:5673".
     */
    public static MessagingException translate(Throwable failure, RabbitSettings settings) {
        if (failure instanceof MessagingException m) {
            return m;
        }
        String hosts = settings == null ? "the broker"
                : settings.hosts().stream().map(RabbitSettings.HostPort::toString).collect(Collectors.joining(", "));
        String user = settings == null ? "?" : settings.username();
        String vhost = settings == null ? "?" : settings.virtualHost();

        ShutdownSignalException shutdown = find(failure, ShutdownSignalException.class);
        if (find(failure, AuthenticationFailureException.class) != null) {
            return new TransportConnectionException(loginRefused(user, hosts), failure);
        }
        if (shutdown != null) {
            return fromShutdown(shutdown, failure, hosts, user, vhost);
        }
        if (find(failure, PossibleAuthenticationFailureException.class) != null) {
            return new TransportConnectionException("authentication failed for user '" + user + "' at " + hosts
                    + " (the broker closed the connection during login: wrong user name or password?)", failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new TransportConnectionException("TLS handshake with " + hosts + " failed: "
                    + oneLine(tls.getMessage()) + " (check the trust store, client certificate and port 5671)", failure);
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            String m = String.valueOf(refused.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("timed out")) {
                return new TransportConnectionException("connection to " + hosts + " timed out", failure);
            }
            return new TransportConnectionException("connection refused by " + hosts, failure);
        }
        NoRouteToHostException noRoute = find(failure, NoRouteToHostException.class);
        if (noRoute != null) {
            return new TransportConnectionException("no route to " + hosts, failure);
        }
        UnknownHostException unknown = find(failure, UnknownHostException.class);
        if (unknown != null) {
            return new TransportConnectionException("unknown host '" + oneLine(unknown.getMessage()) + "'", failure);
        }
        if (find(failure, SocketTimeoutException.class) != null || find(failure, TimeoutException.class) != null) {
            return new TransportConnectionException("connection to " + hosts + " timed out", failure);
        }
        if (failure instanceof java.io.IOException || find(failure, java.io.IOException.class) != null) {
            Throwable root = rootCause(failure);
            return new TransportConnectionException("I/O error talking to " + hosts + ": "
                    + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + oneLine(root.getMessage())),
                    failure);
        }
        return new MessagingException(failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + oneLine(failure.getMessage())), failure);
    }

    private static MessagingException fromShutdown(ShutdownSignalException s, Throwable failure, String hosts,
                                                   String user, String vhost) {
        Method reason = s.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return new AmqpException(close.getReplyCode(), oneLine(close.getReplyText()), failure);
        }
        if (reason instanceof AMQP.Connection.Close close) {
            String text = oneLine(close.getReplyText());
            if (close.getReplyCode() == NOT_ALLOWED && text.contains("vhost")) {
                return new TransportConnectionException("vhost '" + vhost + "' not found or access denied for user '"
                        + user + "' (" + text + "; if it exists, grant access with rabbitmqctl set_permissions -p "
                        + vhost + " " + user + " '.*' '.*' '.*')", failure);
            }
            if (close.getReplyCode() == AmqpException.ACCESS_REFUSED && text.contains("Login was refused")) {
                return new TransportConnectionException(loginRefused(user, hosts), failure);
            }
            if (s.isInitiatedByApplication()) {
                return new TransportConnectionException("connection to " + hosts + " is closed", failure);
            }
            if (close.getReplyCode() != CONNECTION_FORCED && !(s instanceof AlreadyClosedException)) {
                // a connection error the broker raised over an operation (541 INTERNAL_ERROR on 4.3's transient
                // queue, 540 from a stream, 530, 50x): the answer to that operation, with its code and its whole
                // text, line breaks included, not a lost connection. A call that meets the connection already
                // closed for it (AlreadyClosedException, also one racing the close) finds it closed, below.
                return new AmqpException(close.getReplyCode(), close.getReplyText(), failure);
            }
            return new TransportConnectionException("connection to " + hosts + " closed by the broker: "
                    + close.getReplyCode() + " " + text, failure);
        }
        if (s.isInitiatedByApplication()) {
            return new TransportConnectionException(
                    (s.isHardError() ? "connection to " + hosts : "channel") + " is closed", failure);
        }
        Throwable cause = s.getCause();
        return new TransportConnectionException("connection to " + hosts + " lost"
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + oneLine(cause.getMessage()))), failure);
    }

    private static String loginRefused(String user, String hosts) {
        return "authentication failed for user '" + user + "' at " + hosts
                + " (ACCESS_REFUSED: wrong user name or password)";
    }

    /** A short reason for events and logs: the reply text of a close, or the translated message. */
    static String describe(ShutdownSignalException s) {
        Method reason = s.getReason();
        if (reason instanceof AMQP.Connection.Close c) {
            return c.getReplyCode() + " " + oneLine(c.getReplyText());
        }
        if (reason instanceof AMQP.Channel.Close c) {
            return c.getReplyCode() + " " + oneLine(c.getReplyText());
        }
        return translate(s).getMessage();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
