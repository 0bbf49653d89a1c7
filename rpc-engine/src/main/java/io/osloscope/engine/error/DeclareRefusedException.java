package io.osloscope.engine.error;

/**
 * The broker refused to declare an exchange or queue the way this side declared it: 406 PRECONDITION_FAILED when
 * one of that name exists with other flags or arguments, or 541 INTERNAL_ERROR when the broker's rules deny the
 * shape (RabbitMQ 4.3 and transient non-exclusive queues). Not a connection failure: the broker is reachable and
 * says no. The message is one line: what was declared, what the broker holds (406) or its full text with its hint
 * (541), and which oslo dialect would match when one is known.
 */
public class DeclareRefusedException extends AmqpException {
    private final String entity;
    private final String name;
    private final String matchingDialect;

    /**
     * @param entity          {@code exchange} or {@code queue}
     * @param name            its name
     * @param message         the one-line explanation
     * @param matchingDialect a dialect whose declaration the broker would accept, or null
     */
    public DeclareRefusedException(int replyCode, String entity, String name, String message, String matchingDialect,
                                   Throwable cause) {
        super(replyCode, message, cause);
        this.entity = entity;
        this.name = name;
        this.matchingDialect = matchingDialect;
    }

    /** {@code exchange} or {@code queue}. */
    public String entity() {
        return entity;
    }

    public String name() {
        return name;
    }

    /** A named dialect that declares what the broker holds, or null. */
    public String matchingDialect() {
        return matchingDialect;
    }
}
