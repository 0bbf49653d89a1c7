package io.osloscope.engine.sniff;

import io.osloscope.engine.broker.rabbit.RabbitErrors;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.broker.rabbit.RabbitTls;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;

/** The {@link Sniffer}'s one-line failure texts and its management API's TLS. */
final class SnifferSupport {
    private SnifferSupport() {
    }

    /**
     * One line for a failure of the sniffer's own AMQP work: {@link RabbitErrors}' text (never the password),
     * and for a refused operation what the sniffer needs permission for.
     */
    static String describe(Throwable e, RabbitSettings settings) {
        MessagingException m = RabbitErrors.translate(e, settings);
        if (m instanceof AmqpException a && a.replyCode() == AmqpException.ACCESS_REFUSED) {
            return "user '" + settings.username() + "' lacks a permission the sniffer needs: "
                    + a.replyText() + " (it declares a private amq.gen-* queue and binds it: configure and read on "
                    + "it, read on the exchanges it taps)";
        }
        if (m instanceof AmqpException a) {
            return "RabbitMQ refused: " + a.replyCode() + " " + a.replyText();
        }
        return m.getMessage();
    }

    static javax.net.ssl.SSLContext managementTls(SnifferOptions options) {
        try {
            return RabbitTls.context(options.settings().tls());
        } catch (MessagingException e) {
            throw new SnifferException(e.getMessage(), e);
        }
    }
}
