package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ExchangeSpec;
import io.osloscope.engine.broker.ExchangeType;
import io.osloscope.engine.broker.QueueSpec;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.error.AmqpException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds out which dialect the services on a vhost speak by asking the broker, without changing anything: a passive
 * declare says whether an exchange or queue exists (a missing one closes the probing channel, which the connection
 * reopens); for one that exists, a declare with the modern shape either succeeds (it is that shape, and a
 * redeclare of an identical entity changes nothing) or fails with 406 naming the argument that differs and its
 * current value. Looked at: the control exchange (durable?), the topic queues (classic or quorum, durable?), the
 * fanout exchange {@code <topic>_fanout} (durable = transient quorum) and a queue named exactly
 * {@code <topic>_fanout} (a stream: stream fanout). Reply queues have unguessable names, so whether the services
 * use the queue manager is not seen here; the named dialect that matches the shapes decides it.
 * {@link ManagementProbe} reads the same shapes, and the reply queues, from the management API when it is reachable.
 */
public final class DialectDetector {
    /**
     * What the vhost holds.
     *
     * @param controlDurable       null when the control exchange is absent
     * @param topicQueueType       null when no topic queue of the topics exists
     * @param topicQueueDurable    durability of that topic queue (meaningless when absent)
     * @param fanoutExchangeDurable null when no {@code <topic>_fanout} exchange exists
     * @param streamFanout         a queue named {@code <topic>_fanout} exists
     * @param queueManager         reply or fanout queues named {@code <host>:<process>:<n>} (true), named by uuid
     *                             (false), or none seen (null: passive declares cannot see them)
     * @param transientQuorum      reply or per-server fanout queues are quorum (true) or classic (false); null when none
     *                             was seen
     * @param prefetch             the prefetch of the topic queues' consumers, null when not seen
     * @param seen                 what was found, for the one-line report
     */
    public record Shapes(Boolean controlDurable, QueueType topicQueueType, boolean topicQueueDurable,
                         Boolean fanoutExchangeDurable, boolean streamFanout, Boolean queueManager,
                         Boolean transientQuorum, Integer prefetch, List<String> seen) {
        /** Shapes as passive declares see them: nothing of reply queues or consumers. */
        public Shapes(Boolean controlDurable, QueueType topicQueueType, boolean topicQueueDurable,
                      Boolean fanoutExchangeDurable, boolean streamFanout, List<String> seen) {
            this(controlDurable, topicQueueType, topicQueueDurable, fanoutExchangeDurable, streamFanout, null, null,
                    null, seen);
        }

        /** Nothing of the control exchange or the topics exists. */
        public boolean empty() {
            return controlDurable == null && topicQueueType == null && fanoutExchangeDurable == null && !streamFanout
                    && queueManager == null && transientQuorum == null;
        }
    }

    private DialectDetector() {
    }

    /** Probes on {@code c} for the control exchange and each topic; never creates or changes anything that is absent. */
    public static Shapes probe(BrokerConnection c, String controlExchange, List<String> topics) {
        List<String> seen = new ArrayList<>();
        Boolean controlDurable = null;
        if (exists(() -> c.declareExchangePassive(controlExchange))) {
            controlDurable = sameAs(() -> c.declareExchange(ExchangeSpec.of(controlExchange, ExchangeType.TOPIC)
                    .withDurable(true)), "durable");
            seen.add("exchange " + controlExchange + (controlDurable ? " durable" : " non-durable"));
        }
        QueueType topicType = null;
        boolean topicDurable = false;
        Boolean fanoutDurable = null;
        boolean stream = false;
        for (String topic : topics) {
            if (topicType == null && exists(() -> c.declareQueuePassive(topic))) {
                String differs = differingArg(() -> c.declareQueue(new QueueSpec(topic, true, false, false,
                        Map.of(QueueType.ARGUMENT, QueueType.QUORUM.amqpName()))));
                if (differs == null) {
                    topicType = QueueType.QUORUM;
                    topicDurable = true;
                } else if (differs.equals("durable")) {
                    topicType = QueueType.CLASSIC;
                } else if (differs.equals(QueueType.ARGUMENT)) {
                    topicType = QueueType.CLASSIC;
                    topicDurable = true;
                } else {
                    // another argument differs (delivery limit, ...): the type was accepted
                    topicType = QueueType.QUORUM;
                    topicDurable = true;
                }
                seen.add("queue " + topic + " " + topicType.amqpName() + (topicDurable ? " durable" : " non-durable"));
            }
            String fanout = topic + "_fanout";
            if (fanoutDurable == null && exists(() -> c.declareExchangePassive(fanout))) {
                fanoutDurable = sameAs(() -> c.declareExchange(ExchangeSpec.of(fanout, ExchangeType.FANOUT)
                        .withDurable(true).withAutoDelete(true)), "durable");
                seen.add("exchange " + fanout + (fanoutDurable ? " durable" : " non-durable"));
            }
            if (!stream && exists(() -> c.declareQueuePassive(fanout))) {
                stream = true;
                seen.add("stream " + fanout);
            }
        }
        return new Shapes(controlDurable, topicType, topicDurable, fanoutDurable, stream, List.copyOf(seen));
    }

