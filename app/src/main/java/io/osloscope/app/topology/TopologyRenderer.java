package io.osloscope.app.topology;

import io.osloscope.app.topology.model.TopologyLayout;
import io.osloscope.app.topology.model.TopologyLayout.Box;
import io.osloscope.app.topology.model.VisibleGraph;
import io.osloscope.app.topology.model.VisibleGraph.Edge;
import io.osloscope.app.topology.model.VisibleGraph.EdgeKind;
import io.osloscope.app.topology.model.VisibleGraph.NodeKind;
import io.osloscope.app.topology.model.VisibleGraph.Row;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Turns a laid-out {@link VisibleGraph} into scene nodes and keeps the handles needed to update them. */
final class TopologyRenderer {
    static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    private static final PseudoClass BACKLOG = PseudoClass.getPseudoClass("backlog");
    private static final PseudoClass DEGRADED = PseudoClass.getPseudoClass("degraded");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    private final Pane canvas;
    private final TokenLayer tokens;
    private final Consumer<VisibleGraph.Node> onToggle;
    private final Consumer<String> onQueueClick;
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Map<String, Node> nodeViews = new HashMap<>();
    private final Map<String, Label> subtitles = new HashMap<>();
    private final Map<String, List<Node>> edgeViews = new HashMap<>();
    private final Map<String, TokenLayer.Curve> curves = new HashMap<>();
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final Set<String> highlighted = new TreeSet<>();
    private Map<String, Box> boxes = Map.of();
    private VisibleGraph graph;

    TopologyRenderer(Pane canvas, TokenLayer tokens, Consumer<VisibleGraph.Node> onToggle, Consumer<String> onQueueClick) {
        this.canvas = canvas;
        this.tokens = tokens;
        this.onToggle = onToggle;
        this.onQueueClick = onQueueClick;
        for (Group g : List.of(edgeLayer, nodeLayer, labelLayer)) {
            g.setManaged(false);
        }
        canvas.getChildren().setAll(edgeLayer, nodeLayer, labelLayer, tokens.node());
    }

    void render(VisibleGraph g, TopologyLayout.Result layout) {
        graph = g;
        boxes = layout.boxes();
        nodeViews.clear();
        subtitles.clear();
        edgeViews.clear();
        curves.clear();
        consumers.clear();
        highlighted.clear();
        for (Edge e : g.edges()) {
            if (e.kind() == EdgeKind.CONSUME) {
                consumers.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            }
        }
        List<Node> edges = new ArrayList<>();
        List<Node> labels = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (Edge e : g.edges()) {
            drawEdge(e, edges, labels);
        }
        for (VisibleGraph.Node n : g.nodes()) {
            drawNode(n, nodes);
        }
        edgeLayer.getChildren().setAll(edges);
        labelLayer.getChildren().setAll(labels);
        nodeLayer.getChildren().setAll(nodes);
        canvas.setPrefSize(layout.width(), layout.height());
        canvas.setMinSize(layout.width(), layout.height());
        canvas.setMaxSize(layout.width(), layout.height());
    }

    void refreshCounts(VisibleGraph fresh) {
        for (VisibleGraph.Node n : fresh.nodes()) {
            for (Row r : n.rows()) {
                Label text = subtitles.get(r.id());
                if (text != null && !text.getText().equals(r.label())) {
                    text.setText(r.label());
                    nodeViews.get(r.id()).pseudoClassStateChanged(BACKLOG, r.state().equals("backlog"));
                }
            }
            Label sub = subtitles.get(n.id());
            if (sub != null && !sub.getText().equals(n.subtitle())) {
                sub.setText(n.subtitle());
                Node view = nodeViews.get(n.id());
                view.pseudoClassStateChanged(BACKLOG, "backlog".equals(n.state()));
            }
        }
    }

