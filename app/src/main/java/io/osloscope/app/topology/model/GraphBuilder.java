package io.osloscope.app.topology.model;

import io.osloscope.app.topology.model.TopologyModel.QueueState;
import io.osloscope.app.topology.model.VisibleGraph.Column;
import io.osloscope.app.topology.model.VisibleGraph.Edge;
import io.osloscope.app.topology.model.VisibleGraph.EdgeKind;
import io.osloscope.app.topology.model.VisibleGraph.Node;
import io.osloscope.app.topology.model.VisibleGraph.NodeKind;
import io.osloscope.app.topology.model.VisibleGraph.Row;

import io.osloscope.app.fx.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Folds a {@link TopologyModel} into the {@link VisibleGraph} a view draws, honouring a {@link CollapseState}. */
public final class GraphBuilder {
    /** The node subtitles and edge labels, in the window's language (GraphBuilder.properties). */
    private static Texts t() {
        return Texts.of(GraphBuilder.class);
    }
    private GraphBuilder() {
    }

    public static VisibleGraph build(TopologyModel model, CollapseState collapse) {
        List<Node> nodes = new ArrayList<>();
        Map<ServiceId, String> anchors = new HashMap<>();
        Map<String, Boolean> groupCollapsed = new HashMap<>();

        // Consumer side: one box per binary, a row per host unless folded.
        for (String binary : model.consumerBinaries()) {
            Set<String> hosts = new TreeSet<>(HostOrder.INSTANCE);
            hosts.addAll(model.hostsOf(binary));
            for (String q : model.queues().keySet()) {
                ServiceId o = model.queueOwner(q);
                if (o != null && o.binary().equals(binary) && o.host() != null) {
                    hosts.add(o.host());
                }
            }
            String id = "svc:" + binary;
            boolean folded = !hosts.isEmpty() && collapse.collapsed(id, hosts.size());
            groupCollapsed.put(binary, folded);
            List<Row> rows = new ArrayList<>();
            int down = 0;
            for (String h : hosts) {
                String state = model.services().getOrDefault(new ServiceId(binary, h), "up");
                if (state.startsWith("down")) {
                    down++;
                }
                String rowId = id + "@" + h;
                anchors.put(new ServiceId(binary, h), folded ? id : rowId);
                if (!folded) {
                    rows.add(new Row(rowId, h, state));
                }
            }
            anchors.put(new ServiceId(binary, null), id);
            String subtitle = hosts.isEmpty() ? "" : t().get(folded ? "node.hostsFolded" : "node.hosts", hosts.size())
                    + (down > 0 ? t().get("node.down", down) : "");
            nodes.add(new Node(id, Column.CONSUMERS, NodeKind.SERVICE_GROUP, binary, subtitle, null, rows,
                    hosts.size(), hosts.size() > 1 ? id : null, folded, down > 0 ? "degraded" : "up", null));
        }

        // Queues, folded into families where asked.
        Map<String, List<QueueState>> families = new TreeMap<>();
        for (QueueState q : model.queues().values()) {
            String fam = q.role().familyKey();
            if (fam != null) {
                families.computeIfAbsent(fam, k -> new ArrayList<>()).add(q);
            }
        }
        Map<String, String> queueNodes = new LinkedHashMap<>();
        Set<String> foldedFamilies = new TreeSet<>();
        for (Map.Entry<String, List<QueueState>> f : families.entrySet()) {
            List<QueueState> members = f.getValue();
            members.sort((a, b) -> HostOrder.INSTANCE.compare(a.name(), b.name()));
            QueueRole role = members.get(0).role();
            boolean folded;
            String key;
            if (role.kind() == QueueRole.Kind.SERVER) {
                String binary = model.binaryForTopic(role.topic());
                key = "svc:" + binary;
                Boolean g = groupCollapsed.get(binary);
                folded = g != null ? g : collapse.collapsed(key, members.size());
            } else {
                key = "fam:" + f.getKey();
                folded = members.size() > 1 && collapse.collapsed(key, members.size());
            }
            int depth = 0;
            int consumers = 0;
            Set<String> types = new java.util.HashSet<>(); // may hold null: type not known
            for (QueueState q : members) {
                depth += q.depth();
                consumers += q.consumers();
                types.add(q.type());
            }
            String familyType = types.size() == 1 ? types.iterator().next() : "mixed";
            if (folded) {
                for (QueueState q : members) {
                    queueNodes.put(q.name(), "qf:" + f.getKey());
                }
                foldedFamilies.add(f.getKey());
                nodes.add(new Node("qf:" + f.getKey(), Column.QUEUES, NodeKind.QUEUE_FAMILY, role.familyLabel(),
                        t().get("family.folded", members.size(), counts(depth, consumers)), familyType, List.of(), members.size(),
                        key, true, depth > 0 ? "backlog" : "idle", null));
            } else if (members.size() > 1) {
                // NOTE(layout): an unfolded family is one box with a compact row per queue, so ten
                // compute.<host> queues take the height of three plain queue boxes.
                List<Row> rows = new ArrayList<>();
                for (QueueState q : members) {
                    queueNodes.put(q.name(), "q:" + q.name());
                    rows.add(new Row("q:" + q.name(), QueueRole.shortName(q.name()) + rowCounts(q),
                            q.depth() > 0 ? "backlog" : "idle", q.type()));
                }
                nodes.add(new Node("qf:" + f.getKey(), Column.QUEUES, NodeKind.QUEUE_FAMILY, role.familyLabel(),
                        t().get("family.queues", members.size(), counts(depth, consumers)), familyType, rows, members.size(),
                        key, false, depth > 0 ? "backlog" : "idle", null));
            }
        }
        for (QueueState q : model.queues().values()) {
            if (!queueNodes.containsKey(q.name())) {
                queueNodes.put(q.name(), "q:" + q.name());
                nodes.add(new Node("q:" + q.name(), Column.QUEUES, NodeKind.QUEUE, QueueRole.shortName(q.name()),
                        counts(q.depth(), q.consumers()), q.type(), List.of(), 1, null, false,
                        q.depth() > 0 ? "backlog" : "idle", q.detail()));
            }
        }

        // Exchanges that matter: bound, published to, or declared by someone other than the broker.
        Map<String, String> exchangeNodes = new LinkedHashMap<>();
        Set<String> bound = new TreeSet<>();
        model.bindings().forEach(b -> bound.add(b.exchange()));
        Set<String> publishedTo = new TreeSet<>();
        model.publishes().values().forEach(publishedTo::addAll);
        for (Map.Entry<String, String> e : model.exchanges().entrySet()) {
            String name = e.getKey();
            boolean builtIn = name.isEmpty() || name.startsWith("amq.");
            boolean used = bound.contains(name) || publishedTo.contains(name)
                    || (name.isEmpty() && !model.defaultRoutedQueues().isEmpty());
            if (builtIn && !used) {
                continue;
            }
            exchangeNodes.put(name, "ex:" + name);
            nodes.add(new Node("ex:" + name, Column.EXCHANGES, NodeKind.EXCHANGE, name.isEmpty() ? "(default)" : name,
                    e.getValue(), e.getValue(), List.of(), 1, null, false, "up", null));
        }

        // Publishers: one box per binary.
        Map<String, String> publisherNodes = new LinkedHashMap<>();
        for (String binary : model.publishes().keySet()) {
            publisherNodes.put(binary, "pub:" + binary);
            Set<String> hosts = model.hostsOf(binary);
            String sub = hosts.isEmpty() ? t().get("node.publisher") : hosts.size() == 1 ? hosts.iterator().next()
                    : t().get("node.hostsFolded", hosts.size());
            nodes.add(new Node("pub:" + binary, Column.PUBLISHERS, NodeKind.PUBLISHER, binary, sub, null, List.of(),
                    Math.max(1, hosts.size()), null, false, "up", null));
        }

        List<Edge> edges = new ArrayList<>();
        // REST in front: a client box and an HTTP edge into each API service that answered a request
        for (String api : model.restServices()) {
            if (publisherNodes.containsKey(api)) {
                nodes.add(new Node("rest:" + api, Column.CLIENTS, NodeKind.PUBLISHER, "client", "REST · HTTP", null,
                        List.of(), 1, null, false, "up", null));
                edges.add(new Edge("rest:" + api, publisherNodes.get(api), EdgeKind.REST, null));
            }
        }
        for (Map.Entry<String, Set<String>> p : model.publishes().entrySet()) {
            for (String ex : p.getValue()) {
                if (exchangeNodes.containsKey(ex)) {
                    edges.add(new Edge("pub:" + p.getKey(), exchangeNodes.get(ex), EdgeKind.PUBLISH, null));
                }
            }
        }
        Map<String, Set<String>> keysByEdge = new LinkedHashMap<>();
        Map<String, Boolean> allKeysAreNames = new HashMap<>();
        for (TopologyModel.Binding b : model.bindings()) {
            String from = exchangeNodes.get(b.exchange());
            String to = queueNodes.get(b.queue());
            if (from == null || to == null) {
                continue;
            }
            String k = from + "\n" + to;
            keysByEdge.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(b.key());
            allKeysAreNames.merge(k, b.key().equals(b.queue()), Boolean::logicalAnd);
        }
        for (Map.Entry<String, Set<String>> e : keysByEdge.entrySet()) {
            String[] ends = e.getKey().split("\n", 2);
            String type = model.exchanges().getOrDefault(ends[0].substring(3), "direct");
            edges.add(new Edge(ends[0], ends[1], EdgeKind.BINDING,
                    bindingLabel(type, ends[1], e.getValue(), allKeysAreNames.get(e.getKey()), nodes)));
        }
        String defaultEx = exchangeNodes.get("");
        if (defaultEx != null) {
            Set<String> seen = new TreeSet<>();
            for (String q : model.defaultRoutedQueues()) {
                String to = queueNodes.get(q);
                if (to != null && seen.add(to)) {
                    edges.add(new Edge(defaultEx, to, EdgeKind.DEFAULT_ROUTE, t().get("edge.defaultRoute")));
                }
            }
        }
        Set<String> consumeSeen = new TreeSet<>();
        for (QueueState q : model.queues().values()) {
            String from = queueNodes.get(q.name());
            String to = consumerAnchor(model, q, anchors);
            if (to == null || from == null) {
                continue;
            }
            if (from.startsWith("qf:") && to.contains("@")) {
                to = to.substring(0, to.indexOf('@'));
            }
            if (consumeSeen.add(from + "\n" + to)) {
                edges.add(new Edge(from, to, EdgeKind.CONSUME, null));
            }
        }
        return new VisibleGraph(List.copyOf(nodes), List.copyOf(edges), queueNodes, exchangeNodes, publisherNodes,
                anchors);
    }

