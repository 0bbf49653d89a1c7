package io.osloscope.engine.broker.memory;

import io.osloscope.engine.error.AmqpException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RabbitMQ's reply codes and texts, word for word, so both brokers fail the same way. Like RabbitMQ
 * ({@code rabbit_binary_generator}), a reply text longer than the 255 bytes an AMQP short string holds is cut
 * to its first 252 bytes and {@code ...}.
 */
final class AmqpErrors {
    /**
     * The warning RabbitMQ 4.3 (upstream, {@code transient_nonexcl_queues} denied by default) sends with 541 when a
     * non-durable, non-exclusive queue is declared: {@code rabbit_deprecated_features}' {@code denied_by_default}
     * text. Taken from RabbitMQ's source, not yet from a strict 4.3 broker: correct it here if one says otherwise.
     */
    static final String TRANSIENT_NONEXCL_DENIED = "Feature `transient_nonexcl_queues` is deprecated.\n"
            + "By default, this feature is not permitted anymore.\n"
            + "The feature will be removed from a future major RabbitMQ version, regardless of the configuration;"
            + " actual version to be determined.\n"
            + "To continue using this feature when it is not permitted by default, set the following parameter"
            + " in your configuration:\n"
            + "    \"deprecated_features.permit.transient_nonexcl_queues = true\"";
    private static final int MAX_REPLY_TEXT = 255;

    private AmqpErrors() {
    }

    /** The error as RabbitMQ sends it: the text cut to 252 bytes and {@code ...} when it exceeds 255 bytes. */
    static AmqpException error(int code, String text) {
        return new AmqpException(code, replyText(text));
    }

    static String replyText(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_REPLY_TEXT) {
            return text;
        }
        CharBuffer head;
        try {
            head = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(b, 0, MAX_REPLY_TEXT - 3));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
        return head + "...";
    }

    /** 541: upstream RabbitMQ 4.3 refuses a non-durable, non-exclusive queue and closes the connection. */
    static AmqpException transientNonExclusiveDenied() {
        return error(AmqpException.INTERNAL_ERROR, "INTERNAL_ERROR - " + TRANSIENT_NONEXCL_DENIED);
    }

    /** {@code invalid property 'non-durable' for queue 'q' in vhost '/'}: quorum and stream queues. */
    static AmqpException invalidProperty(String property, String queue) {
        return error(AmqpException.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - invalid property '" + property + "' for " + rsQueue(queue));
    }

    /** {@code invalid arg 'x-max-priority' for queue 'q' in vhost '/' of queue type rabbit_quorum_queue}. */
    static AmqpException argumentOfOtherType(String arg, String queue, String typeModule) {
        return error(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - invalid arg '" + arg + "' for "
                + rsQueue(queue) + " of queue type " + typeModule);
    }

    static String rsExchange(String name) {
        return "exchange '" + name + "' in vhost '/'";
    }

    static String rsQueue(String name) {
        return "queue '" + name + "' in vhost '/'";
    }

    static AmqpException noExchange(String name) {
        return error(AmqpException.NOT_FOUND, "NOT_FOUND - no " + rsExchange(name));
    }

    static AmqpException noQueue(String name) {
        return error(AmqpException.NOT_FOUND, "NOT_FOUND - no " + rsQueue(name));
    }

    static AmqpException defaultExchange() {
        return error(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    static AmqpException reservedName(String kind, String name) {
        return error(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - " + kind + " name '" + name + "' contains reserved prefix 'amq.*'");
    }

    static AmqpException systemExchangeDeletion(String name) {
        return error(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - deletion of system " + rsExchange(name) + " not allowed");
    }

    static AmqpException exclusiveUse(String queue) {
        return error(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - " + rsQueue(queue) + " in exclusive use");
    }

    static AmqpException locked(String queue) {
        return error(AmqpException.RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked "
                + rsQueue(queue) + ". It could be originally declared on another connection or the exclusive property"
                + " value does not match that of the original declaration.");
    }

    static AmqpException inUse(String resource) {
        return error(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - " + resource + " in use");
    }

    static AmqpException notEmpty(String queue) {
        return error(AmqpException.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - " + rsQueue(queue) + " not empty");
    }

    /** {@code inequivalent arg 'durable' for exchange 'x' in vhost '/': received 'true' but current is 'false'}. */
    static AmqpException inequivalent(String field, String resource, String received, String current) {
        return error(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg '" + field
                + "' for " + resource + ": received " + received + " but current is " + current);
    }

    static AmqpException invalidArg(String arg, String resource, String why) {
        return error(AmqpException.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - invalid arg '" + arg + "' for " + resource + ": " + why);
    }

    static AmqpException preconditionFailed(String text) {
        return error(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - " + text);
    }
}