    private void drawNode(VisibleGraph.Node n, List<Node> out) {
        Box b = boxes.get(n.id());
        VBox box = new VBox();
        box.getStyleClass().addAll("topo-node", switch (n.kind()) {
            case PUBLISHER -> "publisher";
            case EXCHANGE -> "exchange";
            case QUEUE -> "queue";
            case QUEUE_FAMILY -> "family";
            case SERVICE_GROUP -> "service";
        });
        boolean queueNode = n.kind() == NodeKind.QUEUE || n.kind() == NodeKind.QUEUE_FAMILY;
        if (n.typeTag() != null) {
            box.getStyleClass().add((queueNode ? "qt-" : "ex-") + n.typeTag());
        }
        if (!n.rows().isEmpty()) {
            box.getStyleClass().add("has-rows");
        }
        String chevron = n.groupKey() == null || n.kind() == NodeKind.QUEUE ? "" : n.collapsed() ? "▸ " : "▾ ";
        Label title = new Label(chevron + n.title());
        title.getStyleClass().add("topo-title");
        Label sub = new Label(n.kind() == NodeKind.EXCHANGE
                ? io.osloscope.app.fx.Texts.of(TopologyView.class).get("node.exchange", n.subtitle()) : n.subtitle());
        sub.getStyleClass().add("topo-sub");
        sub.setGraphic(kindIcon(n.kind()));
        if (queueNode && n.typeTag() != null) {
            HBox titleRow = new HBox(QueueTypeBadge.create(n.typeTag(), 18), title);
            titleRow.getStyleClass().add("topo-title-row");
            box.getChildren().addAll(titleRow, sub);
        } else {
            box.getChildren().addAll(title, sub);
        }
        box.setId(n.id().replaceAll("[^A-Za-z0-9_-]", "_"));
        box.relocate(b.x(), b.y());
        box.setPrefSize(b.w(), b.h());
        box.setMinSize(b.w(), b.h());
        box.setMaxSize(b.w(), b.h());
        box.pseudoClassStateChanged(BACKLOG, "backlog".equals(n.state()));
        box.pseudoClassStateChanged(DEGRADED, "degraded".equals(n.state()));
        if (n.kind() == NodeKind.QUEUE || n.kind() == NodeKind.QUEUE_FAMILY) {
            Tooltip.install(box, new Tooltip(n.kind() == NodeKind.QUEUE ? n.id().substring(2)
                    + (n.detail() == null ? "" : "\n" + n.detail()) : n.title()));
        }
        if (n.groupKey() != null) {
            box.getStyleClass().add("collapsible");
            box.setOnMouseClicked(ev -> {
                if (n.kind() == NodeKind.QUEUE && ev.getClickCount() == 1) {
                    onQueueClick.accept(n.id().substring(2));
                } else {
                    onToggle.accept(n);
                }
            });
        } else if (n.kind() == NodeKind.QUEUE) {
            box.setOnMouseClicked(ev -> onQueueClick.accept(n.id().substring(2)));
        }
        nodeViews.put(n.id(), box);
        if (n.kind() != NodeKind.EXCHANGE) {
            subtitles.put(n.id(), sub);
        }
        out.add(box);
        boolean queueRows = n.kind() == NodeKind.QUEUE_FAMILY;
        for (Row r : n.rows()) {
            Box rb = boxes.get(r.id());
            Node marker;
            if (queueRows) {
                if (r.typeTag() != null) {
                    marker = QueueTypeBadge.create(r.typeTag(), 14);
                } else { // type not known (a sniffed snapshot): no badge rather than a wrong one
                    javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
                    gap.setMinWidth(14);
                    marker = gap;
                }
            } else {
                Circle dot = new Circle(5);
                dot.getStyleClass().add("status-dot");
                marker = dot;
            }
            boolean plainState = queueRows || r.state().equals("up");
            Label text = new Label(r.label() + (plainState ? ""
                    : "  (" + io.osloscope.app.fx.Texts.of(TopologyView.class).getOr("state." + r.state(), r.state()) + ")"));
            HBox row = new HBox(marker, text);
            row.getStyleClass().addAll("topo-row", queueRows ? "queue-row" : "host-row");
            row.relocate(rb.x(), rb.y());
            row.setPrefSize(rb.w(), rb.h());
            row.setMinSize(rb.w(), rb.h());
            row.setMaxSize(rb.w(), rb.h());
            row.pseudoClassStateChanged(DOWN, r.state().startsWith("down"));
            row.pseudoClassStateChanged(BACKLOG, r.state().equals("backlog"));
            if (queueRows) {
                String queue = r.id().substring(2);
                row.setOnMouseClicked(ev -> {
                    onQueueClick.accept(queue);
                    ev.consume();
                });
                subtitles.put(r.id(), text);
            }
            nodeViews.put(r.id(), row);
            out.add(row);
        }
    }

    private void drawEdge(Edge e, List<Node> out, List<Node> labels) {
        Box from = boxes.get(e.from());
        Box to = boxes.get(e.to());
        if (from == null || to == null) {
            return;
        }
        double x0 = from.right();
        double y0 = from.centerY();
        double x1 = to.x();
        double y1 = e.to().contains("@") || !e.to().startsWith("svc:") ? to.centerY() : to.y() + TopologyLayout.NODE_H / 2;
        double dx = Math.max(40, (x1 - x0) * 0.5);
        CubicCurve c = new CubicCurve(x0, y0, x0 + dx, y0, x1 - dx, y1, x1 - 9, y1);
        c.getStyleClass().addAll("topo-edge", switch (e.kind()) {
            case PUBLISH -> "edge-publish";
            case BINDING -> "edge-binding";
            case DEFAULT_ROUTE -> "edge-default";
            case CONSUME -> "edge-consume";
            case REST -> "edge-rest";
        });
        c.setMouseTransparent(true);
        Polygon arrow = new Polygon(x1 - 11, y1 - 6, x1, y1, x1 - 11, y1 + 6);
        arrow.getStyleClass().add("topo-arrow");
        List<Node> views = new ArrayList<>(List.of(c, arrow));
        out.add(c);
        out.add(arrow);
        curves.put(e.from() + "\n" + e.to(), new TokenLayer.Curve(new double[]{x0, y0, x0 + dx, y0, x1 - dx, y1, x1, y1}));
        if (e.label() != null && (e.kind() == EdgeKind.BINDING || e.kind() == EdgeKind.DEFAULT_ROUTE
                || e.kind() == EdgeKind.REST)) {
            Label l = new Label(e.label());
            l.getStyleClass().add("topo-edge-label");
            l.setMaxWidth(196);
            StackPane holder = new StackPane(l);
            holder.setAlignment(Pos.CENTER_RIGHT);
            holder.setPrefWidth(200);
            holder.relocate(x1 - 216, y1 - 13);
            holder.setMouseTransparent(true);
            labels.add(holder);
            views.add(l);
        }
        edgeViews.put(e.from() + "\n" + e.to(), views);
    }