    private static String consumerAnchor(TopologyModel model, QueueState q, Map<ServiceId, String> anchors) {
        ServiceId owner = model.queueOwner(q.name());
        QueueRole role = q.role();
        if (owner == null && role.kind() == QueueRole.Kind.SERVER && q.consumers() > 0) {
            owner = new ServiceId(model.binaryForTopic(role.topic()), role.server());
        }
        if (owner != null) {
            String a = anchors.get(owner);
            return a != null ? a : anchors.get(new ServiceId(owner.binary(), null));
        }
        if (q.consumers() > 0 && role.topic() != null) {
            return anchors.get(new ServiceId(model.binaryForTopic(role.topic()), null));
        }
        return null;
    }

    private static String bindingLabel(String type, String target, Set<String> keys, boolean keysAreNames,
                                       List<Node> nodes) {
        if (type.equals("fanout")) {
            return t().get("edge.fanout");
        }
        if (type.equals("headers")) {
            return t().get("edge.headers");
        }
        if (target.startsWith("qf:")) {
            for (Node n : nodes) {
                if (n.id().equals(target) && keysAreNames) {
                    return n.title();
                }
            }
            return keys.size() == 1 ? keys.iterator().next() : t().get("edge.keys", keys.size());
        }
        String joined = String.join(", ", keys);
        return joined.isEmpty() ? "\"\"" : joined;
    }

    private static String rowCounts(QueueState q) {
        return q.depth() > 0 ? t().get("row.ready", q.depth()) : "";
    }

    private static String counts(int depth, int consumers) {
        return t().get("counts", depth, consumers);
    }
}
