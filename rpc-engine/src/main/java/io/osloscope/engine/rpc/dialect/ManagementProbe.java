package io.osloscope.engine.rpc.dialect;

import io.osloscope.engine.broker.BrokerConnection;
import io.osloscope.engine.broker.QueueType;
import io.osloscope.engine.broker.TopologySnapshot.ExchangeView;
import io.osloscope.engine.broker.TopologySnapshot.QueueView;
import io.osloscope.engine.broker.rabbit.RabbitSettings;
import io.osloscope.engine.rpc.TransportUrl;
import io.osloscope.engine.sniff.mgmt.ManagementClient;
import io.osloscope.engine.sniff.mgmt.ManagementException;
import io.osloscope.engine.sniff.mgmt.QueueDetails;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a vhost's dialect from RabbitMQ's management API: everything passive declares see (control exchange
 * durability, topic queue type, fanout exchange, {@code <topic>_fanout} stream) and what they cannot: the reply and
 * per-server fanout queues, whose names say whether the services use the queue manager
 * ({@code reply_<host>:<process>:<n>}) and whose type says transient quorum, and the consumers' prefetch. Read-only
 * (GETs). The API is found where the sniffer finds it ({@code http://<first host>:15672/}, {@code https://...:15671/}
 * with TLS), first at the AMQP port + 10000 when the broker listens on another port than 5672 (as a second broker
 * on one machine is usually placed), or at a configured URL; an API that belongs to another broker (another
 * version or cluster name than the AMQP connection announced) is not used.
 */
public final class ManagementProbe {
    private static final Pattern QMANAGER = Pattern.compile(".+:[^:]+:\\d+$");
    private static final Pattern UUID_SUFFIX = Pattern.compile("[0-9a-f]{32}$");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /**
     * The outcome: {@code shapes} read from the API at {@code url}, or null with {@code unavailable} saying why
     * (one short clause per URL tried).
     */
    public record Result(DialectDetector.Shapes shapes, URI url, String unavailable) {
    }

    private ManagementProbe() {
    }

    /** The management URLs to try for {@code url}, in order; only {@code configured} when one is given. */
    public static List<URI> candidates(TransportUrl url, URI configured) {
        if (configured != null) {
            return List.of(configured);
        }
        TransportUrl.Host first = url.hosts().get(0);
        return ManagementClient.candidateUrls(first.hostname(), first.port(), url.tls());
    }

    /**
     * Reads the vhost of {@code url} through the first candidate API that answers for the broker {@code c} is
     * connected to.
     */
    public static Result read(TransportUrl url, URI configured, BrokerConnection c, String controlExchange,
                              List<String> topics) {
        RabbitSettings s = url.toRabbitSettings(0, null);
        List<String> why = new ArrayList<>();
        for (URI u : candidates(url, configured)) {
            ManagementClient m = new ManagementClient(u, s.username(), s.password(), TIMEOUT, null);
            try {
                ManagementClient.Overview o = m.overview();
                if (c.serverVersion() != null && !Objects.equals(c.serverVersion(), o.version())
                        || c.serverClusterName() != null && o.clusterName() != null
                        && !c.serverClusterName().equals(o.clusterName())) {
                    why.add(u + " is another broker's (RabbitMQ " + o.version() + ")");
                    continue;
                }
                return new Result(fromTopology(controlExchange, topics, m.exchanges(s.virtualHost()),
                        m.queues(s.virtualHost()), m.queueDetails(s.virtualHost())), u, null);
            } catch (ManagementException e) {
                why.add(shortly(e, u));
            }
        }
        return new Result(null, null, String.join("; ", why));
    }

    private static String shortly(ManagementException e, URI u) {
        return switch (e.reason()) {
            case UNREACHABLE -> "not reachable at " + u;
            case TIMEOUT -> "no answer from " + u;
            case TLS -> "TLS failed with " + u;
            case BAD_CREDENTIALS -> u + " refused the credentials";
            case FORBIDDEN -> u + " forbids this user";
            case NOT_FOUND -> u + " does not know the vhost";
            default -> u + " answered HTTP " + e.status();
        };
    }

    /**
     * The shapes of what the API listed. Topics looked at: {@code topics}, then every {@code T} for which a
     * {@code T_fanout} exchange or queue exists (oslo's pattern), so a vhost of other services is read too.
     */
    public static DialectDetector.Shapes fromTopology(String controlExchange, List<String> topics,
                                                      List<ExchangeView> exchanges, List<QueueView> queues,
                                                      Map<String, QueueDetails> details) {
        List<String> seen = new ArrayList<>();
        Boolean controlDurable = null;
        Set<String> candidates = new LinkedHashSet<>(topics);
        java.util.Map<String, ExchangeView> xByName = new java.util.HashMap<>();
        for (ExchangeView x : exchanges) {
            xByName.put(x.name(), x);
            if (x.name().endsWith("_fanout") && x.name().length() > 7) {
                candidates.add(x.name().substring(0, x.name().length() - 7));
            }
        }
        java.util.Map<String, QueueView> qByName = new java.util.HashMap<>();
        for (QueueView q : queues) {
            qByName.put(q.name(), q);
            if (q.name().endsWith("_fanout") && q.name().length() > 7) {
                candidates.add(q.name().substring(0, q.name().length() - 7));
            }
        }
        ExchangeView control = xByName.get(controlExchange);
        if (control != null) {
            controlDurable = control.durable();
            seen.add("exchange " + controlExchange + (control.durable() ? " durable" : " non-durable"));
        }
        QueueType topicType = null;
        boolean topicDurable = false;
        Boolean fanoutDurable = null;
        boolean stream = false;
        Integer prefetch = null;
        for (String topic : candidates) {
            QueueView q = qByName.get(topic);
            if (topicType == null && q != null && q.type() != null) {
                topicType = q.type();
                topicDurable = q.durable();
                seen.add("queue " + topic + " " + topicType.amqpName() + (topicDurable ? " durable" : " non-durable"));
            }
            if (prefetch == null && q != null) {
                prefetch = prefetchOf(details.get(topic));
                if (prefetch != null) {
                    seen.add("prefetch " + prefetch);
                }
            }
            ExchangeView fx = xByName.get(topic + "_fanout");
            if (fanoutDurable == null && fx != null) {
                fanoutDurable = fx.durable();
                seen.add("exchange " + fx.name() + (fx.durable() ? " durable" : " non-durable"));
            }
            QueueView fq = qByName.get(topic + "_fanout");
            if (!stream && fq != null && fq.type() == QueueType.STREAM) {
                stream = true;
                seen.add("stream " + fq.name());
            }
        }
        Boolean queueManager = null;
        Boolean transientQuorum = null;
        int replies = 0;
        String example = null;
        int exampleRank = -1;
        for (QueueView q : queues) {
            boolean reply = q.name().startsWith("reply_");
            boolean fanout = q.name().matches(".+_fanout_.+");
            if (!reply && !fanout) {
                continue;
            }
            boolean qm = QMANAGER.matcher(q.name()).find();
            if (!qm && !UUID_SUFFIX.matcher(q.name()).find()) {
                continue; // somebody else's queue
            }
            replies++;
            int rank = (reply ? 2 : 0) + (qm ? 1 : 0);
            if (rank > exampleRank) {
                example = q.name() + " " + (q.type() == null ? "?" : q.type().amqpName());
                exampleRank = rank;
            }
            queueManager = Boolean.TRUE.equals(queueManager) || qm;
            if (q.type() != null) {
                transientQuorum = Boolean.TRUE.equals(transientQuorum) || q.type() == QueueType.QUORUM;
            }
        }
        if (example != null) {
            seen.add(replies + " reply/fanout queue(s) like " + example);
        }
        return new DialectDetector.Shapes(controlDurable, topicType, topicDurable, fanoutDurable, stream, queueManager,
                transientQuorum, prefetch, List.copyOf(seen));
    }

    /** The prefetch of a queue's application consumers (oslo gives every consumer the same), null when none. */
    private static Integer prefetchOf(QueueDetails d) {
        if (d == null) {
            return null;
        }
        return d.applicationConsumers().stream().map(QueueDetails.Consumer::prefetch).findFirst().orElse(null);
    }
}
