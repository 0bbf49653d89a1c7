package io.osloscope.app.topology.model;

import io.osloscope.app.topology.model.VisibleGraph.Column;
import io.osloscope.app.topology.model.VisibleGraph.Edge;
import io.osloscope.app.topology.model.VisibleGraph.EdgeKind;
import io.osloscope.app.topology.model.VisibleGraph.Node;
import io.osloscope.app.topology.model.VisibleGraph.NodeKind;
import io.osloscope.app.topology.model.VisibleGraph.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic layered layout, left to right: publishers, exchanges, queues, consumers. Rows
 * are ordered to keep edges short (exchanges by type, queues by the exchange feeding them,
 * services by the queues they read), so the same topology always looks the same.
 */
public final class TopologyLayout {
    /** A box in layout coordinates. */
    public record Box(double x, double y, double w, double h) {
        public double centerY() {
            return y + h / 2;
        }

        public double right() {
            return x + w;
        }
    }

    public record Result(Map<String, Box> boxes, double width, double height) {
    }

    public static final double NODE_H = 54;
    public static final double ROW_H = 32;
    public static final double GAP_Y = 14;
    public static final double MARGIN = 28;
    private static final Map<Column, Double> WIDTHS = Map.of(
            Column.CLIENTS, 130.0, Column.PUBLISHERS, 210.0, Column.EXCHANGES, 210.0, Column.QUEUES, 280.0,
            Column.CONSUMERS, 230.0);
    private static final Map<Column, Double> GAP_AFTER = Map.of(
            Column.CLIENTS, 70.0, Column.PUBLISHERS, 110.0, Column.EXCHANGES, 230.0, Column.QUEUES, 110.0,
            Column.CONSUMERS, 0.0);

    private TopologyLayout() {
    }

    public static Result layout(VisibleGraph g) {
        Map<Column, List<Node>> cols = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            cols.put(c, new ArrayList<>());
        }
        for (Node n : g.nodes()) {
            cols.get(n.column()).add(n);
        }
        Map<String, Integer> order = new HashMap<>();
        List<Node> ex = cols.get(Column.EXCHANGES);
        ex.sort(Comparator.comparingInt(TopologyLayout::exchangeRank).thenComparing(Node::title));
        index(ex, order);
        List<Node> qs = cols.get(Column.QUEUES);
        Map<String, Double> qKey = new HashMap<>();
        for (Node q : qs) {
            qKey.put(q.id(), minSource(g, q, order));
        }
        qs.sort(Comparator.comparingDouble((Node n) -> qKey.get(n.id()))
                .thenComparing(Node::title, HostOrder.INSTANCE));
        index(qs, order);
        sortByNeighbours(cols.get(Column.CONSUMERS), g, order, true);
        sortByNeighbours(cols.get(Column.PUBLISHERS), g, order, false);

        Map<Column, Double> heights = new EnumMap<>(Column.class);
        double tallest = 0;
        for (Column c : Column.values()) {
            double h = 0;
            for (Node n : cols.get(c)) {
                h += height(n) + GAP_Y;
            }
            heights.put(c, Math.max(0, h - GAP_Y));
            tallest = Math.max(tallest, heights.get(c));
        }
        Map<String, Box> boxes = new LinkedHashMap<>();
        double x = MARGIN;
        for (Column c : Column.values()) {
            if (c == Column.CLIENTS && cols.get(c).isEmpty()) {
                continue; // no REST seen: the drawing starts with the publishers
            }
            double w = WIDTHS.get(c);
            double y = MARGIN + (tallest - heights.get(c)) / 2;
            for (Node n : cols.get(c)) {
                double h = height(n);
                boxes.put(n.id(), new Box(x, y, w, h));
                double ry = y + NODE_H;
                for (Row r : n.rows()) {
                    boxes.put(r.id(), new Box(x + 10, ry, w - 20, ROW_H - 4));
                    ry += ROW_H;
                }
                y += h + GAP_Y;
            }
            x += w + GAP_AFTER.get(c);
        }
        // a REST client stands level with the API service it calls, not centred in its own column
        for (Node n : cols.get(Column.CLIENTS)) {
            for (VisibleGraph.Edge e : g.edges()) {
                Box target = e.from().equals(n.id()) ? boxes.get(e.to()) : null;
                Box own = boxes.get(n.id());
                if (target != null && own != null) {
                    boxes.put(n.id(), new Box(own.x(), target.y(), own.w(), own.h()));
                }
            }
        }
        return new Result(boxes, x - GAP_AFTER.get(Column.CONSUMERS) + MARGIN, tallest + 2 * MARGIN);
    }

    public static double height(Node n) {
        return NODE_H + (n.rows().isEmpty() ? 0 : n.rows().size() * ROW_H + 6);
    }

    private static int exchangeRank(Node n) {
        if (n.title().equals("(default)")) {
            return 9;
        }
        return switch (n.typeTag() == null ? "" : n.typeTag()) {
            case "topic" -> 0;
            case "direct" -> 1;
            case "headers" -> 2;
            case "fanout" -> 3;
            default -> 4;
        };
    }

    private static void index(List<Node> nodes, Map<String, Integer> order) {
        for (int i = 0; i < nodes.size(); i++) {
            order.put(nodes.get(i).id(), i);
            for (Row r : nodes.get(i).rows()) {
                order.put(r.id(), i);
            }
        }
    }

    private static double minSource(VisibleGraph g, Node target, Map<String, Integer> order) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        ids.add(target.id());
        target.rows().forEach(r -> ids.add(r.id()));
        double best = Double.MAX_VALUE;
        for (Edge e : g.edges()) {
            if (ids.contains(e.to()) && order.containsKey(e.from())) {
                best = Math.min(best, order.get(e.from()) + (e.kind() == EdgeKind.DEFAULT_ROUTE ? 0.5 : 0));
            }
        }
        return best;
    }

    /** Orders a column by the mean position of the nodes it is connected to (barycenter heuristic). */
    private static void sortByNeighbours(List<Node> nodes, VisibleGraph g, Map<String, Integer> order, boolean incoming) {
        Map<String, Double> key = new HashMap<>();
        for (Node n : nodes) {
            double sum = 0;
            int count = 0;
            for (Edge e : g.edges()) {
                String self = incoming ? e.to() : e.from();
                String other = incoming ? e.from() : e.to();
                boolean mine = self.equals(n.id()) || (n.kind() == NodeKind.SERVICE_GROUP && self.startsWith(n.id() + "@"));
                if (mine && order.containsKey(other)) {
                    sum += order.get(other);
                    count++;
                }
            }
            key.put(n.id(), count == 0 ? Double.MAX_VALUE : sum / count);
        }
        nodes.sort(Comparator.comparingDouble((Node n) -> key.get(n.id())).thenComparing(Node::title));
        index(nodes, order);
    }
}
