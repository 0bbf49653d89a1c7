package io.osloscope.app.export;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.NonInvertibleTransformException;
import javafx.scene.transform.Transform;

import java.util.List;
import java.util.Locale;

/**
 * SVG of a drawn pane, as it is shown (colours and fonts after CSS): lines, polylines, polygons, circles,
 * rectangles, cubic curves, texts, and the backgrounds and borders of regions (node boxes) as rectangles, in the
 * pane's own coordinates (its zoom is left out). Regions drawn with a CSS shape (the exchanges' hexagons) come out
 * as their bounding rectangles. FX thread, on a pane that is in a scene.
 */
public final class SvgWriter {
    private final StringBuilder out = new StringBuilder();
    private final Transform toRoot;

    private SvgWriter(Node root) {
        try {
            toRoot = root.getLocalToSceneTransform().createInverse();
        } catch (NonInvertibleTransformException e) {
            throw new IllegalStateException("the pane cannot be exported: " + e.getMessage(), e);
        }
    }

    /** The SVG document of {@code root} (width and height: its preferred size, or its layout bounds). */
    public static String svg(Region root, Paint background) {
        // a view drawn in this same pulse has no skins (so no texts) until CSS and layout have run
        root.applyCss();
        root.layout();
        SvgWriter w = new SvgWriter(root);
        double width = root.getPrefWidth() > 0 ? root.getPrefWidth() : root.getLayoutBounds().getWidth();
        double height = root.getPrefHeight() > 0 ? root.getPrefHeight() : root.getLayoutBounds().getHeight();
        w.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ").append(num(width)).append(' ')
                .append(num(height)).append("\" font-family=\"sans-serif\">\n");
        if (background instanceof Color c && c.getOpacity() > 0) {
            w.out.append("<rect width=\"100%\" height=\"100%\"").append(paint("fill", c)).append("/>\n");
        }
        for (Node child : root.getChildrenUnmodifiable()) {
            w.node(child);
        }
        w.out.append("</svg>\n");
        return w.out.toString();
    }