    /**
     * The named dialect whose shapes these are, or null when none declares exactly them (or nothing exists). What
     * only the management API shows decides between dialects of the same queue shapes: reply queues named by the
     * queue manager or by uuid (kolla-2025.1 or osa-2024.1), the consumers' prefetch (kolla-2025.1: 1, 2026.1: 50).
     */
    public static Dialect match(Shapes s) {
        if (s.empty()) {
            return null;
        }
        if (Boolean.FALSE.equals(s.controlDurable) || s.topicQueueType == QueueType.CLASSIC && !s.topicQueueDurable) {
            return Dialect.ZED;
        }
        if (s.streamFanout) {
            if (Boolean.FALSE.equals(s.queueManager)) {
                return Dialect.OSA_2024_1;
            }
            return s.prefetch != null && s.prefetch == 50 ? Dialect.KOLLA_2026_1 : Dialect.KOLLA_2025_1;
        }
        if (s.topicQueueType == QueueType.CLASSIC && s.topicQueueDurable) {
            return Dialect.HELM_2026;
        }
        if (Boolean.TRUE.equals(s.fanoutExchangeDurable) || Boolean.TRUE.equals(s.transientQuorum)
                || Boolean.TRUE.equals(s.queueManager)) {
            return null; // quorum everywhere without streams: no named dialect; see options()
        }
        return Dialect.KOLLA_2024_1;
    }

    /**
     * The options that declare these shapes, for a vhost no named dialect matches (under oslo's names; empty for
     * oslo's defaults).
     */
    public static Map<String, String> options(Shapes s) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        if (s.topicQueueType == QueueType.QUORUM) {
            o.put("rabbit_quorum_queue", "true");
        } else if (s.topicQueueType == QueueType.CLASSIC && s.topicQueueDurable) {
            o.put("amqp_durable_queues", "true");
        }
        if (Boolean.TRUE.equals(s.fanoutExchangeDurable) || Boolean.TRUE.equals(s.transientQuorum)) {
            o.put("rabbit_transient_quorum_queue", "true");
        }
        if (s.streamFanout) {
            o.put("rabbit_stream_fanout", "true");
        }
        if (Boolean.TRUE.equals(s.queueManager)) {
            o.put("use_queue_manager", "true");
        }
        if (s.prefetch != null && s.prefetch > 0) {
            o.put("rabbit_qos_prefetch_count", String.valueOf(s.prefetch));
        }
        return o;
    }

    private static boolean exists(Runnable passive) {
        try {
            passive.run();
            return true;
        } catch (AmqpException e) {
            if (e.replyCode() == AmqpException.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** True when the declare succeeds; false when it fails with 406 on {@code arg}; other refusals are thrown. */
    private static boolean sameAs(Runnable declare, String arg) {
        String differs = differingArg(declare);
        if (differs == null) {
            return true;
        }
        if (differs.equals(arg)) {
            return false;
        }
        return true;
    }

    private static String differingArg(Runnable declare) {
        try {
            declare.run();
            return null;
        } catch (AmqpException e) {
            if (e.replyCode() != AmqpException.PRECONDITION_FAILED) {
                throw e;
            }
            DeclareMismatch.Difference d = DeclareMismatch.parse(e.replyText());
            return d == null ? "?" : d.argument();
        }
    }
}
