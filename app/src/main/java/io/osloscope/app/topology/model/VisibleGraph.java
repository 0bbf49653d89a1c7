package io.osloscope.app.topology.model;

import java.util.List;
import java.util.Map;

/**
 * What the view draws: nodes in four columns (publishers, exchanges, queues, consumers) with
 * collapsed groups already folded, and the edges between them. Edge ends may be a service row id.
 */
public record VisibleGraph(List<Node> nodes, List<Edge> edges, Map<String, String> queueNodes,
                           Map<String, String> exchangeNodes, Map<String, String> publisherNodes,
                           Map<ServiceId, String> serviceAnchors) {

    /** {@code CLIENTS}: REST clients in front of an API service; drawn only when there are some. */
    public enum Column { CLIENTS, PUBLISHERS, EXCHANGES, QUEUES, CONSUMERS }

    public enum NodeKind { PUBLISHER, EXCHANGE, QUEUE, QUEUE_FAMILY, SERVICE_GROUP }

    /** {@code REST}: HTTP from a REST client to the API service that turns it into RPC. */
    public enum EdgeKind { PUBLISH, BINDING, DEFAULT_ROUTE, CONSUME, REST }

    /**
     * A host line inside an expanded service group, or a queue line inside an unfolded family ({@code typeTag} its
     * queue type, null for host lines).
     */
    public record Row(String id, String label, String state, String typeTag) {
        public Row(String id, String label, String state) {
            this(id, label, state, null);
        }
    }

    /**
     * {@code typeTag} is the exchange type for exchanges, the queue type for queues (classic, quorum, stream; for a
     * family the one its members share, else "mixed"); {@code groupKey} names what
     * {@link CollapseState#toggle} expands or collapses (null when not collapsible); {@code detail} is a queue's
     * quorum or stream line from a real broker (leader, members, delivery limit, retention), else null.
     */
    public record Node(String id, Column column, NodeKind kind, String title, String subtitle, String typeTag,
                       List<Row> rows, int members, String groupKey, boolean collapsed, String state, String detail) {
    }

    public record Edge(String from, String to, EdgeKind kind, String label) {
        public String id() {
            return from + "->" + to + ":" + kind;
        }
    }

    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }
}
