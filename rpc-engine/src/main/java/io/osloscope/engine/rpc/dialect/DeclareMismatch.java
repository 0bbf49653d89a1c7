package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.DeclareRefusedException;
import io.osloscope.engine.rpc.InequivalentArg;
import io.osloscope.engine.rpc.OsloTopology;
import io.osloscope.engine.rpc.TransportOptions;

import java.util.Map;

/**
 * Turns a broker's refusal of a declare into one line a user can act on: what was declared, what the broker holds
 * (from RabbitMQ's {@code inequivalent arg 'A' for queue 'N' in vhost 'V': received X but current is Y}) and a named
 * dialect that declares what is there.
 */
public final class DeclareMismatch {
    /** One differing argument: its name, the value sent and the value the broker holds, as plain text. */
    public record Difference(String argument, String entity, String name, String received, String current) {
    }

    private DeclareMismatch() {
    }

    /** The difference a 406 reply text names, or null when it is not an "inequivalent arg" refusal. */
    public static Difference parse(String replyText) {
        InequivalentArg a = InequivalentArg.parse(replyText);
        return a == null ? null : new Difference(a.argument(), a.entity(), a.name(), a.received(), a.current());
    }

    /**
     * The refusal explained: for 406 what differs and which named dialect would match, for 541 the broker's whole
     * text (it carries the hint), with the declared shape.
     */
    public static DeclareRefusedException explain(AmqpException e, OsloTopology.Role role, String name,
                                                  Object declared) {
        return explain(e, role, name, declared, null);
    }

    /**
     * As {@link #explain(AmqpException, OsloTopology.Role, String, Object)}, naming {@code onVhost} (the dialect the
     * vhost's shapes match, or null when unknown) when it declares this entity as the broker holds it.
     */
    public static DeclareRefusedException explain(AmqpException e, OsloTopology.Role role, String name,
                                                  Object declared, Dialect onVhost) {
        String what = role.label() + " '" + name + "'";
        if (e.replyCode() == AmqpException.PRECONDITION_FAILED) {
            Difference d = parse(e.replyText());
            if (d != null) {
                Dialect match = onVhost != null && d.current().equals(valueOf(OsloTopology.spec(role,
                        onVhost.applyTo(TransportOptions.defaults()), name), d.argument()))
                        ? onVhost : matching(role, name, d);
                String line = "cannot declare " + what + ": the broker holds it with " + d.argument() + " = "
                        + d.current() + ", this side declared " + d.argument() + " = " + d.received()
                        + " (declared " + describe(declared) + ")"
                        + (match == null ? "" : "; dialect " + match.id() + " declares what is there (--dialect "
                        + match.id() + ", or --dialect auto)");
                return new DeclareRefusedException(e.replyCode(), d.entity(), name, line,
                        match == null ? null : match.id(), e);
            }
        }
        String line = "cannot declare " + what + " (declared " + describe(declared) + "): the broker refused with "
                + e.replyCode() + " " + e.replyText()
                + (e.replyCode() == AmqpException.INTERNAL_ERROR && role != OsloTopology.Role.CONTROL_EXCHANGE
                && role != OsloTopology.Role.FANOUT_EXCHANGE
                ? "; a dialect with durable queues (e.g. kolla-2025.1) avoids transient ones" : "");
        return new DeclareRefusedException(e.replyCode(), role.name().endsWith("EXCHANGE") ? "exchange" : "queue",
                name, line, null, e);
    }

    /** The first named dialect whose declaration of this entity has the broker's current value. */
    static Dialect matching(OsloTopology.Role role, String name, Difference d) {
        for (Dialect dialect : Dialect.values()) {
            Object spec = OsloTopology.spec(role, dialect.applyTo(TransportOptions.defaults()), name);
            if (d.current().equals(valueOf(spec, d.argument()))) {
                return dialect;
            }
        }
        return null;
    }

    private static String valueOf(Object spec, String argument) {
        if (spec instanceof ExchangeSpec x) {
            return switch (argument) {
                case "durable" -> String.valueOf(x.durable());
                case "auto_delete" -> String.valueOf(x.autoDelete());
                case "type" -> x.type().amqpName();
                default -> argValue(x.arguments(), argument);
            };
        }
        QueueSpec q = (QueueSpec) spec;
        return switch (argument) {
            case "durable" -> String.valueOf(q.durable());
            case "auto_delete" -> String.valueOf(q.autoDelete());
            case "exclusive" -> String.valueOf(q.exclusive());
            default -> argValue(q.arguments(), argument);
        };
    }

    private static String argValue(Map<String, Object> args, String argument) {
        Object v = args.get(argument);
        if (v == null) {
            return QueueType.ARGUMENT.equals(argument) ? QueueType.CLASSIC.amqpName() : "none";
        }
        return v.toString();
    }

    /** {@code topic durable auto-delete}, {@code durable {x-queue-type=quorum}}: the shape in a few words. */
    public static String describe(Object spec) {
        if (spec instanceof ExchangeSpec x) {
            return x.type().amqpName() + (x.durable() ? " durable" : " non-durable")
                    + (x.autoDelete() ? " auto-delete" : "");
        }
        if (spec instanceof QueueSpec q) {
            return (q.durable() ? "durable" : "non-durable") + (q.autoDelete() ? " auto-delete" : "")
                    + (q.exclusive() ? " exclusive" : "") + " " + QueueType.of(q.arguments()).amqpName()
                    + (q.arguments().isEmpty() ? "" : " " + q.arguments());
        }
        return String.valueOf(spec);
    }
}
