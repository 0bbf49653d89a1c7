package io.osloscope.engine.broker.memory;

import io.osloscope.engine.broker.routing.AmqpValues;
import io.osloscope.engine.broker.RabbitVersion;
import io.osloscope.engine.error.AmqpException;

/**
 * What RabbitMQ answers when a client uses a stream queue in a way AMQP 0-9-1 cannot express, word for word as
 * 3.10.8 and 4.0.5 answer (checked against both). 540 and 541 are connection errors: the broker closes the
 * whole connection. 3.13 was not available to check; it is given 3.10's texts.
 */
final class StreamErrors {
    static final int NOT_IMPLEMENTED = 540;
    static final int INTERNAL_ERROR = 541;

    private StreamErrors() {
    }

    /** Consuming without a prefetch (or with only a global one): 406, a channel error. */
    static AmqpException prefetchNotSet(String queue, RabbitVersion v) {
        String rs = AmqpErrors.rsQueue(queue);
        return AmqpErrors.preconditionFailed(v.atLeast(RabbitVersion.V4_0)
                ? "consumer prefetch count is not set for stream " + rs
                : "consumer prefetch count is not set for '" + rs + "'");
    }

    static AmqpException autoAckNotSupported(String queue, RabbitVersion v) {
        return notImplemented("automatic acknowledgement not supported by stream "
                + (v.atLeast(RabbitVersion.V4_0) ? "" : "queues ") + AmqpErrors.rsQueue(queue));
    }

    static AmqpException getNotSupported(String queue) {
        return notImplemented("basic.get not supported by stream queues " + AmqpErrors.rsQueue(queue));
    }

    static AmqpException purgeNotSupported(String queue) {
        return notImplemented("queue.purge not supported by stream queues " + AmqpErrors.rsQueue(queue));
    }

    /** 3.10 only: 4.0 takes a nack or reject on a stream as an ack (the credit comes back, nothing moves). */
    static AmqpException nackNotSupported(String queue) {
        return notImplemented("basic.nack and basic.reject not supported by stream queues " + AmqpErrors.rsQueue(queue));
    }

    /**
     * An {@code x-stream-offset} RabbitMQ cannot read (an unknown word, a float): before 4.3 it crashes the channel
     * process (541, the connection closes); 4.3 checks the argument and refuses the consume with a channel error
     * (measured on 4.3.6 for a string: {@code {invalid_stream_offset_arg,{longstr,<<"junk">>}}}).
     */
    static AmqpException badOffset(String queue, Object arg, RabbitVersion v) {
        if (!v.atLeast(RabbitVersion.V4_3)) {
            return new AmqpException(INTERNAL_ERROR, "INTERNAL_ERROR");
        }
        String value = arg instanceof String str ? "<<\"" + str + "\">>" : AmqpValues.format(arg);
        return new AmqpException(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - invalid arg '"
                + StreamOffset.ARGUMENT + "' for " + AmqpErrors.rsQueue(queue) + ": {invalid_stream_offset_arg,{"
                + AmqpValues.typeName(arg) + "," + value + "}}");
    }

    static boolean closesConnection(AmqpException e) {
        return e.replyCode() == NOT_IMPLEMENTED || e.replyCode() == INTERNAL_ERROR;
    }

    private static AmqpException notImplemented(String text) {
        return new AmqpException(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - " + text);
    }
}