    /** The colour the view is shown on: the first opaque background fill of {@code n} or its parents; white without. */
    public static Color backgroundOf(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (at instanceof Region r && r.getBackground() != null) {
                for (BackgroundFill f : r.getBackground().getFills()) {
                    if (f.getFill() instanceof Color c && c.getOpacity() == 1) {
                        return c;
                    }
                }
            }
        }
        return Color.WHITE;
    }

    private void node(Node n) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        Transform t = toRoot.createConcatenation(n.getLocalToSceneTransform());
        if (n instanceof Region r) {
            region(r, t);
        }
        if (n instanceof Text text) {
            text(text, t);
        } else if (n instanceof Shape s) {
            shape(s, t);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                node(child);
            }
        }
    }

    private void region(Region r, Transform t) {
        Background bg = r.getBackground();
        Paint fill = null;
        double radius = 0;
        if (bg != null) {
            for (BackgroundFill f : bg.getFills()) {
                if (f.getFill() instanceof Color c && c.getOpacity() > 0) {
                    fill = c;
                    radius = f.getRadii().getTopLeftHorizontalRadius();
                }
            }
        }
        Paint stroke = null;
        double strokeWidth = 0;
        Border border = r.getBorder();
        if (border != null && !border.getStrokes().isEmpty()) {
            stroke = border.getStrokes().get(0).getTopStroke();
            strokeWidth = border.getStrokes().get(0).getWidths().getTop();
        }
        if (fill == null && (stroke == null || strokeWidth == 0)) {
            return;
        }
        Point2D p = t.transform(0, 0);
        Point2D q = t.transform(r.getWidth(), r.getHeight());
        out.append("<rect x=\"").append(num(p.getX())).append("\" y=\"").append(num(p.getY()))
                .append("\" width=\"").append(num(q.getX() - p.getX())).append("\" height=\"")
                .append(num(q.getY() - p.getY())).append('"');
        if (radius > 0) {
            out.append(" rx=\"").append(num(radius)).append('"');
        }
        out.append(fill == null ? " fill=\"none\"" : paint("fill", fill));
        if (stroke != null && strokeWidth > 0) {
            out.append(paint("stroke", stroke)).append(" stroke-width=\"").append(num(strokeWidth)).append('"');
        }
        out.append("/>\n");
    }

    private void shape(Shape s, Transform t) {
        String geometry;
        if (s instanceof Line l) {
            geometry = "<line" + xy("x1", "y1", t.transform(l.getStartX(), l.getStartY()))
                    + xy("x2", "y2", t.transform(l.getEndX(), l.getEndY()));
        } else if (s instanceof Polygon p) {
            geometry = "<polygon points=\"" + points(p.getPoints(), t) + "\"";
        } else if (s instanceof Polyline p) {
            geometry = "<polyline points=\"" + points(p.getPoints(), t) + "\"";
        } else if (s instanceof Circle c) {
            Point2D centre = t.transform(c.getCenterX(), c.getCenterY());
            double scale = t.deltaTransform(1, 0).getX();
            geometry = "<circle" + xy("cx", "cy", centre) + " r=\"" + num(c.getRadius() * scale) + "\"";
        } else if (s instanceof Rectangle r) {
            Point2D p = t.transform(r.getX(), r.getY());
            Point2D q = t.transform(r.getX() + r.getWidth(), r.getY() + r.getHeight());
            geometry = "<rect" + xy("x", "y", p) + " width=\"" + num(q.getX() - p.getX()) + "\" height=\""
                    + num(q.getY() - p.getY()) + "\"";
        } else if (s instanceof CubicCurve c) {
            geometry = "<path d=\"M" + pt(t.transform(c.getStartX(), c.getStartY())) + " C"
                    + pt(t.transform(c.getControlX1(), c.getControlY1())) + " "
                    + pt(t.transform(c.getControlX2(), c.getControlY2())) + " "
                    + pt(t.transform(c.getEndX(), c.getEndY())) + "\"";
        } else {
            return;
        }
        out.append(geometry);
        out.append(s.getFill() == null ? " fill=\"none\"" : paint("fill", s.getFill()));
        if (s.getStroke() != null) {
            out.append(paint("stroke", s.getStroke())).append(" stroke-width=\"").append(num(s.getStrokeWidth()))
                    .append('"');
            if (!s.getStrokeDashArray().isEmpty()) {
                out.append(" stroke-dasharray=\"");
                List<Double> dashes = s.getStrokeDashArray();
                for (int i = 0; i < dashes.size(); i++) {
                    out.append(i == 0 ? "" : " ").append(num(dashes.get(i)));
                }
                out.append('"');
            }
        }
        out.append("/>\n");
    }

    private void text(Text text, Transform t) {
        String s = text.getText();
        if (s == null || s.isBlank()) {
            return;
        }
        Bounds b = text.getLayoutBounds();
        Font f = text.getFont();
        String[] lines = s.split("\n");
        double lineHeight = b.getHeight() / Math.max(1, lines.length);
        for (int i = 0; i < lines.length; i++) {
            Point2D p = t.transform(b.getMinX(), b.getMinY() + text.getBaselineOffset() + i * lineHeight);
            out.append("<text").append(xy("x", "y", p)).append(" font-size=\"").append(num(f.getSize())).append('"');
            String style = f.getStyle().toLowerCase(Locale.ROOT);
            if (style.contains("bold")) {
                out.append(" font-weight=\"bold\"");
            }
            out.append(text.getFill() == null ? "" : paint("fill", text.getFill())).append('>')
                    .append(escape(lines[i])).append("</text>\n");
        }
    }

    private static String points(List<Double> pts, Transform t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < pts.size(); i += 2) {
            sb.append(i == 0 ? "" : " ").append(pt(t.transform(pts.get(i), pts.get(i + 1))));
        }
        return sb.toString();
    }

    private static String pt(Point2D p) {
        return num(p.getX()) + "," + num(p.getY());
    }

    private static String xy(String xName, String yName, Point2D p) {
        return " " + xName + "=\"" + num(p.getX()) + "\" " + yName + "=\"" + num(p.getY()) + "\"";
    }

    private static String paint(String attribute, Paint paint) {
        if (!(paint instanceof Color c) || c.getOpacity() == 0) {
            return " " + attribute + "=\"none\"";
        }
        String hex = String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
        return " " + attribute + "=\"" + hex + "\"" + (c.getOpacity() < 1
                ? " " + attribute + "-opacity=\"" + num(c.getOpacity()) + "\"" : "");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
