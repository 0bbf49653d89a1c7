package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.error.AmqpException;
import io.osloscope.engine.error.MessagingException;
import io.osloscope.engine.rpc.OsloTopology;
import io.osloscope.engine.rpc.RefusalExplainer;

import java.util.List;

/**
 * The driver's refusals explained with the dialects (installed as the {@link RefusalExplainer} service). For a 406,
 * the vhost is probed ({@link DialectDetector}, passive) on the control exchange and the topics used so far: one
 * differing argument often fits several dialects (a durable control exchange fits every modern one), the vhost as a
 * whole names the one its services run. {@link DeclareMismatch} writes the line.
 */
public final class DialectRefusals implements RefusalExplainer {

    @Override
    public MessagingException explain(BrokerConnection c, AmqpException e, OsloTopology.Role role, String name,
                                      Object declared, String controlExchange, List<String> topics) {
        Dialect onVhost = null;
        if (e.replyCode() == AmqpException.PRECONDITION_FAILED && DeclareMismatch.parse(e.replyText()) != null) {
            try {
                onVhost = DialectDetector.match(DialectDetector.probe(c, controlExchange, topics));
            } catch (MessagingException probeFailed) {
                onVhost = null; // the explanation then names a dialect from the one difference
            }
        }
        return DeclareMismatch.explain(e, role, name, declared, onVhost);
    }
}