    /** Highlights the given node ids and every drawn edge between two of them (or touching one, for a single queue). */
    void highlight(Set<String> ids, boolean touching) {
        for (String id : highlighted) {
            Node n = nodeViews.get(id);
            if (n != null) {
                n.pseudoClassStateChanged(HIGHLIGHTED, false);
            }
            List<Node> views = edgeViews.get(id);
            if (views != null) {
                views.forEach(v -> v.pseudoClassStateChanged(HIGHLIGHTED, false));
            }
        }
        highlighted.clear();
        for (String id : ids) {
            Node n = nodeViews.get(id);
            if (n != null) {
                n.pseudoClassStateChanged(HIGHLIGHTED, true);
                highlighted.add(id);
            }
        }
        for (Map.Entry<String, List<Node>> e : edgeViews.entrySet()) {
            String[] ends = e.getKey().split("\n", 2);
            boolean on = touching ? ids.contains(ends[0]) || ids.contains(ends[1])
                    : ids.contains(ends[0]) && ids.contains(ends[1]);
            if (on) {
                e.getValue().forEach(v -> v.pseudoClassStateChanged(HIGHLIGHTED, true));
                highlighted.add(e.getKey());
            }
        }
    }

    Set<String> highlightedIds() {
        return Set.copyOf(highlighted);
    }

    /** The drawn curve between two node ids, or a straight stand-in when no edge joins them. */
    TokenLayer.Curve curve(String from, String to) {
        TokenLayer.Curve c = curves.get(from + "\n" + to);
        if (c != null) {
            return c;
        }
        Box a = boxes.get(from);
        Box b = boxes.get(to);
        if (a == null || b == null) {
            return null;
        }
        double x0 = a.right();
        double x1 = b.x();
        if (x1 < x0) {
            x0 = a.x();
            x1 = b.right();
        }
        return new TokenLayer.Curve(new double[]{x0, a.centerY(), (x0 + x1) / 2, a.centerY(), (x0 + x1) / 2,
                b.centerY(), x1, b.centerY()});
    }

    /** A straight pass through a box, left edge to right edge, at its middle. */
    TokenLayer.Curve across(String id) {
        Box b = boxes.get(id);
        if (b == null) {
            return null;
        }
        double y = id.startsWith("svc:") && !id.contains("@") ? b.y() + TopologyLayout.NODE_H / 2 : b.centerY();
        return new TokenLayer.Curve(new double[]{b.x(), y, b.x() + b.w() / 3, y, b.right() - b.w() / 3, y, b.right(), y});
    }

    /** Targets of the consume edges leaving a queue node. */
    List<String> consumersOf(String queueNode) {
        return consumers.getOrDefault(queueNode, List.of());
    }

    Set<String> texts() {
        Set<String> out = new TreeSet<>();
        for (Group g : List.of(nodeLayer, labelLayer)) {
            collect(g, out);
        }
        return out;
    }

    private static void collect(Node n, Set<String> out) {
        if (n instanceof Label l) {
            out.add(l.getText());
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** The node type's icon beside its subtitle (queues carry their type badge instead); null for none. */
    private static org.kordamp.ikonli.javafx.FontIcon kindIcon(NodeKind kind) {
        org.kordamp.ikonli.feather.Feather glyph = switch (kind) {
            case PUBLISHER -> org.kordamp.ikonli.feather.Feather.SEND;
            case EXCHANGE -> org.kordamp.ikonli.feather.Feather.SHUFFLE;
            case SERVICE_GROUP -> org.kordamp.ikonli.feather.Feather.SERVER;
            case QUEUE, QUEUE_FAMILY -> null;
        };
        if (glyph == null) {
            return null;
        }
        org.kordamp.ikonli.javafx.FontIcon icon = new org.kordamp.ikonli.javafx.FontIcon(glyph);
        icon.getStyleClass().add("topo-kind-icon");
        return icon;
    }
}
