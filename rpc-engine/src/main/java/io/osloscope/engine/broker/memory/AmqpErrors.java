package io.osloscope.engine.broker.memory;

import io.osloscope.engine.error.AmqpException;

/** RabbitMQ 3.10's reply codes and texts, word for word, so both brokers fail the same way. */
final class AmqpErrors {
    private AmqpErrors() {
    }

    static String rsExchange(String name) {
        return "exchange '" + name + "' in vhost '/'";
    }

    static String rsQueue(String name) {
        return "queue '" + name + "' in vhost '/'";
    }

    static AmqpException noExchange(String name) {
        return new AmqpException(AmqpException.NOT_FOUND, "NOT_FOUND - no " + rsExchange(name));
    }

    static AmqpException noQueue(String name) {
        return new AmqpException(AmqpException.NOT_FOUND, "NOT_FOUND - no " + rsQueue(name));
    }

    static AmqpException defaultExchange() {
        return new AmqpException(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    static AmqpException reservedName(String kind, String name) {
        return new AmqpException(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - " + kind + " name '" + name + "' contains reserved prefix 'amq.*'");
    }

    static AmqpException systemExchangeDeletion(String name) {
        return new AmqpException(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - deletion of system " + rsExchange(name) + " not allowed");
    }

    static AmqpException exclusiveUse(String queue) {
        return new AmqpException(AmqpException.ACCESS_REFUSED,
                "ACCESS_REFUSED - " + rsQueue(queue) + " in exclusive use");
    }

    static AmqpException locked(String queue) {
        return new AmqpException(AmqpException.RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked "
                + rsQueue(queue) + ". It could be originally declared on another connection or the exclusive property"
                + " value does not match that of the original declaration.");
    }

    static AmqpException inUse(String resource) {
        return new AmqpException(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - " + resource + " in use");
    }

    static AmqpException notEmpty(String queue) {
        return new AmqpException(AmqpException.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - " + rsQueue(queue) + " not empty");
    }

    /** {@code inequivalent arg 'durable' for exchange 'x' in vhost '/': received 'true' but current is 'false'}. */
    static AmqpException inequivalent(String field, String resource, String received, String current) {
        return new AmqpException(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg '" + field
                + "' for " + resource + ": received " + received + " but current is " + current);
    }

    static AmqpException invalidArg(String arg, String resource, String why) {
        return new AmqpException(AmqpException.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - invalid arg '" + arg + "' for " + resource + ": " + why);
    }

    static AmqpException preconditionFailed(String text) {
        return new AmqpException(AmqpException.PRECONDITION_FAILED, "PRECONDITION_FAILED - " + text);
    }
}
