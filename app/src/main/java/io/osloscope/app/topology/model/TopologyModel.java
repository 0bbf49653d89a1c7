package io.osloscope.app.topology.model;

import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.engine.observe.BrokerEvents.MessageDelivered;
import io.osloscope.engine.observe.BrokerEvents.MessageDiscarded;
import io.osloscope.engine.observe.BrokerEvents.MessageEnqueued;
import io.osloscope.engine.observe.BrokerEvents.MessagePublished;
import io.osloscope.engine.observe.BrokerEvents.MessageRouted;
import io.osloscope.engine.observe.BrokerEvents.TopologyChanged;
import io.osloscope.engine.observe.EngineEvent;
import io.osloscope.engine.observe.NodeEvents.NodeStateChanged;
import io.osloscope.engine.observe.RestEvents.RestExchanged;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the broker holds and who uses it: exchanges, queues (depth, consumers), bindings, services
 * and which service publishes to which exchange. Fed by engine events ({@link #apply}) and by
 * snapshots ({@link #applySnapshot}); plain Java, not thread-safe, no toolkit needed.
 *
 * <p>{@link #structureVersion()} changes only when something a graph would draw appears or goes;
 * depth and consumer counts bump {@link #countsVersion()} instead, so a view redraws cheaply.
 */
public final class TopologyModel {
    /** A binding as drawn: from an exchange to a queue with a key (arguments are not drawn). */
    public record Binding(String exchange, String queue, String key) {
    }

    /** Ready messages and consumers of one queue. */
    public static final class QueueState {
        private final String name;
        private final QueueRole role;
        private int depth;
        private int consumers;
        private String type = CLASSIC;
        private String detail;

        QueueState(String name) {
            this.name = name;
            this.role = QueueRole.of(name);
        }

        public String name() {
            return name;
        }

        public QueueRole role() {
            return role;
        }

        public int depth() {
            return depth;
        }

        public int consumers() {
            return consumers;
        }

        /**
         * The queue type's AMQP name: classic (also a declare without {@code x-queue-type}), quorum or stream; null
         * when a snapshot's source did not say.
         */
        public String type() {
            return type;
        }

        /** Quorum or stream details from the last snapshot (leader, members, retention), null when none. */
        public String detail() {
            return detail;
        }
    }

    /** The queue type every queue has unless its declare said {@code x-queue-type}. */
    public static final String CLASSIC = "classic";

    private static final int MAX_CONNECTIONS = 20_000;

    private final Map<String, String> exchanges = new TreeMap<>();
    private final Map<String, QueueState> queues = new TreeMap<>();
    private final Set<Binding> bindings = new LinkedHashSet<>();
    private final Set<String> defaultRouted = new TreeSet<>();
    private final Map<ServiceId, String> services = new TreeMap<>();
    private final Map<String, Set<String>> publishes = new TreeMap<>();
    private final Map<String, ServiceId> connectionOwners = new HashMap<>();
    private final Map<String, ServiceId> queueOwners = new HashMap<>();
    private long structureVersion;
    private long countsVersion;
    private long cacheVersion = -1;
    private final Set<String> knownBinaries = new TreeSet<>();
    private final Map<String, String> binaryByTopic = new HashMap<>();
    private final Map<String, Set<String>> hostsByBinary = new HashMap<>();

    private final Set<String> restServices = new TreeSet<>();

    public void applyAll(Collection<? extends EngineEvent> events) {
        for (EngineEvent e : events) {
            apply(e);
        }
    }

    public void apply(EngineEvent event) {
        if (event instanceof TopologyChanged t) {
            onTopology(t);
        } else if (event instanceof MessagePublished p) {
            String ex = p.exchange() == null ? "" : p.exchange();
            ensureExchange(ex, ex.isEmpty() ? "direct" : null);
            if (publishes.computeIfAbsent(ownerOf(p.connection()).binary(), k -> new TreeSet<>()).add(ex)) {
                structureVersion++;
            }
        } else if (event instanceof io.osloscope.engine.observe.CaptureEvents.MessageCaptured c
                && !"deliver".equals(c.direction()) && c.message() != null) {
            // a sniffed publish: the engine named its sender (service@host), so the publisher is drawn as in a simulation
            io.osloscope.engine.wire.Sender from = c.message().summary().from();
            if (from != null && from.service() != null) {
                String ex = c.exchange() == null ? "" : c.exchange();
                ensureExchange(ex, ex.isEmpty() ? "direct" : null);
                if (publishes.computeIfAbsent(from.service(), k -> new TreeSet<>()).add(ex)) {
                    structureVersion++;
                }
            }
        } else if (event instanceof MessageRouted r) {
            String ex = r.exchange() == null ? "" : r.exchange();
            ensureExchange(ex, r.exchangeType());
            if (ex.isEmpty()) {
                for (String q : r.queues()) {
                    ensureQueue(q);
                    if (defaultRouted.add(q)) {
                        structureVersion++;
                    }
                }
            }
        } else if (event instanceof MessageEnqueued q) {
            ensureQueue(q.queue()).depth = Math.max(0, q.depth());
            countsVersion++;
        } else if (event instanceof MessageDelivered d) {
            QueueState q = ensureQueue(d.queue());
            q.depth = Math.max(0, q.depth - 1);
            countsVersion++;
            learnOwner(q, d.connection());
        } else if (event instanceof MessageDiscarded d) {
            QueueState q = queues.get(d.queue());
            if (q != null) {
                q.depth = Math.max(0, q.depth - 1);
                countsVersion++;
            }
        } else if (event instanceof RestExchanged r) {
            if (restServices.add(r.service())) {
                structureVersion++;
            }
        } else if (event instanceof NodeStateChanged n) {
            ServiceId id = new ServiceId(n.binary(), n.host());
            if (!n.state().equals(services.put(id, n.state()))) {
                structureVersion++;
            }
        }
    }

    /**
     * Replaces exchanges, queues, bindings and counts by the snapshot's (a queue's depth is its ready messages, its
     * exclusive owner the connection that uses it); services and traffic learned so far stay. */
    public void applySnapshot(TopologySnapshot snapshot) {
        applySnapshot(snapshot, Map.of());
    }

    /** As {@link #applySnapshot(TopologySnapshot)}, with one line of detail per queue name (quorum and stream facts). */
    public void applySnapshot(TopologySnapshot snapshot, Map<String, String> details) {
        exchanges.keySet().removeIf(n -> !n.isEmpty());
        queues.clear();
        bindings.clear();
        for (TopologySnapshot.ExchangeView e : snapshot.exchanges()) {
            exchanges.put(e.name(), e.type().amqpName());
        }
        for (TopologySnapshot.QueueView q : snapshot.queues()) {
            QueueState s = ensureQueue(q.name());
            s.depth = q.ready();
            s.consumers = q.consumers();
            // null type: the source does not say (a queue type RabbitMQ added later, e.g. MQTT's)
            s.type = q.type() == null ? null : q.type().amqpName();
            s.detail = details.get(q.name());
            if (q.owner() != null) {
                learnOwner(s, q.owner());
            }
        }
        for (TopologySnapshot.BindingView b : snapshot.bindings()) {
            bindings.add(new Binding(b.exchange(), b.queue(), b.bindingKey()));
        }
        defaultRouted.retainAll(queues.keySet());
        structureVersion++;
        countsVersion++;
    }

    private void onTopology(TopologyChanged t) {
        switch (t.change()) {
            case EXCHANGE_DECLARED -> ensureExchange(t.name(), typeFrom(t.detail()));
            case EXCHANGE_DELETED -> {
                exchanges.remove(t.name());
                bindings.removeIf(b -> b.exchange().equals(t.name()));
            }
            case QUEUE_DECLARED -> ensureQueue(t.name()).type = queueTypeFrom(t.detail());
            case QUEUE_DELETED -> {
                queues.remove(t.name());
                defaultRouted.remove(t.name());
                queueOwners.remove(t.name());
                bindings.removeIf(b -> b.queue().equals(t.name()));
            }
            case BOUND -> {
                ensureQueue(t.name());
                ensureExchange(t.other(), null);
                bindings.add(new Binding(t.other(), t.name(), t.key() == null ? "" : t.key()));
            }
            case UNBOUND -> bindings.remove(new Binding(t.other(), t.name(), t.key() == null ? "" : t.key()));
            case CONSUMER_ADDED -> ensureQueue(t.other()).consumers++;
            case CONSUMER_CANCELLED -> {
                QueueState q = queues.get(t.other());
                if (q != null) {
                    q.consumers = Math.max(0, q.consumers - 1);
                }
            }
        }
        structureVersion++;
    }

    /** The {@code x-queue-type=...} of a declare's detail (both brokers write the arguments so), else classic. */
    static String queueTypeFrom(String detail) {
        if (detail != null) {
            int at = detail.indexOf("x-queue-type=");
            if (at >= 0) {
                String rest = detail.substring(at + "x-queue-type=".length()).toLowerCase(Locale.ROOT);
                for (String t : List.of("quorum", "stream", CLASSIC)) {
                    if (rest.startsWith(t)) {
                        return t;
                    }
                }
            }
        }
        return CLASSIC;
    }

    private static String typeFrom(String detail) {
        if (detail != null) {
            for (String word : detail.toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
                if (word.equals("direct") || word.equals("topic") || word.equals("fanout") || word.equals("headers")) {
                    return word;
                }
            }
        }
        return null;
    }

    private void ensureExchange(String name, String type) {
        if (name == null) {
            return;
        }
        String known = exchanges.get(name);
        String t = type == null ? null : type.toLowerCase(Locale.ROOT);
        if (known == null || (t != null && !t.equals(known))) {
            exchanges.put(name, t != null ? t : known != null ? known : name.endsWith("_fanout") ? "fanout" : "direct");
            structureVersion++;
        }
    }

    private QueueState ensureQueue(String name) {
        QueueState q = queues.get(name);
        if (q == null) {
            q = new QueueState(name);
            queues.put(name, q);
            structureVersion++;
        }
        return q;
    }

    private void learnOwner(QueueState q, String connection) {
        if (connection == null || connection.isBlank()) {
            return;
        }
        ServiceId owner;
        if (q.role.kind() == QueueRole.Kind.SERVER) {
            owner = new ServiceId(binaryForTopic(q.role.topic()), q.role.server());
            if (connectionOwners.size() < MAX_CONNECTIONS) {
                connectionOwners.putIfAbsent(connection, owner);
            }
        } else {
            owner = ownerOf(connection);
        }
        if (q.role.kind() != QueueRole.Kind.TOPIC && !owner.equals(queueOwners.put(q.name, owner))) {
            structureVersion++;
        }
    }

    /** The service behind a connection name: learned from what it consumes, else read from the name. */
    public ServiceId ownerOf(String connection) {
        ServiceId known = connection == null ? null : connectionOwners.get(connection);
        if (known != null) {
            return known;
        }
        String program = ServiceNaming.programOf(connection);
        if (program == null) {
            return new ServiceId("client", null);
        }
        String host = ServiceNaming.hostOf(connection);
        return new ServiceId(program, host != null ? host : soleHost(program));
    }

    private String soleHost(String binary) {
        Set<String> hosts = hostsOf(binary);
        return hosts.size() == 1 ? hosts.iterator().next() : null;
    }

    public String binaryForTopic(String topic) {
        refreshCaches();
        return binaryByTopic.computeIfAbsent(topic, t -> ServiceNaming.binaryForTopic(t, knownBinaries));
    }

    /** Hosts known to run {@code binary}: announced nodes plus servers seen consuming their queues. */
    public Set<String> hostsOf(String binary) {
        refreshCaches();
        return hostsByBinary.computeIfAbsent(binary, this::computeHostsOf);
    }

    // NOTE(perf): names are resolved for every delivered message; cache per structure version so a
    // batch of thousands of deliveries costs map look-ups, not scans of every queue.
    private void refreshCaches() {
        if (cacheVersion == structureVersion) {
            return;
        }
        cacheVersion = structureVersion;
        knownBinaries.clear();
        for (ServiceId s : services.keySet()) {
            knownBinaries.add(s.binary());
        }
        binaryByTopic.clear();
        hostsByBinary.clear();
    }

    private Set<String> computeHostsOf(String binary) {
        Set<String> hosts = new TreeSet<>(HostOrder.INSTANCE);
        for (ServiceId s : services.keySet()) {
            if (s.binary().equals(binary) && s.host() != null) {
                hosts.add(s.host());
            }
        }
        for (QueueState q : queues.values()) {
            if (q.role.kind() == QueueRole.Kind.SERVER && q.consumers > 0
                    && binaryForTopic(q.role.topic()).equals(binary)) {
                hosts.add(q.role.server());
            }
        }
        return java.util.Collections.unmodifiableSet(hosts);
    }

    public Map<String, String> exchanges() {
        return java.util.Collections.unmodifiableMap(exchanges);
    }

    public Map<String, QueueState> queues() {
        return java.util.Collections.unmodifiableMap(queues);
    }

    public Set<Binding> bindings() {
        return java.util.Collections.unmodifiableSet(bindings);
    }

    public Set<String> defaultRoutedQueues() {
        return java.util.Collections.unmodifiableSet(defaultRouted);
    }

    /** Announced services and their last state ("up", "down", "slow 500ms"). */
    public Map<ServiceId, String> services() {
        return java.util.Collections.unmodifiableMap(services);
    }

    /** Binary → exchanges it published to. */
    /** API services (nova-api) that answered REST requests: each gets a REST client in front of it. */
    public Set<String> restServices() {
        return java.util.Collections.unmodifiableSet(restServices);
    }

    public Map<String, Set<String>> publishes() {
        return java.util.Collections.unmodifiableMap(publishes);
    }

    /** The service consuming a reply, fanout or server queue, when learned; else null. */
    public ServiceId queueOwner(String queue) {
        return queueOwners.get(queue);
    }

    public long structureVersion() {
        return structureVersion;
    }

    public long countsVersion() {
        return countsVersion;
    }

    /** All binaries worth a consumer-side box: announced, owning queues, or serving a consumed topic. */
    public Set<String> consumerBinaries() {
        Set<String> out = new TreeSet<>();
        for (ServiceId s : services.keySet()) {
            out.add(s.binary());
        }
        for (ServiceId s : queueOwners.values()) {
            out.add(s.binary());
        }
        for (QueueState q : queues.values()) {
            if (q.consumers > 0 && q.role.topic() != null) {
                out.add(binaryForTopic(q.role.topic()));
            }
        }
        return out;
    }

    public List<String> queueNames() {
        return List.copyOf(queues.keySet());
    }
}
