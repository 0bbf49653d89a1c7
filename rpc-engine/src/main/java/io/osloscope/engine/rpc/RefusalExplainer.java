package io.osloscope.engine.rpc;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Turns a broker's refusal (406 or 541) of one of the driver's declares into an error a user can act on. The driver
 * knows what it declared; which named dialect would have matched is {@code rpc.dialect}'s knowledge, so the
 * explainer is found as a service ({@code META-INF/services}) and this package never depends on the dialects:
 * rpc-engine ships {@code io.osloscope.engine.rpc.dialect.DialectRefusals}.
 */
@FunctionalInterface
public interface RefusalExplainer {
    /**
     * @param c               the connection the declare was refused on, open, for passive probes of the vhost
     * @param refused         the broker's refusal, a 406 or a 541
     * @param role            what the driver declared
     * @param name            its name
     * @param declared        the {@code ExchangeSpec} or {@code QueueSpec} declared
     * @param controlExchange the transport's control exchange
     * @param topics          the topics the transport served or sent to so far
     */
    MessagingException explain(BrokerConnection c, AmqpException refused, OsloTopology.Role role, String name,
                               Object declared, String controlExchange, List<String> topics);

    /** The refusal as the broker sent it: what a transport explains with when no explainer is installed. */
    RefusalExplainer AS_SENT = (c, refused, role, name, declared, controlExchange, topics) -> refused;

    /** The installed explainer (the first service found), else {@link #AS_SENT}. */
    static RefusalExplainer installed() {
        return Installed.EXPLAINER;
    }

    /** Looked up once. */
    final class Installed {
        private static final RefusalExplainer EXPLAINER = ServiceLoader.load(RefusalExplainer.class,
                RefusalExplainer.class.getClassLoader()).findFirst().orElse(AS_SENT);

        private Installed() {
        }
    }
}
