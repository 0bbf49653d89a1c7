package io.osloscope.engine.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.error.TransportConnectionException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The one translator: amqp-client's failures in, one-line engine exceptions out (no broker needed). */
class RabbitErrorsTest {
    private static final RabbitSettings TWO_HOSTS = new RabbitSettings(
            List.of(new RabbitSettings.HostPort("rabbit1", 5672), new RabbitSettings.HostPort("rabbit2", 5673)),
            "nova", "secret", "openstack", 60, null);

    private static ShutdownSignalException channelClose(int code, String text) {
        AMQP.Channel.Close close = new AMQP.Channel.Close.Builder().replyCode(code).replyText(text).build();
        return new ShutdownSignalException(false, false, close, null);
    }

    private static ShutdownSignalException connectionClose(int code, String text) {
        AMQP.Connection.Close close = new AMQP.Connection.Close.Builder().replyCode(code).replyText(text).build();
        return new ShutdownSignalException(true, false, close, null);
    }

    @Test
    void aChannelCloseBecomesAnAmqpExceptionWithTheBrokersCodeAndText() {
        MessagingException m = RabbitErrors.translate(new IOException(
                channelClose(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'nova'")));
        AmqpException e = assertInstanceOf(AmqpException.class, m);
        assertEquals(406, e.replyCode());
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'nova'", e.replyText());
    }

    @Test
    void aRefusedConnectionNamesEveryHostTried() {
        MessagingException m = RabbitErrors.translate(new ConnectException("Connection refused"), TWO_HOSTS);
        assertInstanceOf(TransportConnectionException.class, m);
        assertEquals("connection refused by rabbit1:5672, rabbit2:5673", m.getMessage());
    }

    @Test
    void badCredentialsNameTheUserButNotThePassword() {
        MessagingException m = RabbitErrors.translate(new AuthenticationFailureException(
                "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."), TWO_HOSTS);
        assertEquals("authentication failed for user 'nova' at rabbit1:5672, rabbit2:5673 "
                + "(ACCESS_REFUSED: wrong user name or password)", m.getMessage());
    }

    @Test
    void aRefusedVirtualHostIsNamed() {
        MessagingException m = RabbitErrors.translate(new IOException(connectionClose(530,
                "NOT_ALLOWED - access to vhost 'openstack' refused for user 'nova'")), TWO_HOSTS);
        assertEquals("vhost 'openstack' not found or access denied for user 'nova' "
                + "(NOT_ALLOWED - access to vhost 'openstack' refused for user 'nova'; if it exists, grant access "
                + "with rabbitmqctl set_permissions -p openstack nova '.*' '.*' '.*')", m.getMessage());
    }

    @Test
    void aBrokerShutdownIsAConnectionFailureWithTheBrokersReason() {
        MessagingException m = RabbitErrors.translate(connectionClose(320,
                "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"), TWO_HOSTS);
        assertInstanceOf(TransportConnectionException.class, m);
        assertEquals("connection to rabbit1:5672, rabbit2:5673 closed by the broker: 320 CONNECTION_FORCED - "
                + "broker forced connection closure with reason 'shutdown'", m.getMessage());
    }

    @Test
    void aConnectionErrorOverAnOperationIsAnAmqpExceptionWithTheWholeReplyText() {
        String text = ("INTERNAL_ERROR - Feature `transient_nonexcl_queues` is deprecated.\n"
                + "By default, this feature is not permitted anymore.\n"
                + "The feature will be removed from a future major RabbitMQ version, regardless of the configuration;"
                + " actual version to be determined.\nTo continue using this feature when it is not permitted by "
                + "default, set the following").substring(0, 252) + "...";
        MessagingException m = RabbitErrors.translate(new IOException(connectionClose(541, text)), TWO_HOSTS);
        AmqpException e = assertInstanceOf(AmqpException.class, m, "a refusal, not a lost connection");
        assertEquals(541, e.replyCode());
        assertEquals(text, e.replyText(), "every byte RabbitMQ sent, line breaks included");
        assertEquals(255, e.replyText().length());
        assertEquals(text, RabbitErrors.translate(connectionClose(541, text)).getMessage(), "bare signal too");
    }

    @Test
    void tlsFailuresSayTlsAndStayOnOneLine() {
        MessagingException m = RabbitErrors.translate(
                new SSLHandshakeException("PKIX path building failed:\nunable to find valid certification path"),
                TWO_HOSTS);
        assertEquals("TLS handshake with rabbit1:5672, rabbit2:5673 failed: PKIX path building failed: "
                + "unable to find valid certification path (check the trust store, client certificate and port 5671)",
                m.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        MessagingException m = RabbitErrors.translate(new UnknownHostException("rabbit1"), TWO_HOSTS);
        assertEquals("unknown host 'rabbit1'", m.getMessage());
    }

    @Test
    void engineExceptionsPassThroughUnchanged() {
        AmqpException e = new AmqpException(404, "NOT_FOUND - no queue 'q' in vhost '/'");
        assertSame(e, RabbitErrors.translate(e));
    }
}
