package io.osloscope.app.topology;

import io.osloscope.app.fx.Texts;
import io.osloscope.app.topology.model.CollapseState;
import io.osloscope.app.topology.model.GraphBuilder;
import io.osloscope.app.topology.model.MessageKind;
import io.osloscope.app.topology.model.TopologyLayout;
import io.osloscope.app.topology.model.TopologyModel;
import io.osloscope.engine.broker.TopologySnapshot;
import io.osloscope.app.topology.model.VisibleGraph;
import io.osloscope.engine.broker.Broker;
import io.osloscope.engine.observe.EngineEvent;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live topology of one broker: services → exchanges → queues → services, left to right, with
 * message tokens moving along the edges. Feed it with {@link #onEvents} (FX thread, one batch per
 * pulse) and, for the starting state, {@link #applySnapshot}. Work per batch is bounded: the model
 * update is linear in the batch, the scene is rebuilt at most once per batch, and at most
 * {@link TokenLayer#MAX_ACTIVE} tokens are animated.
 */
public final class TopologyView {
    private final TopologyModel model = new TopologyModel();
    private final CollapseState collapse = new CollapseState();
    private final BorderPane root = new BorderPane();
    private final Pane canvas = new Pane();
    private final Group scaled = new Group(canvas);
    private final ScrollPane scroll = new ScrollPane(scaled);
    private final TopologyRenderer renderer;
    private final TokenLayer tokens = new TokenLayer();
    private final FlightTracker flights;
    private final Label status = new Label();
    private final javafx.scene.layout.FlowPane legend = Legend.create();
    private VisibleGraph graph;
    private long drawnStructure = -1;
    private long drawnCounts = -1;
    private String highlightedQueue;
    private long selectedRef;
    /** What the current lesson step highlights ({@link #highlightElements}), kept across redraws. */
    private java.util.List<String> lessonRefs = java.util.List.of();
    /** The user's zoom on top of the fit (1 = fitted); Ctrl+wheel, Ctrl+= and Ctrl+- change it. */
    private double zoom = 1;

    public TopologyView(Broker broker) {
        this(Objects.requireNonNull(broker, "broker").describe());
        InitialTopology.read(broker).ifPresent(this::applySnapshot);
    }

    /**
     * A view fed only by {@link #applySnapshot} and {@link #onEvents}, e.g. with a real broker's management
     * snapshots; {@code description} names the broker in the heading.
     */
    public TopologyView(String description) {
        renderer = new TopologyRenderer(canvas, tokens, this::toggleGroup, this::highlightQueue);
        flights = new FlightTracker(model, tokens);
        root.getStyleClass().add("topology");
        root.getStylesheets().add(Objects.requireNonNull(
                TopologyView.class.getResource("topology.css"), "topology.css").toExternalForm());
        canvas.getStyleClass().add("topo-canvas");
        Label heading = new Label(Texts.of(TopologyView.class).get("heading", description));
        heading.getStyleClass().add("topo-heading");
        status.getStyleClass().add("topo-status");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(Region.USE_PREF_SIZE);
        // NOTE(layout): the counts sit under the heading and the legend takes the rest of the line, wrapping its
        // groups; with the counts at the right the legend's items, which never shrink, ran under them at 1280x720
        javafx.scene.layout.VBox title = new javafx.scene.layout.VBox(2, heading, status);
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(legend, Priority.ALWAYS);
        legend.setMinWidth(0);
        legend.setPrefWrapLength(0);
        HBox header = new HBox(title, legend);
        header.getStyleClass().add("topo-header");
        root.setTop(header);
        scroll.setPannable(true);
        scroll.setFitToWidth(false);
        root.setCenter(scroll);
        scroll.viewportBoundsProperty().addListener((o, a, b) -> fit());
        scroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                zoomBy(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
                e.consume();
            }
        });
        redraw();
    }

    public Node getRoot() {
        return root;
    }

    /** Applies one batch of events (FX thread); never call per event. */
    public void onEvents(List<EngineEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        model.applyAll(batch);
        if (model.structureVersion() != drawnStructure) {
            redraw();
        } else if (model.countsVersion() != drawnCounts) {
            renderer.refreshCounts(GraphBuilder.build(model, collapse));
            drawnCounts = model.countsVersion();
        }
        flights.animate(batch, graph, renderer);
        updateStatus();
    }

    /** Replaces the broker objects by a snapshot (in-memory broker, or a real broker's management API). */
    public void applySnapshot(TopologySnapshot snapshot) {
        applySnapshot(snapshot, java.util.Map.of());
    }

    /** As {@link #applySnapshot(TopologySnapshot)}, with one line of detail per queue name for its tooltip. */
    public void applySnapshot(TopologySnapshot snapshot, java.util.Map<String, String> details) {
        model.applySnapshot(snapshot, details);
        redraw();
    }

    /** Marks a queue (and its edges) until another queue is highlighted; null clears. */
    public void highlightQueue(String name) {
        highlightedQueue = name;
        selectedRef = 0;
        Set<String> ids = new LinkedHashSet<>();
        if (name != null && graph != null && graph.queueNodes().containsKey(name)) {
            ids.add(graph.queueNodes().get(name));
        }
        renderer.highlight(ids, true);
    }

    /**
     * Marks what a lesson step talks about: {@code node:nova-api} (its publisher and service boxes),
     * {@code exchange:nova} ({@code exchange:} alone is the default exchange), {@code queue:compute.compute1};
     * names not drawn are skipped. An empty list clears.
     */
    public void highlightElements(java.util.Collection<String> refs) {
        lessonRefs = java.util.List.copyOf(refs);
        highlightedQueue = null;
        selectedRef = 0;
        Set<String> ids = new LinkedHashSet<>();
        if (graph != null) {
            for (String ref : refs) {
                int colon = ref.indexOf(':');
                String kind = colon < 0 ? ref : ref.substring(0, colon);
                String name = colon < 0 ? "" : ref.substring(colon + 1);
                switch (kind) {
                    case "node" -> {
                        ids.add("pub:" + name);
                        ids.add("svc:" + name);
                    }
                    case "exchange" -> ids.add("ex:" + name);
                    case "queue" -> {
                        String id = graph.queueNodes().get(name);
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                    case "edge" -> graph.nodes().stream().map(VisibleGraph.Node::id)
                            .filter(id -> id.startsWith(name + ":")).forEach(id -> {
                                ids.add(id); // edge:rest marks each REST client and the API service it calls
                                ids.add("pub:" + id.substring(name.length() + 1));
                            });
                    default -> {
                        // an unknown kind marks nothing
                    }
                }
            }
            Set<String> known = new java.util.HashSet<>();
            graph.nodes().forEach(n -> known.add(n.id()));
            ids.retainAll(known);
        }
        renderer.highlight(ids, false);
    }

    /** Marks the path one message took (publisher, exchange, queues, consumers), if it was seen recently. */
    public void selectMessage(long messageRef) {
        selectedRef = messageRef;
        highlightedQueue = null;
        renderer.highlight(flights.pathOf(messageRef), false);
    }

    /** Writes the whole graph (not just the visible part) as a PNG, with the token legend above it. */
    public void exportPng(Path file) {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(io.osloscope.app.export.SvgWriter.backgroundOf(canvas));
        p.setTransform(Transform.scale(1.5, 1.5));
        WritableImage legendImage = legend.snapshot(p, null);
        // NOTE(export): a snapshot includes the node's own transforms, i.e. the fit to the pane; undo it so the
        // export has the same size however the pane is fitted or zoomed
        double s = scale();
        p.setTransform(Transform.scale(1.5 / s, 1.5 / s));
        WritableImage graphImage = canvas.snapshot(p, null);
        io.osloscope.app.export.ImageFiles.png(stack(legendImage, graphImage), file);
    }

    /** Writes the whole graph as SVG (nodes, edges, labels and tokens in flight, as drawn, without the zoom). */
    public void exportSvg(Path file) {
        try {
            java.nio.file.Files.writeString(file, io.osloscope.app.export.SvgWriter.svg(canvas, io.osloscope.app.export.SvgWriter.backgroundOf(canvas)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The legend image above the graph image, on white, left-aligned with a small margin. */
    private static WritableImage stack(WritableImage top, WritableImage bottom) {
        int margin = 16;
        int w = (int) Math.max(top.getWidth() + 2 * margin, bottom.getWidth());
        int th = (int) top.getHeight();
        int h = th + 2 * margin + (int) bottom.getHeight();
        WritableImage out = new WritableImage(w, h);
        javafx.scene.image.PixelWriter pw = out.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pw.setArgb(x, y, 0xFFFFFFFF);
            }
        }
        pw.setPixels(margin, margin, (int) top.getWidth(), th, top.getPixelReader(), 0, 0);
        pw.setPixels(0, th + 2 * margin, (int) bottom.getWidth(), (int) bottom.getHeight(), bottom.getPixelReader(), 0, 0);
        return out;
    }

    /** Names of the queues drawn as their own box (folded family members are not). */
    public Set<String> visibleQueueNames() {
        Set<String> out = new TreeSet<>();
        graph.queueNodes().forEach((q, id) -> {
            if (id.equals("q:" + q)) {
                out.add(q);
            }
        });
        return out;
    }

    /** Every text on the canvas: node titles, subtitles, host rows and edge labels. */
    public Set<String> visibleTexts() {
        return renderer.texts();
    }

    /** The model behind the picture, for the shell's status bar and for tests. */
    public TopologyModel model() {
        return model;
    }

    public VisibleGraph graph() {
        return graph;
    }

    /** Folds or unfolds a group ({@code svc:nova-compute}, {@code fam:reply}, ...). */
    public void setCollapsed(String groupKey, boolean value) {
        collapse.setCollapsed(groupKey, value);
        redraw();
    }

    Set<String> highlightedIds() {
        return renderer.highlightedIds();
    }

    int activeTokens() {
        return tokens.activeCount();
    }

    private void toggleGroup(VisibleGraph.Node node) {
        collapse.toggle(node.groupKey(), node.members());
        redraw();
    }

    private void redraw() {
        graph = GraphBuilder.build(model, collapse);
        TopologyLayout.Result layout = TopologyLayout.layout(graph);
        renderer.render(graph, layout);
        drawnStructure = model.structureVersion();
        drawnCounts = model.countsVersion();
        if (highlightedQueue != null) {
            highlightQueue(highlightedQueue);
        } else if (selectedRef != 0) {
            selectMessage(selectedRef);
        } else if (!lessonRefs.isEmpty()) {
            highlightElements(lessonRefs);
        }
        fit();
        updateStatus();
    }

    private static final double ZOOM_STEP = 1.25;

    /** Zooms in or out by {@code factor} around the fitted scale (between 1/4 and 4 times it); pan by dragging. */
    public void zoomBy(double factor) {
        zoom = Math.max(0.25, Math.min(4, zoom * factor));
        fit();
    }

    public void zoomIn() {
        zoomBy(ZOOM_STEP);
    }

    public void zoomOut() {
        zoomBy(1 / ZOOM_STEP);
    }

    /** Puts the keyboard focus on the drawing: the arrow keys and Page Up/Down then pan it. */
    public void focusDrawing() {
        scroll.requestFocus();
    }

    /** Back to the fitted scale. */
    public void resetZoom() {
        zoom = 1;
        fit();
    }

    /** The drawing's scale now (fit times zoom). */
    public double scale() {
        return canvas.getTransforms().isEmpty() ? 1 : ((Scale) canvas.getTransforms().get(0)).getX();
    }

    /**
     * Scales the whole drawing into the pane (at most 140 %), so a 1280x720 projector shows all of it, the reply
     * queues too, times the user's zoom; zoomed in, it scrolls and pans.
     */
    private void fit() {
        Bounds vp = scroll.getViewportBounds();
        double w = canvas.getPrefWidth();
        double h = canvas.getPrefHeight();
        if (vp == null || vp.getWidth() <= 0 || w <= 0) {
            return;
        }
        double fitted = Math.min(1.4, Math.min(vp.getWidth() / w, vp.getHeight() / h));
        double s = fitted * zoom;
        canvas.getTransforms().setAll(new Scale(s, s, 0, 0));
    }

    private void updateStatus() {
        long queues = model.queues().size();
        Texts t = Texts.of(TopologyView.class);
        String text = t.get("status", model.exchanges().size(), queues, model.bindings().size());
        long merged = tokens.coalescedCount() + tokens.skippedCount();
        if (merged > 0) {
            text += t.get("status.merged", merged);
        }
        status.setText(text);
    }
}
