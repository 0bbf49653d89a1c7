package io.osloscope.engine.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.ConnectionOptions;
import io.osloscope.engine.wire.OsloEnvelope;
import io.osloscope.engine.wire.OsloKeys;
import io.osloscope.engine.wire.WireCodec;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * oslo's {@code Notifier} with the {@code messagingv2} driver (or {@code messaging}, v1 without
 * envelope): each notification goes to the control exchange with routing key
 * {@code <topic>.<priority lower case>} for every topic (default {@code notifications}), and the
 * publisher declares and binds a queue of that name, so notifications wait even with no consumer.
 * The inner message has oslo's keys and order ({@code message_id} with dashes, {@code publisher_id},
 * {@code event_type}, {@code priority} upper case, {@code payload}, {@code timestamp} as Python's
 * {@code str(utcnow())}, {@code _unique_id}, {@code _context_*}); only oslo 14.0.3's whitelisted
 * context keys are sent (no {@code auth_token}). Thread-safe; each call blocks until the broker
 * confirmed the publish.
 */
public final class Notifier {
    /** The context keys oslo 14.0.3 keeps in notifications ({@code notifier._sanitize_context}). */
    public static final Set<String> SAFE_CONTEXT_KEYS = Set.of("user_id", "project_id", "domain_id", "user_domain_id",
            "project_domain_id", "is_admin", "request_id", "roles", "user_name", "project_name", "domain_name",
            "user_domain_name", "project_domain_name", "service_user_id", "service_user_domain_id",
            "service_user_domain_name", "service_project_id", "service_project_name", "service_project_domain_id",
            "service_project_domain_name", "service_roles", "global_request_id", "system_scope", "user", "domain",
            "user_domain", "project_domain");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Transport transport;
    private final String publisherId;
    private final List<String> topics;
    private final boolean envelope;
    private final Object lock = new Object();
    private BrokerConnection connection;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    /** A {@code messagingv2} notifier publishing to topic {@code notifications}. */
    public Notifier(Transport transport, String publisherId) {
        this(transport, publisherId, List.of("notifications"), true);
    }

    /** @param v2 true for {@code messagingv2} (2.0 envelope), false for the v1 {@code messaging} driver (bare dict) */
    public Notifier(Transport transport, String publisherId, List<String> topics, boolean v2) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.publisherId = Objects.requireNonNull(publisherId, "publisherId");
        this.topics = List.copyOf(topics);
        this.envelope = v2;
    }

    public void audit(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "AUDIT", eventType, payload);
    }

    public void debug(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "DEBUG", eventType, payload);
    }

    public void info(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "INFO", eventType, payload);
    }

    /** oslo's {@code warn} and {@code warning}: priority {@code WARN}. */
    public void warn(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "WARN", eventType, payload);
    }

    public void error(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "ERROR", eventType, payload);
    }

    public void critical(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "CRITICAL", eventType, payload);
    }

    public void sample(Map<String, ?> ctxt, String eventType, Object payload) {
        notify(ctxt, "SAMPLE", eventType, payload);
    }

    /** Sends one notification with the given (upper-case) priority to every topic. */
    public void notify(Map<String, ?> ctxt, String priority, String eventType, Object payload) {
        String prio = priority.toUpperCase(Locale.ROOT);
        for (String topic : topics) {
            String key = topic + "." + prio.toLowerCase(Locale.ROOT);
            byte[] body = encode(ctxt, prio, eventType, payload);
            BrokerConnection c = connection();
            String exchange = transport.controlExchange();
            if (declared.add(key)) {
                try {
                    c.declareExchange(transport.driver().controlExchangeSpec(exchange));
                    c.declareQueue(transport.driver().topicQueueSpec(key));
                    c.bind(key, exchange, key, Map.of());
                } catch (RuntimeException e) {
                    declared.remove(key);
                    throw e;
                }
            }
            c.publish(exchange, key, false, WireCodec.properties(null), body);
        }
    }

    byte[] encode(Map<String, ?> ctxt, String priority, String eventType, Object payload) {
        ObjectNode m = WireCodec.mapper().createObjectNode();
        m.put("message_id", UUID.randomUUID().toString());
        m.put("publisher_id", publisherId);
        m.put("event_type", eventType);
        m.put("priority", priority);
        m.set("payload", WireCodec.toTree(payload));
        m.put("timestamp", pythonUtcNow());
        m.put(OsloKeys.UNIQUE_ID, OsloDriver.hex());
        if (ctxt != null) {
            ctxt.forEach((k, v) -> {
                if (SAFE_CONTEXT_KEYS.contains(k)) {
                    m.set(OsloKeys.CONTEXT_PREFIX + k, WireCodec.toTree(v));
                }
            });
        }
        return envelope ? OsloEnvelope.wrap(m) : OsloEnvelope.bare(m);
    }

    /** Python's {@code str(datetime.utcnow())}: {@code 2026-11-25 08:31:50.562006}, no fraction when it is zero. */
    static String pythonUtcNow() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        int micros = now.getNano() / 1000;
        String s = now.format(SECONDS);
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }

    private BrokerConnection connection() {
        synchronized (lock) {
            if (connection == null || !connection.isOpen()) {
                declared.clear();
                connection = transport.broker().connect(transport.driver().newConnectionOptions()
                        .withPublisherConfirms(true));
            }
            return connection;
        }
    }

    /** Closes the notifier's connection; the queues it declared stay. */
    public void close() {
        synchronized (lock) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }
}
