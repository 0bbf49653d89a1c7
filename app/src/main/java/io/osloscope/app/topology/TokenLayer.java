package io.osloscope.app.topology;

import io.osloscope.app.topology.model.MessageKind;
import javafx.animation.AnimationTimer;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Moves message tokens along routes with one {@link AnimationTimer}. At most {@link #MAX_ACTIVE}
 * tokens fly at once; a message that finds the sky full joins a token already on the same route
 * (its "×n" badge counts up) or is only counted, so the FX cost per pulse stays bounded.
 */
final class TokenLayer {
    static final int MAX_ACTIVE = 60;
    private static final double SEGMENT_MS = 650;

    /** One leg of a route: a cubic curve (x0,y0, c1x,c1y, c2x,c2y, x1,y1). */
    record Curve(double[] p) {
        double[] at(double t) {
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            return new double[]{a * p[0] + b * p[2] + c * p[4] + d * p[6], a * p[1] + b * p[3] + c * p[5] + d * p[7]};
        }
    }

    private static final class Token {
        final String signature;
        final Group node;
        final Label badge;
        final List<Curve> route;
        final long start;
        int count = 1;

        Token(String signature, Group node, Label badge, List<Curve> route, long start) {
            this.signature = signature;
            this.node = node;
            this.badge = badge;
            this.route = route;
            this.start = start;
        }
    }

    private final Group layer = new Group();
    private final List<Token> active = new ArrayList<>();
    private long coalesced;
    private long skipped;
    private boolean labels = true;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            step(System.nanoTime());
        }
    };

    TokenLayer() {
        layer.setManaged(false);
        layer.setMouseTransparent(true);
    }

    Node node() {
        return layer;
    }

    void setLabelsShown(boolean value) {
        labels = value;
    }

    /** Starts a token unless the budget is spent; returns false when it was coalesced or skipped. */
    boolean launch(MessageKind kind, String text, String signature, List<Curve> route) {
        if (route.isEmpty()) {
            return false;
        }
        if (active.size() >= MAX_ACTIVE) {
            for (Token t : active) {
                if (t.signature.equals(signature)) {
                    t.count++;
                    t.badge.setText("×" + t.count);
                    t.badge.setVisible(true);
                    coalesced++;
                    return false;
                }
            }
            skipped++;
            return false;
        }
        Label badge = new Label();
        badge.getStyleClass().add("token-badge");
        badge.setVisible(false);
        badge.setLayoutX(12);
        badge.setLayoutY(-26);
        Group g = new Group(shape(kind), badge);
        if (labels && text != null && !text.isEmpty()) {
            Label l = new Label(text);
            l.getStyleClass().addAll("token-label", kind.styleClass());
            l.setLayoutX(12);
            l.setLayoutY(2);
            g.getChildren().add(l);
        }
        g.getStyleClass().addAll("token", kind.styleClass());
        double[] p0 = route.get(0).at(0);
        g.setLayoutX(p0[0]);
        g.setLayoutY(p0[1]);
        layer.getChildren().add(g);
        active.add(new Token(signature, g, badge, route, System.nanoTime()));
        timer.start();
        return true;
    }

    /** Shape per kind, so a colour-blind viewer (or a grey projector) still tells them apart. */
    static Shape shape(MessageKind kind) {
        Shape s = switch (kind) {
            case CALL -> new Circle(9);
            case CAST -> {
                Rectangle r = new Rectangle(-8, -8, 16, 16);
                r.setRotate(45);
                yield r;
            }
            case FANOUT -> new Polygon(0, -11, 10, 8, -10, 8);
            case REPLY -> {
                Circle c = new Circle(8);
                c.getStyleClass().add("hollow");
                yield c;
            }
            case FAILURE, TIMEOUT -> new Polygon(-9, -6, -6, -9, 0, -3, 6, -9, 9, -6, 3, 0, 9, 6, 6, 9, 0, 3,
                    -6, 9, -9, 6, -3, 0);
            case OTHER -> new Rectangle(-7, -5, 14, 10);
            case REST -> new Rectangle(-10, -6, 20, 12);
        };
        s.getStyleClass().addAll("token-shape", kind.styleClass());
        return s;
    }

    private void step(long now) {
        Iterator<Token> it = active.iterator();
        while (it.hasNext()) {
            Token t = it.next();
            double elapsed = Math.max(0, (now - t.start) / 1_000_000.0);
            double total = SEGMENT_MS * t.route.size();
            if (elapsed >= total + 250) {
                layer.getChildren().remove(t.node);
                it.remove();
                continue;
            }
            double pos = Math.min(elapsed, total) / SEGMENT_MS;
            int seg = Math.min((int) pos, t.route.size() - 1);
            double local = ease(Math.min(1, pos - seg));
            double[] xy = t.route.get(seg).at(local);
            t.node.setLayoutX(xy[0]);
            t.node.setLayoutY(xy[1]);
            t.node.setOpacity(elapsed > total ? Math.max(0, 1 - (elapsed - total) / 250) : 1);
        }
        if (active.isEmpty()) {
            timer.stop();
        }
    }

    private static double ease(double t) {
        return t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
    }

    void clear() {
        active.clear();
        layer.getChildren().clear();
        timer.stop();
    }

    int activeCount() {
        return active.size();
    }

    long coalescedCount() {
        return coalesced;
    }

    long skippedCount() {
        return skipped;
    }
}
